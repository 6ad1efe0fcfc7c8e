import { fieldByName, overlaps } from '../describe.ts';
import { defineRule } from './support.ts';

export const reservedFieldGivenMeaning = defineRule({
  id: 'reserved-field-given-meaning',
  code: 'HV6209',
  layer: 'WIRE',
  severity: 'danger',
  summary: 'Bytes that were reserved now carry a meaning.',
  explanation: `Old writers put zero (or garbage, if the standard only said "ignore") in reserved bytes,
and old readers ignore them. Giving them a meaning is compatible only when zero means "as before" and
old peers are guaranteed to write zero, or when a feature bit tells the peers the bytes are in use.

Bad (old drivers may leave garbage in \`reserved\`; new devices now act on it):

\`\`\`yaml
# old                                         # new
- { name: reserved, type: le32, reserved: true }  - { name: flags, type: le32 }
\`\`\`

Good: give the bytes a meaning only behind a new feature bit, say that zero keeps the old
behaviour, and suppress this finding with that reason.`,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      for (const field of pair.new.fields) {
        if (field.reserved) continue;
        const before = fieldByName(pair.old, field.name);
        const wasReserved = before
          ? before.reserved
          : pair.old.fields.some((old) => old.reserved && overlaps(old, field));
        if (!wasReserved) continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${field.name}`,
          message: `field ${pair.new.name}.${field.name} gives a meaning to bytes ${field.offset}..${field.offset + field.size - 1} that were reserved`,
          hint: 'Old peers may write anything there: gate the meaning with a feature bit (zero = old behaviour) and suppress this finding with that reason.',
          at: field.source,
          was: pair.old.source,
        });
      }
    }
  },
});
