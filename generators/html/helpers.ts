/**
 * Escaping and formatting for the published spec. Every piece of user text (titles, doc strings,
 * names) reaches a page through one of these functions, so each one is unit-tested against the
 * characters that would break out of its context.
 */

/** Text content of an element: `&`, `<`, `>` escaped; `"` and `'` too, so the result is also a safe attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Pre-rendered HTML, kept apart from plain strings so that nothing is escaped twice or not at all. */
export interface Html {
  readonly html: string;
}

export function raw(html: string): Html {
  return { html };
}

export type Child = Html | string | number | null | undefined | false | Child[];

/** Children to HTML: strings are text (escaped), `Html` is inserted as is, falsy values vanish. */
export function render(children: Child): string {
  if (children === null || children === undefined || children === false) return '';
  if (Array.isArray(children)) return children.map(render).join('');
  if (typeof children === 'string') return escapeHtml(children);
  if (typeof children === 'number') return String(children);
  return children.html;
}

export type Attributes = Record<string, string | number | boolean | null | undefined>;

const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col']);
const NAME = /^[a-z][a-z0-9-]*$/i;

/** One element with escaped attributes and children. Attribute order is the object's order (deterministic). */
export function el(tag: string, attributes: Attributes, ...children: Child[]): Html {
  if (!NAME.test(tag)) throw new Error(`bad tag name ${tag}`);
  let open = `<${tag}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (!NAME.test(key)) throw new Error(`bad attribute name ${key}`);
    open += value === true ? ` ${key}` : ` ${key}="${escapeHtml(String(value))}"`;
  }
  if (VOID_ELEMENTS.has(tag)) return raw(`${open}>`);
  return raw(`${open}>${render(children)}</${tag}>`);
}

/** An integer value (decimal string from the model) as `0x…` hex, upper-case digits, at least `digits` wide. */
export function hex(value: string | number | bigint, digits = 1): string {
  const big = BigInt(value);
  const sign = big < 0n ? '-' : '';
  const magnitude = big < 0n ? -big : big;
  return `${sign}0x${magnitude.toString(16).toUpperCase().padStart(digits, '0')}`;
}

/** A decimal-string value for a table: decimal, with hex beside it when that is easier to read (≥ 10). */
export function decimalAndHex(value: string): string {
  const big = BigInt(value);
  if (big >= -9n && big <= 9n) return big.toString();
  return `${big.toString()} (${hex(big)})`;
}

/**
 * JSON for an inline `<script type="application/json">`: `<`, `>`, `&` and the JS line separators
 * are \u-escaped, so no `</script>` or `<!--` can end the element early, whatever the strings hold.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A CSS string literal (used for running heads in `@page` margin boxes). Everything but ASCII
 * letters, digits and spaces becomes a `\hex ` escape, so quotes, backslashes, newlines and `</style>`
 * cannot end the string or the style element.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (/[A-Za-z0-9 ]/.test(ch)) out += ch;
    else out += `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}

/**
 * Control characters, bidi overrides and line separators removed from short plain text (titles,
 * editor names) before it reaches a page or a PDF heading: they can reorder what a reader sees.
 */
export function plainText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, '');
}

/** A byte count for prose: `1 byte`, `16 bytes`. */
export function bytes(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`;
}

/** Bit range for tables: `3` for one bit, `7:4` for several (most significant first, as Arm and Intel manuals write it). */
export function bitRange(bit: number, width: number): string {
  return width === 1 ? String(bit) : `${bit + width - 1}:${bit}`;
}
