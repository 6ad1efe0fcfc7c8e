import { hex } from '../describe.ts';
import { defineRule } from './support.ts';

export const functionIdChanged = defineRule({
  id: 'function-id-changed',
  code: 'HV6301',
  layer: 'CALL',
  severity: 'error',
  summary: "A hypercall function's computed ID changed (number, fast/yielding, SMC32/SMC64 or owning entity).",
  explanation: `The function ID is the only thing a caller puts in the ID register. Old callers keep
using the old ID and reach nothing, or a different function.

Bad:

\`\`\`yaml
# old                                   # new
- { name: CPU_ON, number: 3, width: 64 }   - { name: CPU_ON, number: 3, width: 32 }
\`\`\`

Good: never change a published ID; add a new function (e.g. the SMC64 variant) beside the old one.`,
  check({ index }, report) {
    for (const { item: old } of index.functions.removed) {
      const newIface = index.hypercalls.matched.find((p) => p.old.name === old.interface.name);
      const now = newIface?.new.functions.find((f) => f.name === old.fn.name);
      if (!newIface || !now) continue;
      report({
        spec: newIface.newSpec.id,
        item: `${newIface.new.name}.${now.name}`,
        message: `function ${old.interface.name}.${old.fn.name} changed ID from ${hex(old.fn.id)} to ${hex(now.id)}`,
        hint: 'Callers built against the old standard use the old ID: restore it, or add a new function beside the old one.',
        at: now.source,
        was: old.fn.source,
      });
    }
  },
});
