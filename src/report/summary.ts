import type { Diagnostic } from '../diagnostics/types.ts';

/** Totals by severity, counting the diagnostics a per-file summary (HV1050, HV1051) stands for in place of the summary itself. */
export function summarize(diagnostics: Diagnostic[]): { errors: number; warnings: number; notes: number } {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const d of diagnostics) {
    if (d.omitted) {
      errors += d.omitted.errors; warnings += d.omitted.warnings; notes += d.omitted.notes;
    } else if (d.severity === 'error') errors++; else if (d.severity === 'warning') warnings++; else notes++;
  }
  return { errors, warnings, notes };
}
