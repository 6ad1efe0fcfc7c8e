import { hex } from '../describe.ts';
import { defineRule } from './support.ts';

export const functionRenamed = defineRule({
  id: 'function-renamed',
  code: 'HV6106',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A hypercall function kept its function ID but changed its name.',
  explanation: `Functions are matched by their computed ID, which is what binaries use. A new name keeps
binaries working but changes every generated wrapper, trait method and constant.

Bad:

\`\`\`yaml
# old                                   # new
- { name: CPU_ON, number: 3 }           - { name: CPU_START, number: 3 }
\`\`\`

Good: keep the published name.`,
  check({ index }, report) {
    for (const pair of index.functions.matched) {
      if (pair.old.fn.name === pair.new.fn.name) continue;
      report({
        spec: pair.newSpec.id,
        item: `${pair.new.interface.name}.${pair.new.fn.name}`,
        message: `function ${pair.old.interface.name}.${pair.old.fn.name} (ID ${hex(pair.new.fn.id)}) was renamed to ${pair.new.fn.name}`,
        hint: 'Generated wrappers and constants change name; keep the published name.',
        at: pair.new.fn.source,
        was: pair.old.fn.source,
      });
    }
  },
});
