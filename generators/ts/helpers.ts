/**
 * Text helpers of the TypeScript generator: escaping user text (doc strings, names in string
 * literals) and formatting integer literals. User text is data: nothing here lets it end a
 * comment, start a JSDoc tag, break a line or reorder what a reviewer sees.
 */

/**
 * Characters that are escaped as visible `\u{…}` text in comments and strings: control characters
 * (except line feed and tab), format characters (bidi controls U+202A–202E and U+2066–2069,
 * U+200E/200F, zero-width characters, BOM, soft hyphen), the line and paragraph separators U+2028
 * and U+2029 (line terminators in JavaScript) and lone surrogates (not encodable as UTF-8).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

function codePointEscape(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;
}

/** One line of user text made safe inside a `/** … *\/` comment. */
function escapeCommentLine(line: string): string {
  return line
    .replace(INVISIBLE, (char) => (char === '\t' ? char : codePointEscape(char)))
    // `*/` would end the comment; `\` keeps the text readable and breaks the token.
    .replace(/\*\//g, '*\\/')
    // `@` could start a JSDoc tag (`@deprecated`, `{@link …}`) that changes what an editor
    // shows; `\@` is the TSDoc escape, and TypeScript does not read it as a tag.
    .replace(/@/g, '\\@')
    .replace(/\s+$/, '');
}

/**
 * A JSDoc comment of the given lines (user text first, then generated facts), indented by
 * `indent`, ending with a line feed; the empty string when there is nothing to say.
 * User text may hold several lines (CRLF, CR, LF); blank lines are kept as paragraph breaks.
 */
export function docComment(userText: string, facts: readonly string[] = [], indent = ''): string {
  const lines = userText.replace(/\r\n?/g, '\n').split('\n').map(escapeCommentLine);
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const factLines = facts.map(escapeCommentLine);
  if (lines.length > 0 && factLines.length > 0) lines.push('');
  lines.push(...factLines);
  if (lines.length === 0) return '';
  const comment = lines.length === 1
    ? `${indent}/** ${lines[0]} */\n`
    : `${indent}/**\n${lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)).join('\n')}\n${indent} */\n`;
  // Defence in depth: the text between the delimiters must not be able to close the comment.
  if (comment.trimStart().slice(3, -3).includes('*/')) throw new Error('docComment: comment terminator survived escaping');
  return comment;
}

/**
 * A TypeScript string literal (double quotes) holding `text` exactly, on one line, with no
 * invisible or line-breaking character left raw.
 */
export function tsString(text: string): string {
  // JSON.stringify escapes quotes, backslashes, C0 controls and lone surrogates; the rest of
  // the invisible characters (DEL, C1, bidi, U+2028/2029, …) become \u{…} escapes.
  return JSON.stringify(text).replace(INVISIBLE, codePointEscape);
}

/** Whether an integer of this size is carried as `bigint` (64-bit) rather than `number`. */
export function isBigIntSize(size: number): boolean {
  return size === 8;
}

/**
 * An integer literal for a model value (decimal string): `bigint` literals (`5n`) for 64-bit
 * values, `number` literals otherwise; `hex` prints `0x…` (masks, function IDs). A `number`
 * literal that would lose precision is a generator bug and throws.
 */
export function intLiteral(value: string, bigint: boolean, hex = false): string {
  const exact = BigInt(value);
  const magnitude = exact < 0n ? -exact : exact;
  const digits = hex ? `0x${magnitude.toString(16)}` : magnitude.toString(10);
  const sign = exact < 0n ? '-' : '';
  if (bigint) return `${sign}${digits}n`;
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`intLiteral: ${value} does not fit a number; it needs a bigint`);
  }
  return `${sign}${digits}`;
}

/** Whether a constant without a 64-bit type still needs `bigint` because a number would round. */
export function needsBigInt(value: string): boolean {
  const exact = BigInt(value);
  return exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER);
}
