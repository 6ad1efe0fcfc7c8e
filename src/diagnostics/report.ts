import { lookupCode } from './catalogue.ts';
import type { Diagnostic, Range, RelatedLocation, Severity } from './types.ts';

/**
 * At most this many diagnostics are kept per file; the rest are counted in one summary diagnostic
 * (HV1050 when errors were left out, else HV1051). Past a hundred, more findings
 * only repeat the same mistake, and without a cap one long line of duplicate keys made the report
 * quadratic in the input.
 */
export const DIAGNOSTICS_PER_FILE = 100;
/** Messages and hints are ours, but some quote parser text: no single one may grow the output without bound. */
const MAX_TEXT = 1000;
type Counts = NonNullable<Diagnostic['omitted']>;

/** Collects diagnostics; the severity of a code comes from the catalogue so it is stated once. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];
  private readonly kept = new Map<string, number>();
  private readonly summaries = new Map<string, Diagnostic>();

  /**
   * Whether a diagnostic for `file` would still be kept. Callers check it before costly work for a
   * message (a "did you mean" search over every name), so a file with thousands of findings costs
   * no more than one with a hundred.
   */
  accepts(file: string | undefined): boolean {
    return (this.kept.get(file ?? '') ?? 0) < DIAGNOSTICS_PER_FILE;
  }

  add(code: string, file: string | undefined, range: Range | undefined, message: string,
    options: { hint?: string; related?: RelatedLocation[] } = {}): void {
    const doc = lookupCode(code);
    if (!doc) throw new Error(`diagnostic code ${code} is not in the catalogue`);
    const key = file ?? '';
    if (!this.accepts(file)) {
      this.omit(key, file, range, doc.severity);
      return;
    }
    this.kept.set(key, (this.kept.get(key) ?? 0) + 1);
    const diagnostic: Diagnostic = { code, severity: doc.severity, message: bounded(message) };
    if (file !== undefined) diagnostic.file = file;
    if (range !== undefined) diagnostic.range = range;
    if (options.hint !== undefined) diagnostic.hint = bounded(options.hint);
    if (options.related !== undefined && options.related.length > 0) diagnostic.related = options.related.slice(0, 10);
    this.diagnostics.push(diagnostic);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  /** Count a diagnostic that is not kept; the file's one summary diagnostic says how many there were. */
  private omit(key: string, file: string | undefined, range: Range | undefined, severity: Severity): void {
    let summary = this.summaries.get(key);
    if (!summary) {
      summary = summaryDiagnostic(file, range, { errors: 0, warnings: 0, notes: 0 });
      this.summaries.set(key, summary);
      this.diagnostics.push(summary);
    }
    const counts = { ...summary.omitted! };
    if (severity === 'error') counts.errors++; else if (severity === 'warning') counts.warnings++; else counts.notes++;
    Object.assign(summary, summaryDiagnostic(file, summary.range, counts));
  }
}

function bounded(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The diagnostic standing for the ones left out of a file; positioned at the first of them. */
function summaryDiagnostic(file: string | undefined, range: Range | undefined, omitted: Counts): Diagnostic {
  // An error left out keeps the summary an error, so capping never turns a failing file into a passing one.
  const severity: Severity = omitted.errors > 0 ? 'error' : 'warning';
  const total = omitted.errors + omitted.warnings + omitted.notes;
  const parts = [omitted.errors && plural(omitted.errors, 'error'), omitted.warnings && plural(omitted.warnings, 'warning'), omitted.notes && plural(omitted.notes, 'note')]
    .filter(Boolean).join(', ');
  const d: Diagnostic = {
    code: severity === 'error' ? 'HV1050' : 'HV1051', severity,
    message: `${plural(total, 'more diagnostic')} ${file === undefined ? 'for the corpus' : 'in this file'} ${total === 1 ? 'is' : 'are'} not shown (${parts || 'none'}); only the first ${DIAGNOSTICS_PER_FILE} are.`,
    hint: 'Fix the ones shown and check again; the rest are usually the same mistake repeated.',
    omitted,
  };
  if (file !== undefined) d.file = file;
  if (range !== undefined) d.range = range;
  return d;
}

/** Characters a terminal or an annotation viewer would act on or hide: C0/C1 controls, DEL, line separators, bidi controls, BOM. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const escapeChar = (ch: string): string => `\\u{${ch.codePointAt(0)!.toString(16)}}`;

/** User text in a message: quoted, with control, bidi and line-break characters made visible. */
export function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `"${shown.replace(/["\\]/g, (ch) => `\\${ch}`).replace(INVISIBLE, escapeChar)}"`;
}

/**
 * Text about to be printed (a message, a path, a quoted source line): every character in
 * INVISIBLE becomes `\u{…}`, so no input can move the cursor, recolour the terminal or reorder
 * what is shown. Text already escaped by `quote` has none left, so this changes nothing there.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/**
 * Sort diagnostics by file, position and code, so output is stable whatever order files were read
 * in; then keep at most DIAGNOSTICS_PER_FILE per file, the rest counted in one summary at the end
 * of the file's diagnostics (summaries of earlier stages are merged into it).
 */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) =>
    (a.file ?? '').localeCompare(b.file ?? '', 'en') ||
    (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
    (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0) ||
    a.code.localeCompare(b.code, 'en') ||
    a.message.localeCompare(b.message, 'en'));
  const out: Diagnostic[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && (sorted[j]!.file ?? '') === (sorted[i]!.file ?? '')) j++;
    out.push(...capped(sorted.slice(i, j)));
    i = j;
  }
  return out;
}

/** One file's sorted diagnostics, capped, with one summary last if any were left out. */
function capped(group: Diagnostic[]): Diagnostic[] {
  const items = group.filter((d) => d.omitted === undefined);
  const summaries = group.filter((d) => d.omitted !== undefined);
  const kept = items.slice(0, DIAGNOSTICS_PER_FILE);
  const dropped = items.slice(DIAGNOSTICS_PER_FILE);
  if (dropped.length === 0 && summaries.length === 0) return kept;
  const counts: Counts = { errors: 0, warnings: 0, notes: 0 };
  for (const s of summaries) {
    counts.errors += s.omitted!.errors; counts.warnings += s.omitted!.warnings; counts.notes += s.omitted!.notes;
  }
  for (const d of dropped) {
    if (d.severity === 'error') counts.errors++; else if (d.severity === 'warning') counts.warnings++; else counts.notes++;
  }
  return [...kept, summaryDiagnostic(group[0]!.file, dropped[0]?.range ?? summaries[0]?.range, counts)];
}
