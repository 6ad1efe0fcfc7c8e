import { defineRule } from './support.ts';
import { enumValueChanges } from './enum-values.ts';

export const enumValueReused = defineRule({
  id: 'enum-value-reused',
  code: 'HV6213',
  layer: 'WIRE',
  severity: 'danger',
  summary: 'An enum value disappeared and its number now carries a new name.',
  explanation: `This is either a rename (same meaning, source-only change) or a reuse of the number for a
new meaning, which makes old and new peers misunderstand each other. hvspec cannot tell which, so a
reviewer must: suppress the finding with a reason if it is a rename.

Bad (reuse):

\`\`\`yaml
# old                                   # new
- { name: VIRTIO_X_CMD_GET, value: 1 }  - { name: VIRTIO_X_CMD_RESET, value: 1 }
\`\`\`

Good: give the new meaning a new number and keep the old value (deprecated in its doc).`,
  check({ index }, report) {
    for (const pair of index.enums.matched) {
      if (index.codeEnums.old.has(pair.old.name)) continue;
      for (const change of enumValueChanges(pair.old, pair.new)) {
        if (change.kind !== 'reused') continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${change.old.name}`,
          message: `enum value ${change.old.value} of ${pair.new.name} was ${change.old.name} and is now ${change.new.name}`,
          hint: 'If only the name changed, suppress this finding with that reason; a new meaning needs a new number.',
          at: change.new.source,
          was: change.old.source,
        });
      }
    }
  },
});
