/**
 * Where a header defines a name, so `hvspec conform` can put each difference on the header's
 * line: `#define NAME`, an enumerator, `struct NAME {` (or a typedef's closing `} NAME;`), and a
 * member inside its struct's braces. A text search, not a C parser: the compiler has already said
 * what the values are; this only finds the line a person should open.
 */
export interface HeaderLocation {
  /** The header path as given on the command line. */
  file: string;
  line: number;
  column: number;
  length: number;
}

export interface HeaderText {
  file: string;
  /** Lines with comments blanked out (same length), so a name in a comment is not a definition. */
  lines: string[];
}

export function readHeaderText(file: string, text: string): HeaderText {
  return { file, lines: blankComments(text.replace(/\r\n?/g, '\n')).split('\n') };
}

function blankComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function find(headers: HeaderText[], pattern: RegExp, group: number, from?: { file: string; line: number; end: number }): HeaderLocation | undefined {
  for (const header of headers) {
    if (from && header.file !== from.file) continue;
    const first = from ? from.line - 1 : 0;
    const last = from ? Math.min(from.end, header.lines.length) : header.lines.length;
    for (let i = first; i < last; i++) {
      const match = pattern.exec(header.lines[i]!);
      if (!match) continue;
      const column = match.index + match[0].lastIndexOf(match[group]!) + 1;
      return { file: header.file, line: i + 1, column, length: match[group]!.length };
    }
  }
  return undefined;
}

export function locateConstant(headers: HeaderText[], name: string): HeaderLocation | undefined {
  const n = escape(name);
  return find(headers, new RegExp(`^\\s*#\\s*define\\s+(${n})\\b`), 1)
    ?? find(headers, new RegExp(`^\\s*(${n})\\s*(=|,|$)`), 1)
    ?? find(headers, new RegExp(`\\b(${n})\\b`), 1);
}

/** `spelling` is the C type: `struct x`, `union x`, or a typedef name. */
export function locateType(headers: HeaderText[], spelling: string): { location: HeaderLocation; end: number } | undefined {
  const tagged = /^(struct|union)\s+(\w+)$/.exec(spelling);
  const location = tagged
    ? find(headers, new RegExp(`\\b${tagged[1]}\\s+(${escape(tagged[2]!)})\\b(?!\\s*[*;])`), 1)
    : find(headers, new RegExp(`^\\s*}\\s*(${escape(spelling)})\\s*;`), 1);
  if (!location) return undefined;
  const header = headers.find((h) => h.file === location.file)!;
  return { location, end: tagged ? bodyEnd(header.lines, location.line - 1) : location.line };
}

/** The 1-based line where the braces opened on or after `start` close again. */
function bodyEnd(lines: string[], start: number): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    for (const ch of lines[i]!) {
      if (ch === '{') { depth++; opened = true; }
      else if (ch === '}' && --depth === 0 && opened) return i + 1;
    }
  }
  return lines.length;
}

export function locateMember(headers: HeaderText[], type: { location: HeaderLocation; end: number }, member: string): HeaderLocation | undefined {
  const range = { file: type.location.file, line: type.location.line, end: type.end };
  return find(headers, new RegExp(`\\b(${escape(member)})\\s*(\\[|;|,|:|\\))`), 1, range);
}
