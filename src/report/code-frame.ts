import type { Range } from '../diagnostics/types.ts';
import { visible } from '../diagnostics/report.ts';

/**
 * Code frames: the line at fault with one line of context each side and a caret under the column,
 * in the layout of @babel/code-frame (`> 15 | text` / `     |    ^^^`). Written here rather than
 * taken from that package because it must stay cheap and safe for any input: babel splits the
 * whole file for every frame and prints every line in full, so a thousand findings on one
 * 60 KB line printed 60 MB; and it prints control characters raw.
 */
export const FRAME = {
  /** Code units of a line shown at most; longer lines show a window around the column. */
  width: 120,
  /** How much of the window lies left of the column, when the line is cut. */
  before: 40,
} as const;

const ELLIPSIS = '…';

/** A file's text split into lines once, so each frame costs only the lines it shows. */
export class SourceLines {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** 1-based line without its line feed. */
  line(n: number): string {
    const start = this.starts[n - 1]!;
    const next = this.starts[n];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }
}

/** How one code unit is shown: tabs as spaces, invisible characters escaped (`\u{1b}`). */
function shown(ch: string): string {
  return ch === '\t' ? '    ' : visible(ch);
}

/** Shown text of `line` between code units `from` and `to`. */
function display(line: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to && i < line.length; i++) out += shown(line[i]!);
  return out;
}

/** The first column of the window (0-based) for a line of `length` with the column at `at`. */
function windowStart(length: number, at: number): number {
  if (length <= FRAME.width) return 0;
  let start = Math.max(0, at - FRAME.before);
  if (start + FRAME.width > length) start = Math.max(0, length - FRAME.width);
  return start;
}

/** Keep a window edge off the middle of a surrogate pair. */
function edge(line: string, i: number): number {
  const code = line.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff && i > 0 ? i - 1 : i;
}

/**
 * The frame for `range` in `source`, or undefined when the range is not inside the text (no frame
 * is better than a wrong one). `mark` colours the carets.
 */
export function codeFrame(source: SourceLines, range: Range, mark: (carets: string) => string = (s) => s): string | undefined {
  const { line, column } = range.start;
  if (!Number.isInteger(line) || line < 1 || line > source.count) return undefined;
  const target = source.line(line);
  const at = Math.min(Math.max(column - 1, 0), target.length);
  const from = edge(target, windowStart(target.length, at));
  const first = Math.max(1, line - 1);
  const last = Math.min(source.count, line + 1);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = source.line(n);
    const start = Math.min(from, text.length);
    const to = edge(text, start + FRAME.width);
    const body = `${start > 0 ? ELLIPSIS : ''}${display(text, start, to)}${to < text.length ? ELLIPSIS : ''}`;
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(gutter)} |${body ? ` ${body}` : ''}`);
    if (n === line) {
      const endColumn = range.end.line === line && range.end.column > column ? range.end.column - 1 : at + 1;
      const lead = (from > 0 ? 1 : 0) + display(target, from, at).length;
      const carets = Math.max(1, display(target, at, Math.min(endColumn, to)).length);
      out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(lead)}${mark('^'.repeat(carets))}`);
    }
  }
  return out.join('\n');
}
