/**
 * The diagnostic codes of `hvspec diff` (HV6xxx) for `hvspec explain` and docs/diagnostics.md:
 * the command's own codes (HV60xx) and one per diff rule.
 */
import { diffRules } from './rules/index.ts';
import type { DiffRule } from './types.ts';

import type { CodeDoc } from '../diagnostics/catalogue.ts';

export type { CodeDoc };

export const SIDE_DOES_NOT_COMPILE = 'HV6001';
export const SUPPRESSION_UNUSED = 'HV6002';

const commandCodes: CodeDoc[] = [
  {
    code: SIDE_DOES_NOT_COMPILE,
    name: 'diff-side-does-not-compile',
    severity: 'error',
    summary: 'OLD or NEW has errors, so there is no model to compare.',
    explanation: `\`hvspec diff\` compares the canonical models of two corpora. When one side has errors,
its diagnostics are printed (each message says which side) and the comparison is skipped.

Bad: \`hvspec diff origin/main .\` while the working tree has an unknown type name.

Good: run \`hvspec check\` first and fix its errors; then \`hvspec diff origin/main .\`.`,
  },
  {
    code: SUPPRESSION_UNUSED,
    name: 'diff-suppression-unused',
    severity: 'warning',
    summary: 'A suppression matches no finding of this diff.',
    explanation: `Suppressions accept one reviewed breaking change. Once the change is released (OLD
already contains it), or if the rule, spec or item is misspelt, the entry matches nothing and should
be deleted.

Bad (\`hvspec.config.json\`, the change it accepted is already in the base branch):

\`\`\`json
{ "diff": { "suppress": [ { "spec": "virtio-x", "rule": "HV6202", "item": "virtio_x_req", "reason": "gated by VIRTIO_X_F_EXT" } ] } }
\`\`\`

Good: remove the entry after the release that contains the change.`,
  },
];

/** Diagnostic severity of a rule's findings when nothing suppresses them. */
export function diagnosticSeverity(rule: Pick<DiffRule, 'severity'>): CodeDoc['severity'] {
  return rule.severity === 'danger' ? 'error' : rule.severity;
}

function ruleDoc(rule: DiffRule): CodeDoc {
  return {
    code: rule.code,
    name: rule.id,
    severity: diagnosticSeverity(rule),
    summary: `[${rule.layer}, ${rule.severity}] ${rule.summary}`,
    explanation: rule.explanation,
  };
}

export const diffCodes: CodeDoc[] = [...commandCodes, ...diffRules.map(ruleDoc)]
  .sort((a, b) => a.code.localeCompare(b.code));
