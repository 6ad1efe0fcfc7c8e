import type { Report } from '../diagnostics/report.ts';
import type { SourceIndex } from '../model/source-index.ts';
import type { Model } from '../model/types.ts';
import type { ParsedDocument } from '../parse/document.ts';

export interface RuleContext {
  model: Model;
  sources: SourceIndex;
  documents: ParsedDocument[];
  report: Report;
}

/** One semantic check over the whole corpus: its id, the codes it can emit, what it ensures. */
export interface Rule {
  id: string;
  codes: string[];
  summary: string;
  check(context: RuleContext): void;
}
