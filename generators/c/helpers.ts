/**
 * Formatting the C generator's templates need and cannot say simply: comment escaping for user
 * text, integer literals with the right C type, and C spellings of model types. Pure functions,
 * unit-tested in test/c/helpers.test.ts.
 */
import type { CTypeName, PrimitiveName, TypeRef } from '../../src/model/types.ts';

// -------------------------------------------------------------------------------------------------
// Comments: user text is data

/** Bidirectional controls (Trojan Source, CVE-2021-42574) and other invisible format characters. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Characters that end a line for some readers but not for the C compiler (or the other way round). */
const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029|\u0085|\u000B|\u000C/;

/** `[U+202E]`: a visible stand-in for a character that must not reach the header raw. */
function codePointTag(char: string): string {
  return `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * One line of user text made safe inside a C block comment:
 * - `*\/` and `/*` are broken up (`* /`, `/ *`): the first would end the comment and let the rest
 *   compile as code, the second trips `-Wcomment` (an error under -Werror);
 * - trigraphs (`??/` is a backslash in -std=c99) are written `?\?X`, which is no trigraph;
 * - a trailing backslash would splice the next line: it becomes the entity `&#92;`, which
 *   Doxygen and Markdown render as a backslash;
 * - control characters, bidirectional controls and lone surrogates become `[U+XXXX]`.
 */
export function escapeCommentLine(line: string): string {
  let out = '';
  for (const char of line) {
    const code = char.codePointAt(0)!;
    const control = (code < 0x20 && char !== '\t') || (code >= 0x7f && code <= 0x9f);
    const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
    out += control || loneSurrogate || BIDI.test(char) || char === '\uFEFF' ? codePointTag(char) : char;
  }
  // Repeat until stable: `*/*/` and `/**/` overlap, and escaping one can expose the next.
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/\*\//g, '* /').replace(/\/\*/g, '/ *').replace(/\?\?(?=[=/'()!<>-])/g, '?\\?');
  }
  out = out.replace(/\s+$/, '');
  return out.endsWith('\\') ? `${out.slice(0, -1)}&#92;` : out;
}

/** User text split into comment-safe lines (every Unicode line break counts as one). */
export function commentLines(text: string): string[] {
  const lines = text.split(LINE_BREAKS).map(escapeCommentLine);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines;
}

/**
 * A Doxygen block comment (`/** … *\/`) for user text, each line prefixed by `indent` (no final
 * newline); the empty string when there is no text.
 */
export function docComment(text: string, indent = ''): string {
  const lines = commentLines(text);
  if (lines.length === 0) return '';
  if (lines.length === 1 && lines[0]!.length + indent.length < 90) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`].join('\n');
}

/** A group's heading: a plain comment (not Doxygen `/**`, which would attach to the first define). */
export function groupHeading(title: string, doc: string): string {
  const lines = [commentLines(title).join(' '), ...commentLines(doc)];
  if (lines.length === 1) return `/* ${lines[0]} */`;
  return ['/*', ` * ${lines[0]}`, ' *', ...lines.slice(1).map((l) => (l === '' ? ' *' : ` * ${l}`)), ' */'].join('\n');
}

// -------------------------------------------------------------------------------------------------
// Integer literals

const INT32_MIN = -(1n << 31n);
const INT32_MAX = (1n << 31n) - 1n;
const UINT32_MAX = (1n << 32n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** The C type a literal gets: `int`, `unsigned int`, `long long`, `unsigned long long`. */
type LiteralType = 'int' | 'unsigned' | 'long long' | 'unsigned long long';

const SUFFIX: Record<LiteralType, string> = { int: '', unsigned: 'U', 'long long': 'LL', 'unsigned long long': 'ULL' };
const RANGE: Record<LiteralType, [bigint, bigint]> = {
  int: [INT32_MIN, INT32_MAX],
  unsigned: [0n, UINT32_MAX],
  'long long': [INT64_MIN, INT64_MAX],
  'unsigned long long': [0n, UINT64_MAX],
};

/**
 * The literal type for a value of a declared model type. Types narrower than int promote to int
 * anyway, so their values stay plain `int` literals (as Linux writes them); 32-bit unsigned types
 * get `U`, 64-bit ones `LL`/`ULL`, so a mask or ID has its storage's type and signedness.
 */
function literalTypeFor(type: PrimitiveName | undefined, value: bigint): LiteralType {
  const byType: Partial<Record<PrimitiveName, LiteralType>> = {
    u8: 'int', u16: 'int', le16: 'int', be16: 'int', i8: 'int', i16: 'int', i32: 'int',
    u32: 'unsigned', le32: 'unsigned', be32: 'unsigned',
    i64: 'long long', u64: 'unsigned long long', le64: 'unsigned long long', be64: 'unsigned long long',
  };
  const wanted = type ? byType[type] : undefined;
  if (wanted && value >= RANGE[wanted][0] && value <= RANGE[wanted][1]) return wanted;
  // No type, or a value outside it: the smallest of int, unsigned, long long, unsigned long long.
  for (const candidate of ['int', 'unsigned', 'long long', 'unsigned long long'] as const) {
    if (value >= RANGE[candidate][0] && value <= RANGE[candidate][1]) return candidate;
  }
  throw new RangeError(`integer ${value} does not fit in 64 bits`);
}

/**
 * A C integer literal for `value` with the type its model type implies (see literalTypeFor):
 * `34`, `0xC4000003U`, `0x8000000000000000ULL`, `(-1)`, `(-9223372036854775807LL - 1)`.
 * Negative values are always decimal and parenthesised, so `-X` in a macro cannot merge with a
 * preceding `-`, and the most negative value is written as an expression (its magnitude is no
 * literal of the type). Hex digits are upper case.
 */
export function cInteger(value: bigint | string | number, options: { type?: PrimitiveName; hex?: boolean } = {}): string {
  const v = BigInt(value);
  const literalType = literalTypeFor(options.type, v);
  const suffix = SUFFIX[literalType];
  if (v < 0n) {
    const magnitude = -v;
    if (magnitude > RANGE[literalType][1]) return `(-${magnitude - 1n}${suffix} - 1)`;
    return `(-${magnitude}${suffix})`;
  }
  return options.hex ? `0x${v.toString(16).toUpperCase()}${suffix}` : `${v}${suffix}`;
}

const C_TYPE_SUFFIX: Record<CTypeName, string> = {
  int: '', 'unsigned int': 'U', long: 'L', 'unsigned long': 'UL', 'long long': 'LL', 'unsigned long long': 'ULL',
};

/**
 * A literal of exactly the C type the model gives a constant (format 2): `4`, `4U`, `0x1UL`,
 * `(-1)`, `(-2147483647 - 1)`. Whether it is written in hex does not change its type here,
 * because a suffix-less literal only appears for `int`, and hex is used only for values that fit
 * it when the caller asks.
 */
export function cTypedInteger(value: bigint | string, cType: CTypeName, options: { hex?: boolean } = {}): string {
  const v = BigInt(value);
  const suffix = C_TYPE_SUFFIX[cType];
  if (v < 0n) {
    const magnitude = -v;
    const signedMax = cType === 'int' ? INT32_MAX : INT64_MAX;
    if (magnitude > signedMax) return `(-${magnitude - 1n}${suffix} - 1)`;
    return `(-${magnitude}${suffix})`;
  }
  // A plain hex literal above INT_MAX would be unsigned in C: an int is never written so (it cannot be that big).
  return options.hex ? `0x${v.toString(16).toUpperCase()}${suffix}` : `${v}${suffix}`;
}

// -------------------------------------------------------------------------------------------------
// Types

const PRIMITIVE_C: Record<PrimitiveName, string> = {
  char: 'char', u8: 'uint8_t', u16: 'uint16_t', u32: 'uint32_t', u64: 'uint64_t',
  i8: 'int8_t', i16: 'int16_t', i32: 'int32_t', i64: 'int64_t',
  le16: 'hvspec_le16', le32: 'hvspec_le32', le64: 'hvspec_le64',
  be16: 'hvspec_be16', be32: 'hvspec_be32', be64: 'hvspec_be64',
};

/** The C spelling of a primitive: `<stdint.h>` types, and the common header's byte-order types. */
export function cPrimitive(name: PrimitiveName): string {
  return PRIMITIVE_C[name];
}

/** The C type of a non-array type reference: enums and flag sets are stored as their storage type. */
export function cScalarType(type: Exclude<TypeRef, { kind: 'array' }>): string {
  switch (type.kind) {
    case 'primitive': return cPrimitive(type.name);
    case 'enum':
    case 'flags': return cPrimitive(type.storage.name);
    case 'struct': return `struct ${type.name}`;
    case 'union': return `union ${type.name}`;
    // Printed member by member (view.ts); a declaration never names an inline type.
    case 'inline': return type.aggregate;
  }
}

/**
 * A declaration of `name` with `type`: `hvspec_le16 addr`, `uint8_t mac[6]`, `uint8_t macs[][6]`,
 * `uint8_t key[VIRTIO_FOO_KEY_LEN]` (an array length written as a constant keeps its name, so the
 * header reads like the standard; the constant is defined earlier in the same header or one it
 * includes).
 */
export function cDeclaration(type: TypeRef, name: string): string {
  let dims = '';
  let t: TypeRef = type;
  while (t.kind === 'array') {
    dims += t.length === null ? '[]' : `[${t.lengthConstant ?? t.length}]`;
    t = t.element;
  }
  return `${cScalarType(t)} ${name}${dims}`;
}

// -------------------------------------------------------------------------------------------------
// Names

/** Pads the names of a group of `#define`s to one column, as hand-written headers do. */
export function alignNames<T extends { name: string }>(defines: T[]): T[] {
  const width = Math.max(0, ...defines.map((d) => d.name.length));
  return defines.map((d) => ({ ...d, name: d.name.padEnd(width) }));
}

/** `virtio-i2c` → `virtio-i2c.h`: the header of a spec keeps the spec id. */
export function headerFileName(specId: string): string {
  return `${specId}.h`;
}

/** `virtio-i2c` → `HVSPEC_VIRTIO_I2C_H`: include guard (no leading underscore: those are reserved). */
export function includeGuard(specId: string): string {
  return `HVSPEC_${specId.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_H`;
}

/**
 * The shift macro of a multi-bit field: Linux pairs `FOO_MASK` with `FOO_SHIFT`
 * (`PSCI_0_2_POWER_STATE_AFFL_MASK` / `_SHIFT`), so a name ending in `_MASK` swaps the suffix;
 * any other name gets `_SHIFT` appended.
 */
export function shiftName(maskName: string): string {
  return maskName.endsWith('_MASK') ? `${maskName.slice(0, -'_MASK'.length)}_SHIFT` : `${maskName}_SHIFT`;
}

/** `virtio_i2c_out_hdr`, `flags`, `id` → `VIRTIO_I2C_OUT_HDR_FLAGS_ID`: prefix of a bit-field's macros. */
export function bitfieldMacroPrefix(struct: string, field: string, bitfield: string): string {
  return `${struct}_${field}_${bitfield}`.toUpperCase();
}
