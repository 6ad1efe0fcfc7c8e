import { defineRule } from './support.ts';

export const conduitRemoved = defineRule({
  id: 'conduit-removed',
  code: 'HV6307',
  layer: 'CALL',
  severity: 'error',
  summary: 'A hypercall interface can no longer be reached through one of its conduits (smc, hvc, vmcall, vmmcall).',
  explanation: `Callers that use the dropped instruction (for example PSCI over \`hvc\` from a guest) trap
to nobody. Adding a conduit is compatible; removing one is not.

Bad:

\`\`\`yaml
# old                                   # new
conduits: [smc, hvc]                    conduits: [smc]
\`\`\`

Good: keep every published conduit.`,
  check({ index }, report) {
    for (const pair of index.hypercalls.matched) {
      for (const conduit of pair.old.conduits) {
        if (pair.new.conduits.includes(conduit)) continue;
        report({
          spec: pair.newSpec.id,
          item: pair.new.name,
          message: `interface ${pair.new.name} dropped conduit ${conduit}`,
          hint: `Callers using ${conduit} can no longer reach the interface: keep the conduit.`,
          at: pair.new.source,
          was: pair.old.source,
        });
      }
    }
  },
});
