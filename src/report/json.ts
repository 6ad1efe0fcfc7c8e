import type { Diagnostic } from '../diagnostics/types.ts';
import { summarize } from './summary.ts';

/** Machine-readable diagnostics; `version` changes only when the shape does. */
export function renderJson(diagnostics: Diagnostic[]): string {
  return `${JSON.stringify({ version: 1, tool: 'hvspec', summary: summarize(diagnostics), diagnostics }, null, 2)}\n`;
}
