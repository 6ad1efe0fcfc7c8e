import { typeText } from '../describe.ts';
import { endiannessChanged } from './field-endianness-changed.ts';
import { signednessChanged } from './field-signedness-changed.ts';
import { structReplaced } from './field-struct-replaced.ts';
import { defineRule, fieldPairs } from './support.ts';

export const fieldTypeChanged = defineRule({
  id: 'field-type-changed',
  code: 'HV6104',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A field changed its declared type while keeping its size, byte order and signedness.',
  explanation: `The field keeps its bytes, but its generated type changes: \`le32\` becomes an enum,
a renamed struct is used, or \`u8[4]\` becomes \`le32\`.
Code that relies on the old type may stop compiling, and a reviewer should check the meaning of the
bytes is unchanged. Width, byte order, signedness and struct-layout changes are reported by the WIRE
rules instead.

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
      // A different byte order or sign is the WIRE rules' business (one finding per change).
      if (endiannessChanged(pair.old.type, pair.new.type) || signednessChanged(pair.old.type, pair.new.type) ||
        structReplaced(index, pair.old.type, pair.new.type)) continue;
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
