import { typeText } from '../describe.ts';
import { defineRule, fieldPairs } from './support.ts';

export const fieldWidthChanged = defineRule({
  id: 'field-width-changed',
  code: 'HV6205',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A field changed its size in bytes (its type or array length changed).',
  explanation: `Old binaries read and write the old number of bytes: a widened field is truncated, a
narrowed one spills into its neighbour, and every later offset moves.

Bad:

\`\`\`yaml
# old                                   # new
- { name: len, type: le16 }             - { name: len, type: le32 }
\`\`\`

Good: keep \`len\` and add a new, wider field at the end (behind a feature bit), or use reserved bytes
that follow it.`,
  check({ index }, report) {
    for (const pair of fieldPairs(index)) {
      if (pair.old.size === pair.new.size) continue;
      report({
        spec: pair.spec.id,
        item: pair.item,
        message: `field ${pair.item} changed from ${pair.old.size} to ${pair.new.size} bytes (${typeText(pair.old.type)} → ${typeText(pair.new.type)})`,
        hint: 'Keep the published width; add a new field for a wider value.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
