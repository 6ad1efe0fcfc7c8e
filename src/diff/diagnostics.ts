/**
 * Findings as Diagnostics, so the shared reporters (text, JSON, SARIF, GitHub) print them. The rule's
 * layer and own severity are kept twice: in the message prefix, which every format shows, and in the
 * extra `diff` field, which the JSON reporter keeps for tools.
 */
import type { Diagnostic, Range, Severity } from '../diagnostics/types.ts';
import type { SourceRef } from '../model/types.ts';
import { diagnosticSeverity, SUPPRESSION_UNUSED } from './codes.ts';
import type { JudgedChange, Suppression } from './suppress.ts';
import type { Layer, RuleSeverity } from './types.ts';

export interface DiffDiagnostic extends Diagnostic {
  /** Which corpus `file` belongs to: NEW (usually) or OLD (a removed standard, a compile error of OLD). */
  side?: 'old' | 'new';
  diff?: {
    rule: string;
    layer: Layer;
    /** The rule's own severity: error, danger, warning or note. */
    ruleSeverity: RuleSeverity;
    spec: string;
    item: string;
    /** The reason of the suppression that accepted this finding. */
    suppressed?: string;
    /** The major version bump that accepted this finding, e.g. `1.3.0 → 2.0.0`. */
    acceptedByVersion?: string;
  };
}

function lineRange(line: number): Range {
  return { start: { line, column: 1 }, end: { line, column: 1 } };
}

function place(ref: SourceRef | undefined): Pick<Diagnostic, 'file' | 'range'> {
  return ref ? { file: ref.file, range: lineRange(ref.line) } : {};
}

/**
 * Severity after review: a suppressed finding is a note; one accepted by a major version bump is a
 * warning (still visible, no longer failing); otherwise danger counts as an error.
 */
function judgedSeverity({ change, suppressedBy, acceptedByVersion }: JudgedChange): Severity {
  if (suppressedBy) return 'note';
  if (acceptedByVersion) return change.rule.severity === 'note' ? 'note' : 'warning';
  return diagnosticSeverity(change.rule);
}

export function changeToDiagnostic(judged: JudgedChange): DiffDiagnostic {
  const { change, suppressedBy, acceptedByVersion } = judged;
  const { rule } = change;
  const onlyOld = !change.at && change.was;
  const accepted = suppressedBy ? ` (accepted: ${suppressedBy.reason})`
    : acceptedByVersion ? ` (accepted by the major version ${acceptedByVersion})` : '';
  const diagnostic: DiffDiagnostic = {
    code: rule.code,
    severity: judgedSeverity(judged),
    ...place(change.at ?? change.was),
    side: onlyOld ? 'old' : 'new',
    message: `[${rule.layer} ${rule.severity}] ${change.message}${onlyOld ? ' (location in OLD)' : ''}${accepted}`,
    diff: {
      rule: rule.id,
      layer: rule.layer,
      ruleSeverity: rule.severity,
      spec: change.spec,
      item: change.item,
      ...(suppressedBy ? { suppressed: suppressedBy.reason } : {}),
      ...(acceptedByVersion ? { acceptedByVersion } : {}),
    },
  };
  if (change.hint && !suppressedBy && !acceptedByVersion) diagnostic.hint = change.hint;
  if (change.was && change.at) {
    diagnostic.related = [{ file: change.was.file, range: lineRange(change.was.line), message: 'previous definition (in OLD)' }];
  }
  return diagnostic;
}

export function unusedSuppressionDiagnostic(s: Suppression): DiffDiagnostic {
  const target = [s.spec && `spec ${s.spec}`, `rule ${s.rule}`, s.item && `item ${s.item}`].filter(Boolean).join(', ');
  return {
    code: SUPPRESSION_UNUSED,
    severity: 'warning',
    side: 'new',
    file: s.origin.file,
    ...(s.origin.line ? { range: lineRange(s.origin.line) } : {}),
    message: `suppression (${target}) matches no change`,
    hint: 'Remove it, or correct its spec, rule or item (as printed in the finding).',
  };
}

const severityOrder = { error: 0, warning: 1, note: 2 } as const;

/** Stable order: by file, line, then code and message. */
export function sortDiagnostics<T extends Diagnostic>(diagnostics: T[]): T[] {
  return [...diagnostics].sort((a, b) =>
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message));
}
