import type { Struct } from '../../model/types.ts';
import { defineRule } from './support.ts';

/** The new struct is the old one with fields appended: every old field kept at its offset and size. */
export function isAppendOnly(old: Struct, next: Struct): boolean {
  if (next.size <= old.size || old.kind !== 'struct' || next.kind !== 'struct' || old.flexible) return false;
  return old.fields.every((f, i) => {
    const g = next.fields[i];
    return g !== undefined && g.name === f.name && g.offset === f.offset && g.size === f.size;
  });
}

export const structExtended = defineRule({
  id: 'struct-extended',
  code: 'HV6202',
  layer: 'WIRE',
  severity: 'danger',
  summary: 'A struct grew by fields appended at its end.',
  explanation: `Appending fields keeps every old offset, so a reader that knows the old layout still finds
its fields. It still breaks any peer that checks the exact length, sizes an array of the struct, or
copies a fixed number of bytes. In virtio, config space and request headers may only grow behind a new
feature bit, so that old peers never see the longer layout.

Bad (the request grows and nothing tells an old device):

\`\`\`yaml
# old                                   # new
name: req                               name: req
fields:                                 fields:
  - { name: type, type: le32 }            - { name: type, type: le32 }
                                          - { name: flags, type: le32 }
\`\`\`

Good: gate the new field with a feature bit, say so in its \`doc\`, and accept the change with a
suppression whose reason names the bit:

\`\`\`json
{ "diff": { "suppress": [ { "spec": "x", "rule": "struct-extended", "item": "req",
  "reason": "flags is only sent when VIRTIO_X_F_FLAGS is negotiated" } ] } }
\`\`\``,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      if (!isAppendOnly(pair.old, pair.new)) continue;
      const added = pair.new.fields.slice(pair.old.fields.length).map((f) => f.name);
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `struct ${pair.new.name} grew from ${pair.old.size} to ${pair.new.size} bytes (appended: ${added.join(', ')})`,
        hint: 'Peers built against the old standard send or expect the shorter layout: gate the new fields with a feature bit and suppress this finding with that reason.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
