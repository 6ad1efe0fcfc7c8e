import type { Arch, RegisterValue } from '../../model/types.ts';
import { defineRule } from './support.ts';

export const callRegisterChanged = defineRule({
  id: 'call-register-changed',
  code: 'HV6303',
  layer: 'CALL',
  severity: 'error',
  summary: 'An argument or result of a hypercall moved to another register, or was removed.',
  explanation: `Callers put argument N in a fixed register and read results from fixed registers. If an
argument is inserted, removed or moved, or a result disappears, old callers and new callees pass values
in the wrong places.

Bad (inserting \`flags\` moves \`context_id\` from x3 to x4):

\`\`\`yaml
# old                                         # new
args:                                         args:
  - { name: target_cpu, type: u64 }             - { name: target_cpu, type: u64 }
  - { name: entry_point, type: u64 }            - { name: entry_point, type: u64 }
  - { name: context_id, type: u64 }             - { name: flags, type: u64 }
                                                - { name: context_id, type: u64 }
\`\`\`

Good: never reorder; new arguments go after the last one, in a new function if old callers may call.`,
  check({ index }, report) {
    for (const pair of index.functions.matched) {
      const item = `${pair.new.interface.name}.${pair.new.fn.name}`;
      const compare = (what: 'argument' | 'result', olds: RegisterValue[], news: RegisterValue[]) => {
        for (const old of olds) {
          const now = news[old.index];
          if (!now) {
            report({
              spec: pair.newSpec.id, item, at: pair.new.fn.source, was: pair.old.fn.source,
              message: `${item}: ${what} ${old.index} (${old.name}) was removed`,
              hint: `Callers built against the old standard still pass or read it; keep the ${what}.`,
            });
            continue;
          }
          for (const arch of Object.keys(old.registers) as Arch[]) {
            const from = old.registers[arch];
            const to = now.registers[arch];
            if (to === undefined || from === to) continue;
            report({
              spec: pair.newSpec.id, item, at: pair.new.fn.source, was: pair.old.fn.source,
              message: `${item}: ${what} ${old.name} moved from ${from} to ${to} on ${arch}`,
              hint: 'Register assignments are the calling ABI: restore the published order.',
            });
          }
        }
      };
      compare('argument', pair.old.fn.args, pair.new.fn.args);
      compare('result', pair.old.fn.results, pair.new.fn.results);
    }
  },
});
