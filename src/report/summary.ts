import type { Diagnostic } from '../diagnostics/types.ts';

export function summarize(diagnostics: Diagnostic[]): { errors: number; warnings: number; notes: number } {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++; else if (d.severity === 'warning') warnings++; else notes++;
  }
  return { errors, warnings, notes };
}
