import { hex } from '../describe.ts';
import { defineRule, frontMatterInNew } from './support.ts';

export const functionRemoved = defineRule({
  id: 'function-removed',
  code: 'HV6302',
  layer: 'CALL',
  severity: 'error',
  summary: 'A hypercall function (or its whole interface) was removed.',
  explanation: `Callers built against the old standard still issue the call; the callee now answers
NOT_SUPPORTED at best. Keep the function, documented as deprecated, and let the callee return its
"not supported" code; that is the compatible way to retire a call.

Bad:

\`\`\`yaml
# old                                   # new
functions:                              functions:
  - { name: CPU_ON, number: 3 }           - { name: CPU_OFF, number: 2 }
  - { name: CPU_OFF, number: 2 }
\`\`\`

Good: keep \`CPU_ON\` and say in its \`doc\` that callees may answer NOT_SUPPORTED.`,
  check({ index }, report) {
    for (const { item: old, spec } of index.functions.removed) {
      const newIface = index.hypercalls.matched.find((p) => p.old.name === old.interface.name)?.new;
      if (newIface?.functions.some((f) => f.name === old.fn.name)) continue; // renumbered: function-id-changed
      if (index.functions.matched.some((p) => p.old.interface.name === old.interface.name && p.old.fn.name === old.fn.name)) continue;
      report({
        spec: spec.id,
        item: `${old.interface.name}.${old.fn.name}`,
        message: `function ${old.interface.name}.${old.fn.name} (ID ${hex(old.fn.id)}) was removed${newIface ? '' : ' with its interface'}`,
        hint: 'Keep the function (deprecated in its doc); callees may answer with a not-supported error.',
        at: newIface?.source ?? frontMatterInNew(index, spec.id),
        was: old.fn.source,
      });
    }
  },
});
