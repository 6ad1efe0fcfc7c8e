/**
 * `hvspec diff` compares inline members by their leaves: moving a field into an anonymous union
 * beside a second name for it (virtio_balloon_config's command id) changes nothing a peer sees;
 * removing that second name is a removed field.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/hvspec.js', import.meta.url));
const FRONT = '---\nspec: a\ntitle: Test a\nversion: 1.0.0\nstatus: draft\n---\n\n';

function corpus(fields: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-inline-diff-'));
  mkdirSync(join(dir, 'standards'));
  writeFileSync(join(dir, 'standards', 'a.md'), `${FRONT}\`\`\`hvspec struct\nname: cfg\nfields:\n  - { name: num_pages, type: le32 }\n${fields}\`\`\`\n`);
  return dir;
}

const plain = corpus('  - { name: free_page_hint_cmd_id, type: le32 }\n');
const aliased = corpus('  - union:\n      fields:\n        - { name: free_page_hint_cmd_id, type: le32 }\n        - { name: free_page_report_cmd_id, type: le32 }\n');

function diff(oldDir: string, newDir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, 'diff', oldDir, newDir, '--format', 'json'], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout };
}

test('a field moved into an anonymous union with a second name for it is no breaking change', () => {
  const r = diff(plain, aliased);
  assert.equal(r.status, 0, r.out);
});

test('removing a view of an anonymous union is a removed field', () => {
  const r = diff(aliased, plain);
  assert.equal(r.status, 1);
  assert.match(r.out, /HV6208/);
  assert.match(r.out, /free_page_report_cmd_id/);
});
