import { sameWireShape, typeText } from '../describe.ts';
import { defineRule, fieldPairs } from './support.ts';

export const fieldTypeChanged = defineRule({
  id: 'field-type-changed',
  code: 'HV6104',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A field changed its declared type while keeping its size, byte order and signedness.',
  explanation: `The bytes are the same, but the generated field type changes: \`le32\` becomes an enum,
a struct is swapped for a same-sized one, or a renamed type is used. Code that relies on the old type
may stop compiling. Width, byte order and signedness changes are reported by the WIRE rules instead.

Bad:

\`\`\`yaml
# old                                   # new
- { name: flags, type: le32 }           - { name: flags, type: virtio_x_flags }   # stored as le32
\`\`\`

Good: this is often an improvement; bump the major version when downstream code names the type, or
suppress with a reason.`,
  check({ index }, report) {
    for (const pair of fieldPairs(index)) {
      const from = typeText(pair.old.type);
      const to = typeText(pair.new.type);
      if (from === to || pair.old.size !== pair.new.size) continue;
      const wire = sameWireShape(pair.old.type, pair.new.type);
      const bothScalar = pair.old.type.kind !== 'struct' && pair.old.type.kind !== 'union' &&
        pair.new.type.kind !== 'struct' && pair.new.type.kind !== 'union';
      // Scalars of a different order or sign are the WIRE rules' business.
      if (bothScalar && !wire) continue;
      report({
        spec: pair.spec.id,
        item: pair.item,
        message: `field ${pair.item} changed type from ${from} to ${to} (same size)`,
        hint: 'The generated type of the field changes; check the new type has the same layout and meaning.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
