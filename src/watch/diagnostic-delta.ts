import type { Diagnostic } from '../diagnostics/types.ts';

export interface DiagnosticDelta {
  /** In the new run and not in the old one (positions of the new run). */
  added: Diagnostic[];
  /** In the old run and gone from the new one (positions of the old run). */
  fixed: Diagnostic[];
}

/**
 * What changed between two runs. A diagnostic is the same one when its code, severity, file,
 * message and hint are the same, wherever it now sits: inserting a line above a known error moves
 * it but does not make it "new". Identical diagnostics are counted, so a second copy of the same
 * mistake is new; copies at an unchanged position are paired first.
 */
export function diffDiagnostics(before: Diagnostic[], after: Diagnostic[]): DiagnosticDelta {
  const pending = new Map<string, Diagnostic[]>();
  for (const d of before) {
    const key = identity(d);
    const list = pending.get(key);
    if (list) list.push(d); else pending.set(key, [d]);
  }
  const unmatched: Diagnostic[] = [];
  // First pass: the same diagnostic at the same place.
  for (const d of after) {
    const list = pending.get(identity(d));
    const at = list?.findIndex((old) => samePlace(old, d)) ?? -1;
    if (list && at >= 0) list.splice(at, 1); else unmatched.push(d);
  }
  // Second pass: the same diagnostic moved (lines inserted or removed above it).
  const added: Diagnostic[] = [];
  for (const d of unmatched) {
    const list = pending.get(identity(d));
    if (list && list.length > 0) list.shift(); else added.push(d);
  }
  const fixed = [...pending.values()].flat();
  const order = (list: Diagnostic[]) => list.sort((a, b) => place(a).localeCompare(place(b), 'en', { numeric: true }));
  return { added: keepOrder(after, added), fixed: order(fixed) };
}

function identity(d: Diagnostic): string {
  return JSON.stringify([d.code, d.severity, d.file ?? '', d.message, d.hint ?? '']);
}

function samePlace(a: Diagnostic, b: Diagnostic): boolean {
  return place(a) === place(b);
}

function place(d: Diagnostic): string {
  return `${d.file ?? ''}:${d.range?.start.line ?? 0}:${d.range?.start.column ?? 0}`;
}

/** `subset` in the order it has in `all` (the compiler's sorted order). */
function keepOrder(all: Diagnostic[], subset: Diagnostic[]): Diagnostic[] {
  const wanted = new Set(subset);
  return all.filter((d) => wanted.has(d));
}
