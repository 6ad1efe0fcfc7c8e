import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { readRegularFile } from '../../src/input/read-source.ts';

/*
 * A FIFO or a link to a character device named `*.md` must not hang check or build (issue 11,
 * item 4): the FIFO blocks open(2) until a writer comes and /dev/zero never ends. The CLI is run
 * as a child with a generous kill timeout only so that a regression fails instead of hanging the suite.
 */
const TOP = path.join(import.meta.dirname, '../..');
const FRONT = '---\nspec: good\ntitle: Good\nversion: 1.0.0\nstatus: draft\n---\n\nFine.\n';

function rootWithSpecialFiles(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-special-'));
  const standards = path.join(root, 'standards');
  mkdirSync(standards);
  writeFileSync(path.join(standards, 'good.md'), FRONT);
  spawnSync('mkfifo', [path.join(standards, 'pipe.md')]);
  symlinkSync('/dev/zero', path.join(standards, 'zero.md'));
  mkdirSync(path.join(standards, 'folder.md'));
  return root;
}

function hvspec(root: string, command: string): { code: number | null; stdout: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), '-C', root, command, ...(command === 'check' ? ['--format', 'github'] : [])], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout + r.stderr, signal: r.signal };
}

describe('special files named like documents', () => {
  const root = rootWithSpecialFiles();
  for (const command of ['check', 'build']) {
    test(`${command} reports them at 1:1 and does not hang`, () => {
      const r = hvspec(root, command);
      assert.equal(r.signal, null, `${command} was killed: it hung`);
      assert.equal(r.code, 1);
      // check prints GitHub annotations (which need a line), build prints text: both place each file at 1:1.
      const lines = r.stdout.split('\n').filter((l) => /^::error|^standards\//.test(l));
      const at = (file: string): string =>
        lines.find((l) => l.startsWith(`standards/${file}:`) || l.includes(`file=standards/${file},`)) ?? '';
      const place = command === 'check' ? 'line=1,col=1' : ':1:1:';
      assert.match(at('pipe.md'), new RegExp(`${place}.*HV1001.*a FIFO, not a regular file`));
      assert.match(at('zero.md'), new RegExp(`${place}.*HV1005`));
      assert.match(at('folder.md'), new RegExp(`${place}.*HV1001`));
      assert.equal(lines.length, 3, r.stdout);
    });
  }

  test('readRegularFile opens only regular files and never blocks', () => {
    const standards = path.join(root, 'standards');
    assert.deepEqual(readRegularFile(path.join(standards, 'pipe.md')), { kind: 'not-regular', what: 'a FIFO' });
    assert.deepEqual(readRegularFile('/dev/zero'), { kind: 'not-regular', what: 'a character device' });
    assert.deepEqual(readRegularFile(path.join(standards, 'folder.md')), { kind: 'not-regular', what: 'a directory' });
    assert.deepEqual(readRegularFile(path.join(standards, 'missing.md')), { kind: 'error', code: 'ENOENT' });
    const good = readRegularFile(path.join(standards, 'good.md'));
    assert.equal(good.kind === 'bytes' && good.bytes.toString('utf8'), FRONT);
    assert.deepEqual(readRegularFile(path.join(standards, 'good.md'), 10), { kind: 'too-large', size: FRONT.length });
  });
});
