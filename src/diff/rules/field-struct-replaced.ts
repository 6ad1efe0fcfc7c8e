import type { Struct, TypeRef } from '../../model/types.ts';
import { layoutKey, typeText } from '../describe.ts';
import type { DiffIndex } from '../match.ts';
import { renamesOf } from '../renames.ts';
import { defineRule, fieldPairs } from './support.ts';

/** The struct or union a type names (arrays by element), looked up on one side. */
function structOf(type: TypeRef, structs: Map<string, Struct>): Struct | undefined {
  if (type.kind === 'array') return structOf(type.element, structs);
  return type.kind === 'struct' || type.kind === 'union' ? structs.get(type.name) : undefined;
}

function structsBySide(index: DiffIndex) {
  const m = index.structs;
  return {
    old: new Map([...m.matched.map((p) => p.old), ...m.removed.map((r) => r.item)].map((s) => [s.name, s])),
    new: new Map([...m.matched.map((p) => p.new), ...m.added.map((a) => a.item)].map((s) => [s.name, s])),
  };
}

/**
 * Whether a field now holds a different struct type whose layout differs from the old one. A rename
 * of the same struct (same layout) is a SOURCE change; the changes inside a struct kept under its
 * name are reported on that struct itself.
 */
export function structReplaced(index: DiffIndex, a: TypeRef, b: TypeRef): boolean {
  const sides = structsBySide(index);
  const before = structOf(a, sides.old);
  const after = structOf(b, sides.new);
  if (!before || !after || before.name === after.name || renamesOf(index).types.get(before.name) === after.name) return false;
  return layoutKey(before) !== layoutKey(after);
}

export const fieldStructReplaced = defineRule({
  id: 'field-struct-replaced',
  code: 'HV6219',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A field now holds a different struct or union with another layout, although its size is unchanged.',
  explanation: `The field's bytes are the same in number but not in meaning: old peers read and write the
members of the old struct at their old offsets. (Different sizes are reported by
\`field-width-changed\`; changes inside a struct that keeps its name are reported on that struct.)

Bad:

\`\`\`yaml
# old                                        # new
- { name: hdr, type: virtio_x_hdr }          - { name: hdr, type: virtio_x_hdr_v2 }   # same size, other fields
\`\`\`

Good: keep the published struct; a new layout is a new field (behind a feature bit) or a new request.`,
  check({ index }, report) {
    for (const pair of fieldPairs(index)) {
      if (pair.old.size !== pair.new.size || !structReplaced(index, pair.old.type, pair.new.type)) continue;
      report({
        spec: pair.spec.id,
        item: pair.item,
        message: `field ${pair.item} now holds ${typeText(pair.new.type)} instead of ${typeText(pair.old.type)}, whose layout differs`,
        hint: 'Old peers use the old struct\'s layout in these bytes: keep the published type.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
