import { defineRule, fieldPairs } from './support.ts';

export const fieldOffsetChanged = defineRule({
  id: 'field-offset-changed',
  code: 'HV6204',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A field moved to a different byte offset.',
  explanation: `Old binaries read and write the field at its old offset. After the move they read other
bytes, silently. Offsets move when a field is inserted or removed before another, or an earlier field
changes width.

Bad (inserting \`flags\` moves \`len\` from 4 to 8):

\`\`\`yaml
# old                                   # new
fields:                                 fields:
  - { name: type, type: le32 }            - { name: type, type: le32 }
  - { name: len, type: le32 }             - { name: flags, type: le32 }
                                          - { name: len, type: le32 }
\`\`\`

Good: append new fields after the last one (behind a feature bit), or use reserved bytes.`,
  check({ index }, report) {
    for (const pair of fieldPairs(index)) {
      if (pair.old.offset === pair.new.offset) continue;
      report({
        spec: pair.spec.id,
        item: pair.item,
        message: `field ${pair.item} moved from offset ${pair.old.offset} to ${pair.new.offset}`,
        hint: 'Keep every published field at its offset: add new fields at the end or in reserved bytes.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
