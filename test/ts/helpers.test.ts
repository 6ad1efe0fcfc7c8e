/** Unit tests of the TypeScript generator's text helpers and naming rules. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docComment, intLiteral, needsBigInt, tsString } from '../../generators/ts/helpers.ts';
import { SpecNames, moduleAlias, propertyName, tsBinding, typeName } from '../../generators/ts/names.ts';

describe('docComment', () => {
  test('one line stays on one line; several lines become a block', () => {
    assert.equal(docComment('Hello.'), '/** Hello. */\n');
    assert.equal(docComment('One.', ['Offset 0.'], '  '), '  /**\n   * One.\n   *\n   * Offset 0.\n   */\n');
    assert.equal(docComment(''), '');
    assert.equal(docComment('\n\n'), '');
  });

  test('a comment terminator cannot end the comment', () => {
    assert.equal(docComment('a */ b'), '/** a *\\/ b */\n');
    assert.equal(docComment('**/'), '/** **\\/ */\n');
    assert.equal(docComment('*/*/'), '/** *\\/*\\/ */\n');
  });

  test('line breaks of every kind become comment lines; U+2028/2029 become visible escapes', () => {
    assert.equal(docComment('a\r\nb\rc\nd'), '/**\n * a\n * b\n * c\n * d\n */\n');
    assert.equal(docComment('a\u2028b\u2029c'), '/** a\\u{2028}b\\u{2029}c */\n');
  });

  test('bidi, zero-width, control characters and lone surrogates become visible escapes', () => {
    assert.equal(docComment('x\u202Ey\u2066z\u200Bw\uFEFF'), '/** x\\u{202E}y\\u{2066}z\\u{200B}w\\u{FEFF} */\n');
    assert.equal(docComment('\u0000\u0007\u001B\u007F\u0085'), '/** \\u{0}\\u{7}\\u{1B}\\u{7F}\\u{85} */\n');
    assert.equal(docComment('a\uD800b'), '/** a\\u{D800}b */\n');
    assert.equal(docComment('tab\there'), '/** tab\there */\n');
  });

  test('every @ is escaped so no JSDoc tag or inline link can start', () => {
    assert.equal(docComment('@deprecated {@link x} a@b'), '/** \\@deprecated {\\@link x} a\\@b */\n');
  });
});

describe('tsString', () => {
  test('round-trips through the JavaScript parser and stays on one line', () => {
    const hostile = 'a"b\'c`d${e}\\f\ng\u2028h\u2029i\u202Ej\u0000k\uD800l</script>';
    const literal = tsString(hostile);
    assert.ok(!/[\n\u2028\u2029\u202E\u0000]/.test(literal));
    // Evaluating the literal as JavaScript gives back exactly the text, lone surrogate included.
    assert.equal(new Function(`return ${literal};`)(), hostile);
  });
});

describe('intLiteral', () => {
  test('numbers, bigints, hex and signs', () => {
    assert.equal(intLiteral('34', false), '34');
    assert.equal(intLiteral('-2', false), '-2');
    assert.equal(intLiteral('3288334339', false, true), '0xc4000003');
    assert.equal(intLiteral('18446744073709551615', true), '18446744073709551615n');
    assert.equal(intLiteral('9223372036854775808', true, true), '0x8000000000000000n');
    assert.equal(intLiteral('-9223372036854775808', true), '-9223372036854775808n');
  });

  test('a number literal that would round is refused', () => {
    assert.throws(() => intLiteral('9007199254740993', false), /needs a bigint/);
    assert.equal(needsBigInt('9007199254740991'), false);
    assert.equal(needsBigInt('9007199254740992'), true);
    assert.equal(needsBigInt('-9007199254740992'), true);
  });
});

describe('names', () => {
  test('types are PascalCase, properties camelCase, keywords kept as keys and escaped as bindings', () => {
    assert.equal(typeName('virtio_i2c_out_hdr'), 'VirtioI2cOutHdr');
    assert.equal(typeName('i2c-adapter'), 'I2cAdapter');
    assert.equal(propertyName('fence_id'), 'fenceId');
    assert.equal(propertyName('type'), 'type');
    assert.equal(propertyName('_8bit'), '_8bit');
    assert.equal(tsBinding('let'), 'let_');
    assert.equal(tsBinding('yield'), 'yield_');
    assert.equal(tsBinding('VIRTIO_F_VERSION_1'), 'VIRTIO_F_VERSION_1');
    assert.equal(tsBinding('DataView'), 'DataView_');
    assert.equal(tsBinding('Uint8Array'), 'Uint8Array_');
    assert.equal(moduleAlias('virtio-i2c'), '$virtio_i2c');
  });

  test('a derived name that collides with an author name moves, the author name does not', () => {
    const names = new SpecNames('x');
    assert.equal(names.claim('const', 'FOO_SIZE', 'FOO_SIZE'), 'FOO_SIZE');
    assert.equal(names.claim('size', 'foo', 'FOO_SIZE'), 'FOO_SIZE_');
    assert.equal(names.claim('size', 'foo', 'FOO_SIZE'), 'FOO_SIZE_', 'claiming twice gives the same name');
    assert.equal(names.get('size', 'foo'), 'FOO_SIZE_');
    assert.throws(() => names.get('encode', 'foo'), /no encode name/);
  });
});
