import { defineRule } from './support.ts';

export const structAlignChanged = defineRule({
  id: 'struct-align-changed',
  code: 'HV6203',
  layer: 'WIRE',
  severity: 'error',
  summary: 'The alignment of a struct or union changed (e.g. `packed` or `align` was added or removed).',
  explanation: `Alignment decides where a struct may start inside another struct or an array, and thus the
offsets of everything around it. Changing it (adding \`packed: true\`, changing \`align:\`, or widening a
member) moves bytes in every enclosing layout built by old code.

Bad:

\`\`\`yaml
# old                                   # new
name: desc                              name: desc
fields: [ { name: addr, type: le64 } ]  packed: true
                                        fields: [ { name: addr, type: le64 } ]
\`\`\`

Good: leave the alignment as published; define a new struct for a new layout.`,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      if (pair.old.align === pair.new.align) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `${pair.new.kind} ${pair.new.name} changed alignment from ${pair.old.align} to ${pair.new.align}`,
        hint: 'Restore the published alignment (`packed`, `align`, member types); a different layout needs a new type.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
