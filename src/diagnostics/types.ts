/**
 * A diagnostic is data: reporters (text, JSON, SARIF, GitHub) render it, tests compare it.
 * Positions are 1-based; a column counts UTF-16 code units from the start of the line, as editors
 * (VS Code, LSP) do, so `file:line:col` opens at the right place.
 */
export type Severity = 'error' | 'warning' | 'note';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** Stable code, e.g. `HV3001`; documented in docs/diagnostics.md and by `hvspec explain`. */
  code: string;
  severity: Severity;
  /** Path relative to the standards root, forward slashes; absent for corpus-wide findings. */
  file?: string;
  range?: Range;
  /** What is wrong, in one sentence. User text in it is already escaped. */
  message: string;
  /** What to do about it. */
  hint?: string;
  related?: RelatedLocation[];
  /** Only on the per-file summary (HV1050, HV1051): how many diagnostics of each severity it stands for. */
  omitted?: { errors: number; warnings: number; notes: number };
}
