import { fateOf } from '../describe.ts';
import { defineRule } from './support.ts';

export const fieldRemoved = defineRule({
  id: 'field-removed',
  code: 'HV6208',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A field was removed without leaving a reserved field (a tombstone) in its bytes.',
  explanation: `Removing a field either moves everything after it or leaves its bytes unexplained; old
peers still write the field there. Retire it instead: keep its bytes as a \`reserved: true\` field,
so the layout is unchanged and new readers ignore what old writers put there.

Bad:

\`\`\`yaml
# old                                   # new
- { name: type, type: le32 }            - { name: type, type: le32 }
- { name: prio, type: le32 }            - { name: len, type: le32 }
- { name: len, type: le32 }
\`\`\`

Good:

\`\`\`yaml
- { name: type, type: le32 }
- { name: reserved0, type: le32, reserved: true }   # was prio
- { name: len, type: le32 }
\`\`\``,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      for (const field of pair.old.fields) {
        if (field.reserved || fateOf(field, pair.old, pair.new).fate !== 'removed') continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${field.name}`,
          message: `field ${pair.new.name}.${field.name} (offset ${field.offset}, ${field.size} bytes) was removed without a reserved tombstone`,
          hint: `Keep its bytes as a reserved field: \`{ name: reserved_${field.offset}, type: …, reserved: true }\`.`,
          at: pair.new.source,
          was: field.source,
        });
      }
    }
  },
});
