import { defineRule } from './support.ts';
import { enumValueChanges } from './enum-values.ts';

export const enumValueChanged = defineRule({
  id: 'enum-value-changed',
  code: 'HV6211',
  layer: 'WIRE',
  severity: 'error',
  summary: 'An enum value kept its name but got a different number.',
  explanation: `Old binaries send and compare the old number. After the change, both sides use the same
name for different numbers and misread each other. (Error and status codes are reported by
\`error-code-changed\` instead.)

Bad:

\`\`\`yaml
# old                                   # new
- { name: VIRTIO_X_CMD_GET, value: 1 }  - { name: VIRTIO_X_CMD_GET, value: 2 }
\`\`\`

Good: numbers are forever; add a new value with a new number for a new meaning.`,
  check({ index }, report) {
    for (const pair of index.enums.matched) {
      if (index.codeEnums.old.has(pair.old.name)) continue;
      for (const change of enumValueChanges(pair.old, pair.new)) {
        if (change.kind !== 'changed') continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${change.new.name}`,
          message: `enum value ${change.new.name} of ${pair.new.name} changed from ${change.old.value} to ${change.new.value}`,
          hint: 'Restore the published number; a new meaning needs a new value.',
          at: change.new.source,
          was: change.old.source,
        });
      }
    }
  },
});
