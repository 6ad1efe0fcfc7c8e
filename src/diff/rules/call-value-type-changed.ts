import type { RegisterValue } from '../../model/types.ts';
import { sameWireShape, typeText } from '../describe.ts';
import { defineRule } from './support.ts';

export const callValueTypeChanged = defineRule({
  id: 'call-value-type-changed',
  code: 'HV6305',
  layer: 'CALL',
  severity: 'error',
  summary: 'An argument or result of a hypercall changed width or signedness.',
  explanation: `A 32-bit value in a 64-bit register leaves the upper half undefined (SMCCC: W registers),
and a signed result is sign-extended where an unsigned one is not. Old and new sides then read
different numbers.

Bad:

\`\`\`yaml
# old                                   # new
results: [ { name: status, type: i32 } ]   results: [ { name: status, type: u64 } ]
\`\`\`

Good: keep the published types.`,
  check({ index }, report) {
    for (const pair of index.functions.matched) {
      const item = `${pair.new.interface.name}.${pair.new.fn.name}`;
      const compare = (what: string, olds: RegisterValue[], news: RegisterValue[]) => {
        for (const old of olds) {
          const now = news[old.index];
          if (!now || sameWireShape(old.type, now.type)) continue;
          report({
            spec: pair.newSpec.id, item, at: pair.new.fn.source, was: pair.old.fn.source,
            message: `${item}: ${what} ${old.name} changed type from ${typeText(old.type)} to ${typeText(now.type)}`,
            hint: 'Width and signedness of register values are the calling ABI: restore the published type.',
          });
        }
      };
      compare('argument', pair.old.fn.args, pair.new.fn.args);
      compare('result', pair.old.fn.results, pair.new.fn.results);
    }
  },
});
