/**
 * Between hvspec's terms and the protocol's: 1-based line/column ranges ↔ 0-based positions (both
 * count columns in UTF-16 code units, so only the base changes), root-relative paths ↔ file URIs,
 * and hvspec diagnostics ↔ LSP diagnostics with the same code, message, hint and related places.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic as LspDiagnostic, DiagnosticSeverity, Position as LspPosition, Range as LspRange } from 'vscode-languageserver';
import type { Diagnostic, Range } from '../diagnostics/types.ts';

/** Where each code's documentation lives (the same repository SARIF's informationUri names). */
export const DIAGNOSTICS_DOC_URL = 'https://github.com/hvspec/hvspec/blob/main/docs/diagnostics.md';

export function toLspRange(range: Range | undefined): LspRange {
  if (!range) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    start: { line: Math.max(0, range.start.line - 1), character: Math.max(0, range.start.column - 1) },
    end: { line: Math.max(0, range.end.line - 1), character: Math.max(0, range.end.column - 1) },
  };
}

/** Does `range` (hvspec terms) contain the LSP position? The end is inclusive so a cursor just after a name still finds it. */
export function containsPosition(range: Range, position: LspPosition): boolean {
  const line = position.line + 1;
  const column = position.character + 1;
  if (line < range.start.line || line > range.end.line) return false;
  if (line === range.start.line && column < range.start.column) return false;
  if (line === range.end.line && column > range.end.column) return false;
  return true;
}

/** Maps a standards root's relative paths to URIs and back. */
export class RootPaths {
  constructor(readonly root: string) {}

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).href;
  }

  /** The root-relative path of a file URI, or undefined when the URI is not a file inside the root. */
  file(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let absolute: string;
    try { absolute = fileURLToPath(uri); } catch { return undefined; }
    const relative = path.relative(this.root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = { error: 1, warning: 2, note: 3 };

/** One hvspec diagnostic as the editor shows it; the hint is the message's second line, as in `hvspec check`. */
export function toLspDiagnostic(diagnostic: Diagnostic, paths: RootPaths): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(diagnostic.range),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    codeDescription: { href: `${DIAGNOSTICS_DOC_URL}#${diagnostic.code.toLowerCase()}` },
    source: 'hvspec',
    message: diagnostic.hint ? `${diagnostic.message}\nhint: ${diagnostic.hint}` : diagnostic.message,
    data: { hint: diagnostic.hint ?? null, message: diagnostic.message },
  };
  if (diagnostic.related && diagnostic.related.length > 0) {
    out.relatedInformation = diagnostic.related.map((r) => ({ location: { uri: paths.uri(r.file), range: toLspRange(r.range) }, message: r.message }));
  }
  return out;
}
