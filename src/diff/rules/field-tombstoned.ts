import { fateOf } from '../describe.ts';
import { defineRule } from './support.ts';

export const fieldTombstoned = defineRule({
  id: 'field-tombstoned',
  code: 'HV6109',
  layer: 'SOURCE',
  severity: 'note',
  summary: 'A field was retired correctly: its bytes are now reserved.',
  explanation: `The layout is unchanged, so binaries keep working; code that names the field stops
compiling, which is usually the point. This is the compatible way to remove a field.

Example:

\`\`\`yaml
# old                                   # new
- { name: prio, type: le32 }            - { name: reserved0, type: le32, reserved: true }
\`\`\``,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      for (const field of pair.old.fields) {
        if (field.reserved || fateOf(field, pair.old, pair.new).fate !== 'tombstoned') continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${field.name}`,
          message: `field ${pair.new.name}.${field.name} was retired; its bytes are now reserved`,
          at: pair.new.source,
          was: field.source,
        });
      }
    }
  },
});
