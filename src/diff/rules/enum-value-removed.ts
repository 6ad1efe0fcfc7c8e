import { defineRule } from './support.ts';
import { enumValueChanges } from './enum-values.ts';

export const enumValueRemoved = defineRule({
  id: 'enum-value-removed',
  code: 'HV6212',
  layer: 'WIRE',
  severity: 'error',
  summary: 'An enum value was removed.',
  explanation: `Old peers still send the value; new peers no longer know it, and its number looks free for
a later, different meaning. Keep the value and mark it deprecated in its \`doc\`.

Bad:

\`\`\`yaml
# old                                   # new
- { name: VIRTIO_X_CMD_GET, value: 1 }  - { name: VIRTIO_X_CMD_PUT, value: 2 }
- { name: VIRTIO_X_CMD_PUT, value: 2 }
\`\`\`

Good:

\`\`\`yaml
- { name: VIRTIO_X_CMD_GET, value: 1, doc: "Deprecated: no longer sent by drivers." }
- { name: VIRTIO_X_CMD_PUT, value: 2 }
\`\`\``,
  check({ index }, report) {
    for (const pair of index.enums.matched) {
      if (index.codeEnums.old.has(pair.old.name)) continue;
      for (const change of enumValueChanges(pair.old, pair.new)) {
        if (change.kind !== 'removed') continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${change.old.name}`,
          message: `enum value ${change.old.name} (${change.old.value}) of ${pair.new.name} was removed`,
          hint: 'Keep the value and say in its doc that it is deprecated, so its number is never reused.',
          at: pair.new.source,
          was: change.old.source,
        });
      }
    }
  },
});
