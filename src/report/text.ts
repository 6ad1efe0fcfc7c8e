import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import type { Diagnostic } from '../diagnostics/types.ts';
import { summarize } from './summary.ts';

export interface TextOptions {
  /** Source text by file (as read, LF line endings) for code frames; files missing here get none. */
  sources: Map<string, string>;
  color: boolean;
}

/** `file:line:col: error HV3001: message`, a code frame, the hint and related places; then a summary. */
export function renderText(diagnostics: Diagnostic[], options: TextOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = d.file ? `${d.file}${d.range ? `:${d.range.start.line}:${d.range.start.column}` : ''}` : 'hvspec';
    const severity = d.severity === 'error' ? c.red(c.bold('error')) : d.severity === 'warning' ? c.yellow(c.bold('warning')) : c.cyan('note');
    out.push(`${c.bold(where)}: ${severity} ${c.dim(d.code)}: ${d.message}`);
    const text = d.file ? options.sources.get(d.file) : undefined;
    if (text !== undefined && d.range) {
      const end = d.range.end.line === d.range.start.line && d.range.end.column > d.range.start.column ? d.range.end : { line: d.range.start.line, column: d.range.start.column + 1 };
      out.push(codeFrameColumns(text, { start: d.range.start, end }, { highlightCode: false, linesAbove: 1, linesBelow: 1 })
        .split('\n').map((line) => (options.color ? line.replace(/\^+/, (m) => c.red(m)) : line)).join('\n'));
    }
    if (d.hint) out.push(`  ${c.green('hint')}: ${d.hint}`);
    for (const r of d.related ?? []) out.push(`  ${c.dim('note')}: ${r.message} at ${r.file}:${r.range.start.line}:${r.range.start.column}`);
    out.push('');
  }
  const s = summarize(diagnostics);
  const parts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`];
  if (s.notes > 0) parts.push(`${s.notes} note${s.notes === 1 ? '' : 's'}`);
  out.push(s.errors > 0 ? c.red(parts.join(', ')) : s.warnings > 0 ? c.yellow(parts.join(', ')) : c.green(parts.join(', ')));
  return `${out.join('\n')}\n`;
}
