/** Unit tests of the Rust generator's text and naming helpers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docComment, docLines, escapeDocLine, hexGrouped, intLiteral, defaultConstType } from '../../generators/rust/helpers.ts';
import { flagConstNames, moduleName, typeName, valueName, variantNames, methodName } from '../../generators/rust/naming.ts';

describe('rust helpers: doc comments', () => {
  it('splits every kind of line break into its own comment line', () => {
    assert.deepEqual(docLines('a\nb\r\nc\rd\u2028e\u2029f\u0085g'), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('writes controls, bidi and zero-width characters as visible escapes', () => {
    assert.equal(escapeDocLine('a\u0000b\u0007c\u001bd\u007fe'), 'a\\u{0000}b\\u{0007}c\\u{001B}d\\u{007F}e');
    assert.equal(escapeDocLine('x\u202ey\u2066z\u200bw\ufeff'), 'x\\u{202E}y\\u{2066}z\\u{200B}w\\u{FEFF}');
    assert.equal(escapeDocLine('lone \ud800 surrogate'), 'lone \\u{D800} surrogate');
    assert.equal(escapeDocLine('pair \ud83d\ude00 kept'), 'pair \ud83d\ude00 kept');
  });

  it('neutralises code fences and indented code so rustdoc runs no doctest', () => {
    assert.equal(escapeDocLine('```rust'), '\\`\\`\\`rust');
    assert.equal(escapeDocLine('~~~~'), '\\~\\~\\~\\~');
    assert.equal(escapeDocLine('    indented();'), 'indented();');
    assert.equal(escapeDocLine('> \t    quoted code'), '> quoted code');
    assert.equal(escapeDocLine('keep `inline` code'), 'keep `inline` code');
  });

  it('puts bare URLs in angle brackets, leaves linked ones alone', () => {
    assert.deepEqual(docLines('see https://example.org/a.html.'), ['see <https://example.org/a.html.>']);
    assert.deepEqual(docLines('[x](https://example.org) <https://example.org>'), ['[x](https://example.org) <https://example.org>']);
  });

  it('shows [[name]] cross-references as code', () => {
    assert.deepEqual(docLines('see [[psci.CPU_ON]] and [[spec:virtio-core]]'), ['see `psci.CPU_ON` and `spec:virtio-core`']);
  });

  it('prefixes every line, with blank lines as bare markers', () => {
    assert.equal(docComment('one\n\ntwo', '    '), '    /// one\n    ///\n    /// two\n');
    assert.equal(docComment('*/ x', '', true), '//! */ x\n');
    assert.equal(docComment('\n\n'), '');
  });
});

describe('rust helpers: integer literals', () => {
  it('prints small values in decimal and large ones in grouped hex', () => {
    assert.equal(intLiteral('34', 'u32'), '34');
    assert.equal(intLiteral('3288334339', 'u32'), '0xc400_0003');
    assert.equal(intLiteral('-1', 'i32'), '-1');
    assert.equal(intLiteral('-2147483648', 'i32'), 'i32::MIN');
    assert.equal(intLiteral(-(1n << 63n), 'i64'), 'i64::MIN');
    assert.equal(intLiteral('18446744073709551615', 'u64'), '0xffff_ffff_ffff_ffff');
    assert.equal(hexGrouped(0x12345n), '0x1_2345');
  });

  it('rejects values the type cannot hold (a generator bug, not user input)', () => {
    assert.throws(() => intLiteral('256', 'u8'));
    assert.throws(() => intLiteral('-1', 'u64'));
    assert.throws(() => intLiteral('2147483648', 'i32'));
  });

  it('picks the smallest default type of an untyped constant', () => {
    assert.equal(defaultConstType(5n), 'u32');
    assert.equal(defaultConstType(1n << 32n), 'u64');
    assert.equal(defaultConstType(-5n), 'i32');
    assert.equal(defaultConstType(-(1n << 40n)), 'i64');
  });
});

describe('rust naming', () => {
  it('names types, values, methods and modules', () => {
    assert.equal(typeName('virtio_i2c_out_hdr'), 'VirtioI2cOutHdr');
    assert.equal(typeName('result'), 'Result_', 'would shadow the prelude type the code uses');
    assert.equal(typeName('self'), 'Self_');
    assert.equal(valueName('type'), 'r#type');
    assert.equal(valueName('self'), 'self_');
    assert.equal(methodName('CPU_ON'), 'cpu_on');
    assert.equal(methodName('TYPE'), 'r#type');
    assert.equal(moduleName('virtio-i2c'), 'virtio_i2c');
    assert.equal(moduleName('endian'), 'endian_spec', 'a spec cannot shadow the shared module');
    assert.equal(moduleName('type'), 'r#type');
  });

  it('strips the common prefix of enum values, keeping valid distinct names', () => {
    assert.deepEqual(variantNames(['PSCI_RET_SUCCESS', 'PSCI_RET_NOT_SUPPORTED']), ['Success', 'NotSupported']);
    assert.deepEqual(variantNames(['VIRTIO_I2C_MSG_OK']), ['VirtioI2cMsgOk'], 'one value: nothing to strip');
    assert.deepEqual(variantNames(['FOO_1', 'FOO_2']), ['Foo1', 'Foo2'], 'a remainder may not start with a digit');
    assert.deepEqual(variantNames(['X_SELF', 'X_OTHER']), ['Self_', 'Other']);
    assert.deepEqual(variantNames(['A_B', 'A__B']), ['AB', 'AB2'], 'duplicates fall back to full names, then get numbered');
  });

  it('strips the common prefix of flag names', () => {
    assert.deepEqual(flagConstNames(['VIRTIO_I2C_FLAGS_FAIL_NEXT', 'VIRTIO_I2C_FLAGS_M_RD']), ['FAIL_NEXT', 'M_RD']);
  });
});
