import { endianText, scalarOf, typeText } from '../describe.ts';
import type { TypeRef } from '../../model/types.ts';
import { defineRule, fieldPairs } from './support.ts';

/** Both types hold multi-byte scalars in different byte orders. */
export function endiannessChanged(a: TypeRef, b: TypeRef): boolean {
  const x = scalarOf(a);
  const y = scalarOf(b);
  return !!x && !!y && x.size > 1 && y.size > 1 && x.endian !== y.endian;
}

export const fieldEndiannessChanged = defineRule({
  id: 'field-endianness-changed',
  code: 'HV6206',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A field changed byte order (little, big or native).',
  explanation: `The same bytes give a different number when read in the other byte order. Changing
between an explicit order (\`le32\`, \`be32\`) and native (\`u32\`) breaks every host whose order
differs (a big-endian guest for \`le32\` → \`u32\`).

Bad:

\`\`\`yaml
# old                                   # new
- { name: len, type: le32 }             - { name: len, type: u32 }
\`\`\`

Good: keep the published byte order; virtio structures are little-endian (\`le*\`).`,
  check({ index }, report) {
    for (const pair of fieldPairs(index)) {
      if (!endiannessChanged(pair.old.type, pair.new.type)) continue;
      const a = scalarOf(pair.old.type)!;
      const b = scalarOf(pair.new.type)!;
      report({
        spec: pair.spec.id,
        item: pair.item,
        message: `field ${pair.item} changed byte order from ${endianText(a)} to ${endianText(b)} (${typeText(pair.old.type)} → ${typeText(pair.new.type)})`,
        hint: 'Restore the published byte order.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
