/**
 * Format 2 values in the TypeScript package (test/c/fixtures/values): aliases equal their
 * originals, legacy items carry a real `@deprecated` tag, and the value-layout functions compute
 * what the C macros do (expected values written by hand), unsigned on 32 bits. The package also
 * passes `tsc --strict`.
 *
 * Run: node --import tsx --test test/ts/values.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileRoot, generateInto, loadModule, projectRoot, scratch } from './support.ts';

test('aliases, legacy tags and value-layout functions of the values fixture', async (t) => {
  const model = await compileRoot(join(projectRoot, 'test/c/fixtures/values'));
  if (!model) { t.skip('no core'); return; }
  const dir = scratch('values');
  await generateInto(model, dir);
  const m = await loadModule(dir, 'values') as Record<string, unknown> & {
    valuesLow(v: number): number; valuesMid(v: number): number; valuesHigh(v: number): number; valuesMake(a: number, b: number, c: number): number;
  };
  assert.equal(m.VAL_SUM_OLD, 0x84000004);
  assert.equal(m.VALUES_F_OLD_NAME, 28);
  assert.equal(m.VALUES_FLAG_MIDDLE, 0xf00);
  assert.equal(m.VAL_MAJOR_MASK, 0xffff0000);
  assert.equal(m.valuesLow(0xabcd), 0xcd);
  assert.equal(m.valuesMid(0xabcd), 0xb);
  assert.equal(m.valuesHigh(0xc0000000), 3);
  assert.equal(m.valuesMake(3, 0xa, 0xbc), 0xc0000abc, 'unsigned, not the negative int32');
  const source = readFileSync(join(dir, 'src/values.ts'), 'utf8');
  assert.match(source, /\n \* @deprecated Legacy: C hides it under VALUES_NO_LEGACY\.\n \*\/\nexport const VAL_LEGACY = 7;/);
  execFileSync(join(projectRoot, 'node_modules/.bin/tsc'), ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', join(dir, 'src/values.ts')], { stdio: 'pipe' });
});
