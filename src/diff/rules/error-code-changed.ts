import type { Enum } from '../../model/types.ts';
import { renamesOf } from '../renames.ts';
import { defineRule } from './support.ts';
import { enumValueChanges } from './enum-values.ts';

export const errorCodeChanged = defineRule({
  id: 'error-code-changed',
  code: 'HV6308',
  layer: 'CALL',
  severity: 'error',
  summary: 'An error or status code (of a hypercall interface or a device) changed, was removed or reused, or the code set was replaced.',
  explanation: `Callers and drivers compare returned codes with compiled-in numbers: \`NOT_SUPPORTED\` is
-1 in every SMCCC service, and guests branch on it. A changed number turns one error into another.

Bad:

\`\`\`yaml
# old                                         # new
- { name: PSCI_RET_NOT_SUPPORTED, value: -1 }   - { name: PSCI_RET_NOT_SUPPORTED, value: -2 }
\`\`\`

Good: codes are forever; add new codes with new numbers.`,
  check({ index }, report) {
    const renamed = renamesOf(index).types;
    const owners = [
      ...index.hypercalls.matched.map((p) => ({ kind: 'interface', name: p.new.name, oldEnum: p.old.errors, newEnum: p.new.errors, spec: p.newSpec.id, at: p.new.source, was: p.old.source })),
      ...index.devices.matched.map((p) => ({ kind: 'device', name: p.new.name, oldEnum: p.old.status, newEnum: p.new.status, spec: p.newSpec.id, at: p.new.source, was: p.old.source })),
    ];
    for (const owner of owners) {
      if (!owner.oldEnum) continue;
      if (owner.oldEnum !== owner.newEnum && renamed.get(owner.oldEnum) !== owner.newEnum) {
        report({
          spec: owner.spec, item: owner.name, at: owner.at, was: owner.was,
          message: `${owner.kind} ${owner.name} now uses code set ${owner.newEnum ?? '(none)'} instead of ${owner.oldEnum}`,
          hint: 'Peers compare codes with the published numbers: keep the published code set.',
        });
      }
    }
    for (const pair of index.enums.matched) {
      if (!index.codeEnums.old.has(pair.old.name)) continue;
      for (const change of enumValueChanges(pair.old as Enum, pair.new)) {
        const item = `${pair.new.name}.${change.old.name}`;
        const message =
          change.kind === 'changed' ? `code ${change.old.name} changed from ${change.old.value} to ${change.new.value}`
          : change.kind === 'removed' ? `code ${change.old.name} (${change.old.value}) was removed`
          : `code ${change.old.value} was ${change.old.name} and is now ${change.new.name}`;
        report({
          spec: pair.newSpec.id, item, message,
          at: change.kind === 'removed' ? pair.new.source : change.new.source,
          was: change.old.source,
          hint: 'Codes are compared with compiled-in numbers: keep every published code and number.',
        });
      }
    }
  },
});
