import { lookupCode } from './catalogue.ts';
import type { Diagnostic, Range, RelatedLocation } from './types.ts';

/** Collects diagnostics; the severity of a code comes from the catalogue so it is stated once. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];

  add(code: string, file: string | undefined, range: Range | undefined, message: string,
    options: { hint?: string; related?: RelatedLocation[] } = {}): void {
    const doc = lookupCode(code);
    if (!doc) throw new Error(`diagnostic code ${code} is not in the catalogue`);
    const diagnostic: Diagnostic = { code, severity: doc.severity, message };
    if (file !== undefined) diagnostic.file = file;
    if (range !== undefined) diagnostic.range = range;
    if (options.hint !== undefined) diagnostic.hint = options.hint;
    if (options.related !== undefined && options.related.length > 0) diagnostic.related = options.related;
    this.diagnostics.push(diagnostic);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}

/** User text in a message: quoted, with control, bidi and line-break characters made visible. */
export function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `"${shown.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"\\]/g, (ch) =>
    ch === '"' || ch === '\\' ? `\\${ch}` : `\\u{${ch.codePointAt(0)!.toString(16)}}`)}"`;
}

/** Sort diagnostics by file, position and code, so output is stable whatever order files were read in. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    (a.file ?? '').localeCompare(b.file ?? '', 'en') ||
    (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
    (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0) ||
    a.code.localeCompare(b.code, 'en') ||
    a.message.localeCompare(b.message, 'en'));
}
