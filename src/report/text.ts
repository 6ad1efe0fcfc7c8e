import pc from 'picocolors';
import { visible } from '../diagnostics/report.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import { codeFrame, SourceLines } from './code-frame.ts';
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
  const lines = new Map<string, SourceLines>();
  const linesOf = (file: string): SourceLines | undefined => {
    const text = options.sources.get(file);
    if (text === undefined) return undefined;
    let index = lines.get(file);
    if (!index) lines.set(file, index = new SourceLines(text));
    return index;
  };
  // Everything printed that came from input (paths, messages, source lines) goes through visible().
  for (const d of diagnostics) {
    const where = d.file ? `${visible(d.file)}${d.range ? `:${d.range.start.line}:${d.range.start.column}` : ''}` : 'hvspec';
    const severity = d.severity === 'error' ? c.red(c.bold('error')) : d.severity === 'warning' ? c.yellow(c.bold('warning')) : c.cyan('note');
    out.push(`${c.bold(where)}: ${severity} ${c.dim(d.code)}: ${visible(d.message)}`);
    const source = d.file ? linesOf(d.file) : undefined;
    const frame = source && d.range ? codeFrame(source, d.range, (carets) => c.red(carets)) : undefined;
    if (frame !== undefined) out.push(frame);
    if (d.hint) out.push(`  ${c.green('hint')}: ${visible(d.hint)}`);
    for (const r of d.related ?? []) out.push(`  ${c.dim('note')}: ${visible(r.message)} at ${visible(r.file)}:${r.range.start.line}:${r.range.start.column}`);
    out.push('');
  }
  const s = summarize(diagnostics);
  const parts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`];
  if (s.notes > 0) parts.push(`${s.notes} note${s.notes === 1 ? '' : 's'}`);
  out.push(s.errors > 0 ? c.red(parts.join(', ')) : s.warnings > 0 ? c.yellow(parts.join(', ')) : c.green(parts.join(', ')));
  return `${out.join('\n')}\n`;
}
