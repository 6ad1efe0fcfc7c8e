/**
 * The golden vectors of the corpus through the generated Rust crate. The generator emits them as
 * the crate's own unit tests (`src/examples.rs`, `#[cfg(test)]`): each struct example is decoded
 * with the struct's `Wire` implementation, compared field by field with the values the standard
 * gives, and encoded back to the same bytes; each call example's function-ID constant is compared
 * with the example's ID. Here the crate is built with `rustc --test -D warnings` (what `cargo test`
 * does) and every example of the corpus must have run and passed.
 *
 * Run: node --import tsx --test test/rust/examples.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CRATE, modelOf, needTool, PROJECT_ROOT, writeCrate } from './support.ts';

describe('Rust examples', () => {
  test('the crate runs every example of the corpus as a #[test] and all pass', async (t) => {
    const rustc = needTool(t, 'rustc');
    if (!rustc) return;
    const model = await modelOf(PROJECT_ROOT);
    const names = model.specs.flatMap((s) => s.examples.map((e) => e.name.replace(/-/g, '_')));
    assert.ok(names.length >= 9, `examples: ${names.length}`);
    const crate = writeCrate(model, 'hvspec-rust-examples-');
    try {
      assert.ok(crate.files.has('src/examples.rs'), 'the crate has src/examples.rs');
      const binary = join(crate.dir, 'crate-tests');
      execFileSync(rustc, ['--edition', '2021', '--test', '-D', 'warnings', '--crate-name', CRATE, '-o', binary, join(crate.dir, 'src', 'lib.rs')], { cwd: crate.dir, stdio: 'pipe' });
      const output = execFileSync(binary, ['--test-threads=1', 'examples::'], { cwd: crate.dir, encoding: 'utf8' });
      for (const name of names) assert.match(output, new RegExp(`^test examples::${name} \\.\\.\\. ok$`, 'm'), `${name} ran and passed`);
      assert.match(output, new RegExp(`test result: ok\\. ${names.length} passed; 0 failed`));
    } finally {
      rmSync(crate.dir, { recursive: true, force: true });
    }
  });
});
