/**
 * Format 2 values in the Rust crate (test/c/fixtures/values): aliases equal their originals,
 * legacy items are `#[deprecated]`, and the value-layout functions compute what the C macros do
 * (expected values written by hand, as in test/c/values.test.ts).
 *
 * Run: node --import tsx --test test/rust/values.test.ts
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CRATE, buildLibrary, modelOf, needTool, runRustTests, writeCrate } from './support.ts';

const FIXTURE = fileURLToPath(new URL('../c/fixtures/values/', import.meta.url));

test('aliases, legacy items and value-layout functions of the values fixture', async (t) => {
  const rustc = needTool(t, 'rustc');
  if (!rustc) return;
  const crate = writeCrate(await modelOf(FIXTURE), 'hvspec-rust-values-');
  assert.deepEqual(crate.warnings, []);
  const source = crate.files.get('src/values.rs')!;
  assert.match(source, /#\[deprecated\(note = "legacy: C hides it under VALUES_NO_LEGACY"\)\]\npub const VAL_LEGACY: u32 = 7;/);
  const rlib = buildLibrary(rustc, crate);
  const tests = `use ${CRATE}::values::*;
#[test] fn aliases() { assert_eq!(VAL_SUM_OLD, 0x8400_0004); assert_eq!(VALUES_F_OLD_NAME, 28); assert_eq!(VALUES_FLAG_MIDDLE, 0xF00); }
#[test] fn derived() { assert_eq!(VAL_MAJOR_MASK, 0xFFFF_0000); assert_eq!(VAL_MIXED, 258); assert_eq!(VAL_WIDE, 1u64 << 40); }
#[test] fn layout() {
    assert_eq!(values_low(0xABCD), 0xCD);
    assert_eq!(values_mid(0xABCD), 0xB);
    assert_eq!(values_high(0xC000_0000), 3);
    assert_eq!(values_make(3, 0xA, 0xBC), 0xC000_0ABC);
}
#[test] #[allow(deprecated)] fn legacy_still_usable() { assert_eq!(VAL_LEGACY, 7); assert_eq!(VAL_LEGACY_ALIAS, 7); }
`;
  const output = runRustTests(rustc, crate, rlib, 'values_tests', tests);
  assert.match(output, /test result: ok\. 4 passed/);
});
