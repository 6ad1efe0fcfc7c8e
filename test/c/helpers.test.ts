import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cDeclaration, cInteger, commentLines, docComment, escapeCommentLine, includeGuard, shiftName } from '../../generators/c/helpers.ts';
import { functionStem } from '../../generators/c/wrappers.ts';
import type { Primitive, TypeRef } from '../../src/model/types.ts';

const u8: Primitive = { kind: 'primitive', name: 'u8', size: 1, align: 1, signed: false, endian: 'native' };
const le16: Primitive = { kind: 'primitive', name: 'le16', size: 2, align: 2, signed: false, endian: 'little' };

describe('escapeCommentLine', () => {
  it('breaks comment terminators and openers', () => {
    assert.equal(escapeCommentLine('a */ int x; /* b'), 'a * / int x; / * b');
    assert.equal(escapeCommentLine('*/*/'), '* / * /');
    assert.equal(escapeCommentLine('/**/'), '/ ** /');
    assert.ok(!/\*\/|\/\*/.test(escapeCommentLine('//**//**/**/')));
  });
  it('defuses trigraphs', () => {
    assert.equal(escapeCommentLine('what??/'), 'what?\\?/');
    assert.equal(escapeCommentLine('??= ??( ??! ??-'), '?\\?= ?\\?( ?\\?! ?\\?-');
    assert.equal(escapeCommentLine('why?? no'), 'why?? no');
  });
  it('never ends a line with a backslash', () => {
    assert.equal(escapeCommentLine('path C:\\'), 'path C:&#92;');
    assert.equal(escapeCommentLine('x \\   '), 'x &#92;');
    assert.equal(escapeCommentLine('a\\b'), 'a\\b');
  });
  it('tags control, bidi and lone-surrogate characters', () => {
    assert.equal(escapeCommentLine('a\u202Eb\u2066c'), 'a[U+202E]b[U+2066]c');
    assert.equal(escapeCommentLine('bell\u0007 esc\u001b del\u007f'), 'bell[U+0007] esc[U+001B] del[U+007F]');
    assert.equal(escapeCommentLine('\uD800x'), '[U+D800]x');
    assert.equal(escapeCommentLine('tab\tok, é ok'), 'tab\tok, é ok');
  });
});

describe('commentLines / docComment', () => {
  it('splits on every Unicode line break', () => {
    assert.deepEqual(commentLines('a\u2028b\u2029c\r\nd\re\u0085f'), ['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('gives a one-line or a multi-line block, and nothing for empty text', () => {
    assert.equal(docComment(''), '');
    assert.equal(docComment('  \n '), '');
    assert.equal(docComment('Target address.'), '/** Target address. */');
    assert.equal(docComment('one\n\ntwo', '\t'), '\t/**\n\t * one\n\t *\n\t * two\n\t */');
  });
});

describe('cInteger', () => {
  it('types literals by the declared type', () => {
    assert.equal(cInteger('1', { type: 'u8' }), '1');
    assert.equal(cInteger('2', { type: 'le32', hex: true }), '0x2U');
    assert.equal(cInteger('3288334339', { type: 'u32', hex: true }), '0xC4000003U');
    assert.equal(cInteger('1', { type: 'u64' }), '1ULL');
    assert.equal(cInteger('1', { type: 'i64' }), '1LL');
    assert.equal(cInteger('-1', { type: 'i32' }), '(-1)');
  });
  it('types literals by value when no type is given', () => {
    assert.equal(cInteger(34), '34');
    assert.equal(cInteger('2147483648'), '2147483648U');
    assert.equal(cInteger('4294967296', { hex: true }), '0x100000000LL');
    assert.equal(cInteger('18446744073709551615', { hex: true }), '0xFFFFFFFFFFFFFFFFULL');
    assert.equal(cInteger('9223372036854775808'), '9223372036854775808ULL');
  });
  it('writes the most negative values as expressions', () => {
    assert.equal(cInteger('-2147483648', { type: 'i32' }), '(-2147483647 - 1)');
    assert.equal(cInteger('-9223372036854775808', { type: 'i64' }), '(-9223372036854775807LL - 1)');
    assert.equal(cInteger('-2147483649'), '(-2147483649LL)');
  });
  it('widens when a value does not fit its declared type', () => {
    assert.equal(cInteger('4294967296', { type: 'u32' }), '4294967296LL');
  });
  it('rejects values beyond 64 bits', () => {
    assert.throws(() => cInteger('18446744073709551616'), RangeError);
  });
});

describe('cDeclaration', () => {
  it('spells arrays, flexible arrays and named lengths', () => {
    assert.equal(cDeclaration(le16, 'addr'), 'hvspec_le16 addr');
    const mac: TypeRef = { kind: 'array', element: u8, length: 6 };
    assert.equal(cDeclaration(mac, 'mac'), 'uint8_t mac[6]');
    assert.equal(cDeclaration({ kind: 'array', element: mac, length: null }, 'macs'), 'uint8_t macs[][6]');
    assert.equal(cDeclaration({ kind: 'array', element: u8, length: 16, lengthConstant: 'FOO_LEN' }, 'key'), 'uint8_t key[FOO_LEN]');
    assert.equal(cDeclaration({ kind: 'flags', name: 'f', spec: 's', storage: le16 }, 'flags'), 'hvspec_le16 flags');
    assert.equal(cDeclaration({ kind: 'struct', name: 'virtio_i2c_out_hdr', spec: 's' }, 'hdr'), 'struct virtio_i2c_out_hdr hdr');
  });
});

describe('names', () => {
  it('derives guards and shift macros', () => {
    assert.equal(includeGuard('virtio-i2c'), 'HVSPEC_VIRTIO_I2C_H');
    assert.equal(shiftName('PSCI_0_2_POWER_STATE_AFFL_MASK'), 'PSCI_0_2_POWER_STATE_AFFL_SHIFT');
    assert.equal(shiftName('ARM_SMCCC_OWNER_FIELD'), 'ARM_SMCCC_OWNER_FIELD_SHIFT');
  });
});

describe('functionStem', () => {
  it('drops words the function name repeats from the interface name', () => {
    assert.equal(functionStem('ffa', 'FFA_ID_GET_32'), 'ffa_id_get_32');
    assert.equal(functionStem('psci', 'PSCI_VERSION'), 'psci_version');
    assert.equal(functionStem('psci', 'CPU_ON'), 'psci_cpu_on');
    assert.equal(functionStem('arm_smccc_trng', 'TRNG_RND64'), 'arm_smccc_trng_rnd64');
    assert.equal(functionStem('kvm_x86', 'KICK_CPU'), 'kvm_x86_kick_cpu');
    assert.equal(functionStem('psci', 'PSCI'), 'psci_psci', 'keeps at least one word of the function');
    assert.equal(functionStem('xen', 'set_trap_table'), 'xen_set_trap_table');
  });
});
