import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const TOP = path.join(import.meta.dirname, '../..');

function diff(oldRoot: string, newRoot: string): { code: number; out: string } {
  const r = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), 'diff', oldRoot, newRoot, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, out: r.stdout };
}

test('a breaking change is accepted by a reviewed `breaking:` entry in the front matter', () => {
  const oldRoot = mkdtempSync(path.join(tmpdir(), 'hvspec-sup-old-'));
  const newRoot = mkdtempSync(path.join(tmpdir(), 'hvspec-sup-new-'));
  cpSync(path.join(TOP, 'standards'), path.join(oldRoot, 'standards'), { recursive: true });
  cpSync(path.join(TOP, 'standards'), path.join(newRoot, 'standards'), { recursive: true });
  const doc = path.join(newRoot, 'standards/virtio-i2c.md');
  writeFileSync(doc, readFileSync(doc, 'utf8').replace(/virtio_i2c_out_hdr/g, 'virtio_i2c_out_header'));
  assert.equal(diff(oldRoot, newRoot).code, 1, 'a renamed struct without a major version breaks');

  writeFileSync(doc, readFileSync(doc, 'utf8').replace('status: standard\n',
    'status: standard\nbreaking:\n  - { rule: HV6901, reason: "Renamed before any implementation shipped." }\n'));
  const accepted = diff(oldRoot, newRoot);
  assert.equal(accepted.code, 0, accepted.out);
  assert.match(accepted.out, /Renamed before any implementation shipped/);
});
