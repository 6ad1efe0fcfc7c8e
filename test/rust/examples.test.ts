/**
 * The golden vectors of the corpus through the generated Rust crate: for each struct example a
 * `#[test]` decodes the bytes with the struct's `Wire` implementation, compares every field with
 * the value the standard gives, encodes the value back and compares the bytes (for a struct with
 * a flexible array, its fixed part: the crate's `Wire` covers that); for each call example, the
 * generated function-ID constant is compared with the example's ID. Built with `rustc --test
 * -D warnings` against the crate and run.
 *
 * Run: node --import tsx --test test/rust/examples.test.ts
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { moduleName, typeName, valueName } from '../../generators/rust/naming.ts';
import type { CallExample, Model, StructExample } from '../../src/model/types.ts';
import { buildLibrary, CRATE, modelOf, needTool, PROJECT_ROOT, runRustTests, writeCrate } from './support.ts';

const LEAF_TRAIT = `
/// A field's value as the standard writes it: unsigned, two's complement for signed types.
trait Leaf { fn leaf(&self) -> u64; }
macro_rules! leaf_int { ($($t:ty => $u:ty),*) => {$( impl Leaf for $t { fn leaf(&self) -> u64 { (*self as $u) as u64 } } )*}; }
leaf_int!(u8 => u8, u16 => u16, u32 => u32, u64 => u64, i8 => u8, i16 => u16, i32 => u32, i64 => u64);
macro_rules! leaf_endian { ($($t:ident),*) => {$( impl Leaf for ${CRATE}::endian::$t { fn leaf(&self) -> u64 { self.get() as u64 } } )*}; }
leaf_endian!(Le16, Le32, Le64, Be16, Be32, Be64);
`;

const rustPath = (path: string): string => path.split('.').map((part) => part.replace(/^[^[]+/, (name) => valueName(name))).join('.');
const bytesOf = (hex: string): string[] => (hex.match(/../g) ?? []).map((b) => `0x${b}`);

function structTest(model: Model, example: StructExample): string {
  const struct = model.specs.find((s) => s.id === example.type.spec)!.structs.find((s) => s.name === example.type.name)!;
  const type = `${CRATE}::${moduleName(example.type.spec)}::${typeName(struct.name)}`;
  const bytes = bytesOf(example.bytes);
  const fixed = struct.size;
  const checks = example.leaves
    .filter((leaf) => leaf.offset + leaf.size <= fixed) // the flexible array's elements follow the struct
    .map((leaf) => `    assert_eq!(unsafe { value.${rustPath(leaf.path)} }.leaf(), 0x${BigInt(leaf.value).toString(16)}, "${example.name}: ${leaf.path}");`);
  return `
#[test]
fn ${example.name.replace(/-/g, '_')}() {
    const BYTES: [u8; ${bytes.length}] = [${bytes.join(', ')}];
    let value = <${type} as Wire>::decode(&BYTES[..${fixed}]);
${checks.join('\n')}
    let mut out = [0u8; ${fixed}];
    value.encode(&mut out);
    assert_eq!(&out[..], &BYTES[..${fixed}], "${example.name}: encoded bytes");
}
`;
}

function callTest(model: Model, example: CallExample): string {
  const owner = model.specs.find((s) => s.hypercalls.some((h) => h.functions.some((f) => f.idName === example.function)))!;
  return `
#[test]
fn ${example.name.replace(/-/g, '_')}() {
    assert_eq!(${CRATE}::${moduleName(owner.id)}::${example.function} as u64, 0x${BigInt(example.id).toString(16)}, "${example.name}");
}
`;
}

describe('Rust examples', () => {
  test('every example of the corpus as a #[test] against the generated crate', async (t) => {
    const rustc = needTool(t, 'rustc');
    if (!rustc) return;
    const model = await modelOf(PROJECT_ROOT);
    const examples = model.specs.flatMap((s) => s.examples);
    const tests = examples.map((e) => (e.kind === 'struct' ? structTest(model, e) : callTest(model, e)));
    assert.ok(tests.length >= 9, `examples: ${tests.length}`);
    const source = `#![allow(unused_unsafe)]\nuse ${CRATE}::endian::Wire;\n${LEAF_TRAIT}${tests.join('')}`;
    const crate = writeCrate(model, 'hvspec-rust-examples-');
    try {
      const rlib = buildLibrary(rustc, crate);
      const output = runRustTests(rustc, crate, rlib, 'examples', source);
      assert.match(output, new RegExp(`test result: ok\\. ${tests.length} passed; 0 failed`));
    } finally {
      rmSync(crate.dir, { recursive: true, force: true });
    }
  });
});
