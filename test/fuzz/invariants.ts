import { lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileCorpus, type CompileResult } from '../../src/compile.ts';
import { DIAGNOSTICS_PER_FILE } from '../../src/diagnostics/report.ts';
import type { Diagnostic, Range } from '../../src/diagnostics/types.ts';

/**
 * The invariants every input must keep, whatever it is:
 * - compileCorpus returns (never throws) and no diagnostic is HV9001 (internal error);
 * - every diagnostic about a file has a position, and it lies inside that file's text (line
 *   within the lines, column within the line or just past its end, end not before start),
 *   related locations too;
 * - no result depends on a clock: HV1014 from the parse budget's timer or heap limit is a failure
 *   (the deterministic guards must refuse pathological shapes first);
 * - at most DIAGNOSTICS_PER_FILE diagnostics (plus one summary) per file;
 * - the model is null exactly when there are errors;
 * - bounded time per document.
 */

/**
 * A standards tree to check: file name under standards/ → contents, or a special entry (a
 * directory named like a document, a symbolic link) that must be reported, not read.
 */
export type Special = { special: 'directory' } | { special: 'symlink'; target: string };
export type Corpus = Map<string, string | Buffer | Special>;

const isSpecial = (c: string | Buffer | Special): c is Special => typeof c === 'object' && !Buffer.isBuffer(c);

export interface Failure {
  kind: string;
  /** One line: what broke (a code, a message, a compiler's first error). */
  detail: string;
}

/**
 * CPU time (user + system, all threads) one document may take; the bound for any input.
 * CPU time rather than wall time, so a saturated machine does not turn into findings.
 */
export const MAX_MILLISECONDS = 10_000;
/** Peak memory of one CLI run on one document. */
export const MAX_MEGABYTES = 512;

/** Text as the checker sees it: BOM dropped, CRLF and CR as LF, invalid UTF-8 replaced. */
export function checkedText(contents: string | Buffer | Special): string {
  if (isSpecial(contents)) return '';
  let text = typeof contents === 'string' ? contents : new TextDecoder('utf-8', { fatal: false }).decode(contents);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

/** Write the corpus under `root/standards/`, removing files of an earlier case. */
export function writeCorpus(root: string, corpus: Corpus): void {
  const standards = path.join(root, 'standards');
  mkdirSync(standards, { recursive: true });
  for (const name of readdirSync(standards)) {
    const wanted = corpus.get(name);
    if (wanted === undefined || isSpecial(wanted) || lstatSync(path.join(standards, name)).isSymbolicLink()) rmSync(path.join(standards, name), { recursive: true, force: true });
  }
  for (const [name, contents] of corpus) {
    const file = path.join(standards, name);
    if (!isSpecial(contents)) writeFileSync(file, contents);
    else if (contents.special === 'directory') mkdirSync(file);
    else symlinkSync(contents.target, file);
  }
}

function inside(range: Range, lines: string[]): boolean {
  const ok = (line: number, column: number): boolean =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
  if (!ok(range.start.line, range.start.column) || !ok(range.end.line, range.end.column)) return false;
  return range.end.line > range.start.line || (range.end.line === range.start.line && range.end.column >= range.start.column);
}

/** The invariant failures of one compile result (empty when all hold). */
export function checkResult(result: CompileResult, corpus: Corpus): Failure[] {
  const failures: Failure[] = [];
  const lines = new Map<string, string[]>();
  for (const [name, contents] of corpus) {
    // A link to another document of the tree is read as that document.
    const linked = isSpecial(contents) && contents.special === 'symlink' ? corpus.get(contents.target) : undefined;
    lines.set(`standards/${name}`, checkedText(linked ?? contents).split('\n'));
  }
  const perFile = new Map<string, number>();
  const where = (d: Diagnostic): string => `${d.code} ${d.file ?? ''}:${d.range?.start.line ?? '-'}:${d.range?.start.column ?? '-'} ${d.message.slice(0, 160)}`;
  for (const d of result.diagnostics) {
    if (d.code === 'HV9001') failures.push({ kind: 'internal-error', detail: where(d) });
    if (d.code === 'HV1014' && /took longer than|needed more than|parser (failed|stopped)/.test(d.message)) failures.push({ kind: 'budget', detail: where(d) });
    if (d.file === undefined) continue;
    perFile.set(d.file, (perFile.get(d.file) ?? 0) + 1);
    const text = lines.get(d.file);
    if (!text) { failures.push({ kind: 'unknown-file', detail: where(d) }); continue; }
    // HV9001 is a failure of its own; its missing position is not a second one.
    if (!d.range) { if (d.code !== 'HV9001') failures.push({ kind: 'no-position', detail: where(d) }); }
    else if (!inside(d.range, text)) failures.push({ kind: 'position-out-of-range', detail: `${where(d)} (end ${d.range.end.line}:${d.range.end.column})` });
    for (const r of d.related ?? []) {
      const rt = lines.get(r.file);
      if (rt && !inside(r.range, rt)) failures.push({ kind: 'position-out-of-range', detail: `related of ${where(d)} at ${r.file}:${r.range.start.line}:${r.range.start.column}` });
    }
  }
  for (const [file, n] of perFile) if (n > DIAGNOSTICS_PER_FILE + 1) failures.push({ kind: 'cap', detail: `${file}: ${n} diagnostics` });
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  if (errors === (result.model !== null)) failures.push({ kind: 'model-mismatch', detail: `errors: ${errors}, model: ${result.model !== null}` });
  return failures;
}

export interface CaseOutcome {
  result: CompileResult | null;
  failures: Failure[];
  /** Wall time. */
  milliseconds: number;
  /** CPU time of the process (parse workers included) while checking. */
  cpuMilliseconds: number;
}

/** Check one corpus in-process through compileCorpus (the pipeline every command uses). */
export async function checkCorpus(root: string, corpus: Corpus): Promise<CaseOutcome> {
  writeCorpus(root, corpus);
  const start = performance.now();
  const cpu = process.cpuUsage();
  let result: CompileResult | null = null;
  const failures: Failure[] = [];
  try {
    result = await compileCorpus(root, { cache: false });
  } catch (error) {
    failures.push({ kind: 'exception', detail: String((error as Error).stack ?? error).split('\n').slice(0, 2).join(' ') });
  }
  const milliseconds = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMilliseconds = (used.user + used.system) / 1000;
  if (result) failures.push(...checkResult(result, corpus));
  if (cpuMilliseconds > MAX_MILLISECONDS) failures.push({ kind: 'slow', detail: `${Math.round(cpuMilliseconds)} ms CPU (${Math.round(milliseconds)} ms wall)` });
  return { result, failures, milliseconds, cpuMilliseconds };
}

/** Diagnostics as comparable lines (for determinism checks and reproducer expectations). */
export function diagnosticLines(result: CompileResult): string[] {
  return result.diagnostics.map((d) => `${d.file ?? ''}:${d.range?.start.line ?? ''}:${d.range?.start.column ?? ''} ${d.code}`);
}
