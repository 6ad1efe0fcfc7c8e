import pc from 'picocolors';
import type { Diagnostic } from '../diagnostics/types.ts';
import { summarize } from '../report/summary.ts';
import type { CliContext } from '../cli/context.ts';
import { renderDiagnostics } from '../cli/diagnostics-output.ts';
import type { CheckRun } from './check-loop.ts';
import { CONFIG_FILE } from './source-watcher.ts';

/**
 * The text `hvspec check` prints, without its closing count line: watch prints the new
 * diagnostics with check's own reporter (code frames and hints included) and then one summary
 * line of its own for the whole corpus.
 */
export function withoutCountLine(report: string): string {
  const body = report.replace(/\n$/, '');
  const cut = body.lastIndexOf('\n');
  return cut < 0 ? '' : `${body.slice(0, cut)}\n`;
}

/** `fixed: standards/a.md:3:7: error HV3001: Unknown type "le23".` (where it was). */
export function fixedLine(d: Diagnostic, color: boolean): string {
  const c = pc.createColors(color);
  const where = d.file ? `${d.file}${d.range ? `:${d.range.start.line}:${d.range.start.column}` : ''}` : 'hvspec';
  return `${c.green('fixed')}: ${where}: ${d.severity} ${d.code}: ${d.message}\n`;
}

/** One line per run: what changed and where the corpus stands, e.g. `1 new, 2 fixed · 1 error, 0 warnings · 17 files checked in 0.31 s`. */
export function summaryLine(run: CheckRun, color: boolean): string {
  const c = pc.createColors(color);
  const s = summarize(run.diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.notes > 0) counts.push(plural(s.notes, 'note'));
  const state = s.errors > 0 ? c.red(counts.join(', ')) : s.warnings > 0 ? c.yellow(counts.join(', ')) : c.green(counts.join(', '));
  const change = run.sequence === 0 ? 'checked' : run.delta.added.length + run.delta.fixed.length === 0
    ? 'no new or fixed diagnostics'
    : `${run.delta.added.length} new, ${run.delta.fixed.length} fixed`;
  const time = new Date().toTimeString().slice(0, 8);
  return `${c.dim(`[${time}]`)} ${change} · ${state} · ${plural(run.result.files, 'file')} checked in ${run.seconds.toFixed(2)} s\n`;
}

/** What triggered a run: `standards/virtio-i2c.md changed` (or the first few of many). */
export function changedLine(run: CheckRun, color: boolean): string {
  const c = pc.createColors(color);
  // Folders are named only when no document in them is (a folder created with its files).
  const files = run.changed.filter((p) => p.endsWith('.md') || p === CONFIG_FILE);
  const listed = files.length > 0 ? files : run.changed;
  const shown = listed.slice(0, 3).join(', ');
  const more = listed.length > 3 ? ` and ${listed.length - 3} more` : '';
  return `${c.dim('──')} ${shown}${more} changed\n`;
}

/** A run as watch and preview print it: new diagnostics as `hvspec check` prints them, fixed ones one line each, then the summary line. */
export function renderRun(r: CheckRun, context: CliContext): string {
  let text = '';
  if (r.sequence > 0) text += changedLine(r, context.color);
  if (r.delta.added.length > 0) text += withoutCountLine(renderDiagnostics(r.delta.added, 'text', context));
  for (const d of r.delta.fixed) text += fixedLine(d, context.color);
  return text + summaryLine(r, context.color);
}
