/**
 * What `hvspec build` removes and `build --check` reports in a target folder: files it no longer
 * writes are extra, but paths the target's generated `.gitignore` gives to the consumer's own
 * tools (`cargo test` in output/rust leaves `Cargo.lock` and `target/`) are neither reported nor
 * deleted.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { staleFiles, writeFolder, type OutputFile } from '../../src/output/write.ts';

const root = mkdtempSync(path.join(tmpdir(), 'hvspec-extra-'));
after(() => rmSync(root, { recursive: true, force: true }));

const files: OutputFile[] = [
  { path: '.gitignore', contents: '/target\n/Cargo.lock\n' },
  { path: 'src/lib.rs', contents: '#![no_std]\n' },
];

test('cargo\'s files stay; a file the build no longer writes is reported and removed', async () => {
  await writeFolder(root, 'rust', files, true);
  const dir = path.join(root, 'rust');
  writeFileSync(path.join(dir, 'Cargo.lock'), 'version = 3\n');
  mkdirSync(path.join(dir, 'target/debug'), { recursive: true });
  writeFileSync(path.join(dir, 'target/debug/crate'), 'binary');
  writeFileSync(path.join(dir, 'src/old.rs'), '// a module of a removed standard\n');

  assert.deepEqual(await staleFiles(root, 'rust', files, true), ['rust/src/old.rs (no longer generated)']);
  await writeFolder(root, 'rust', files, true);
  assert.equal(existsSync(path.join(dir, 'src/old.rs')), false);
  assert.equal(existsSync(path.join(dir, 'Cargo.lock')), true);
  assert.equal(existsSync(path.join(dir, 'target/debug/crate')), true);
  assert.deepEqual(await staleFiles(root, 'rust', files, true), []);
});
