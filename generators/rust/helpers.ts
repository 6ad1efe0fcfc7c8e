/**
 * Text helpers of the Rust generator: escaping user text into doc comments and printing integer
 * literals. Names (case conversion, keyword escaping) live in ./naming.ts.
 *
 * User text (doc strings, titles) is data. It only ever reaches the output as `///` or `//!` line
 * comments, one output line per input line, so no terminator or continuation can end the comment
 * early; characters Rust rejects or that could hide code from a reviewer are written as visible
 * `\u{…}` escapes; Markdown code blocks are neutralised so rustdoc cannot turn a doc string into
 * a doctest that runs.
 */

import { CROSS_REFERENCE, referenceName } from '../../src/parse/reference-syntax.ts';

/** Characters that break lines in some editor or renderer: each starts a new comment line. */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029\v\f]/;

/**
 * Characters never written as themselves: C0/C1 controls (tab excepted), DEL, bidirectional
 * controls (Rust denies them in comments: `text_direction_codepoint_in_comment`), the BOM,
 * zero-width characters, and lone surrogates (not encodable as UTF-8).
 */
const UNSAFE_CHAR =
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visibleEscape(char: string): string {
  return `\\u{${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;
}

/**
 * One line of user text made safe for a Rust line comment and for rustdoc's Markdown:
 * - unsafe characters become `\u{XXXX}` text;
 * - runs of three or more backticks or tildes (code fences) have their characters escaped, and
 *   leading and repeated blanks are collapsed, so no fenced or indented code block (a doctest)
 *   can start in a doc comment.
 */
export function escapeDocLine(line: string): string {
  return line
    .replace(UNSAFE_CHAR, visibleEscape)
    .replace(/\t/g, ' ')
    .replace(/`{3,}|~{3,}/g, (run) => run.replace(/./g, '\\$&'))
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A URL not already inside `<...>`, `(...)` or backticks: rustdoc wants it in angle brackets to link it. */
const BARE_URL = /(?<![<(`])\bhttps?:\/\/[^\s<>()`]+/g;

/** User text as lines of safe comment text (no line is empty at the ends). */
export function docLines(text: string): string[] {
  const lines = text
    // `[[name]]` cross-references are shown as code (rustdoc would read them as links).
    .replace(CROSS_REFERENCE, (_whole: string, inner: string) => `\`${referenceName(inner)}\``)
    .replace(BARE_URL, '<$&>')
    .split(LINE_BREAK)
    .map(escapeDocLine);
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * `text` as `///` (or `//!` for `inner`) comment lines, each prefixed with `indent` and ended with
 * a newline; empty string for empty text.
 */
export function docComment(text: string, indent = '', inner = false): string {
  const marker = inner ? '//!' : '///';
  return docLines(text)
    .map((line) => (line === '' ? `${indent}${marker}\n` : `${indent}${marker} ${line}\n`))
    .join('');
}

export type RustInt = 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64';

const BITS: Record<RustInt, number> = { u8: 8, u16: 16, u32: 32, u64: 64, i8: 8, i16: 16, i32: 32, i64: 64 };

export function intBits(type: RustInt): number {
  return BITS[type];
}

export function isSigned(type: RustInt): boolean {
  return type.startsWith('i');
}

/** Whether the exact value fits the Rust integer type. */
export function fitsInt(value: bigint, type: RustInt): boolean {
  const bits = BigInt(BITS[type]);
  if (isSigned(type)) return value >= -(1n << (bits - 1n)) && value < 1n << (bits - 1n);
  return value >= 0n && value < 1n << bits;
}

/**
 * A model value (decimal string) as a Rust literal of `type`: decimal below 2^16, hex with `_`
 * every four digits above (IDs and masks read better in hex); the minimum of a signed type as
 * `iN::MIN`, which has no literal form. Throws when the value does not fit: the model guarantees
 * it does, so that is a generator bug.
 */
export function intLiteral(value: string | bigint, type: RustInt): string {
  const n = typeof value === 'bigint' ? value : BigInt(value);
  if (!fitsInt(n, type)) throw new Error(`value ${n} does not fit ${type}`);
  if (isSigned(type) && n === -(1n << BigInt(BITS[type] - 1))) return `${type}::MIN`;
  const magnitude = n < 0n ? -n : n;
  const digits = magnitude < 0x10000n ? magnitude.toString(10) : hexGrouped(magnitude);
  return n < 0n ? `-${digits}` : digits;
}

/** `0xc400_0003`: hex, lower case, grouped by four digits from the right. */
export function hexGrouped(value: bigint): string {
  const hex = value.toString(16);
  const groups: string[] = [];
  for (let end = hex.length; end > 0; end -= 4) groups.unshift(hex.slice(Math.max(0, end - 4), end));
  return `0x${groups.join('_')}`;
}

/** The smallest of u32/u64/i32/i64 a constant without a declared type fits, for untyped constants. */
export function defaultConstType(value: bigint): RustInt {
  if (value >= 0n) return value < 1n << 32n ? 'u32' : 'u64';
  return value >= -(1n << 31n) ? 'i32' : 'i64';
}

/** A value as the `u64` bit pattern a register holds (two's complement for negatives). */
export function registerBits(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}
