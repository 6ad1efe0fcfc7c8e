import { defineRule } from './support.ts';

export const callArgumentAdded = defineRule({
  id: 'call-argument-added',
  code: 'HV6304',
  layer: 'CALL',
  severity: 'danger',
  summary: 'A hypercall function gained an argument.',
  explanation: `Old callers do not set the new register, so the callee reads whatever was left there.
This is compatible only when the callee ignores the register for old callers (e.g. a flag in an
earlier argument or a feature query tells it to look).

Bad:

\`\`\`yaml
# old                                   # new
args: [ { name: cpu, type: u64 } ]      args: [ { name: cpu, type: u64 }, { name: flags, type: u64 } ]
\`\`\`

Good: add a new function for the new signature, or document that the callee only reads the new
argument when told to and suppress this finding with that reason.`,
  check({ index }, report) {
    for (const pair of index.functions.matched) {
      const added = pair.new.fn.args.slice(pair.old.fn.args.length);
      if (added.length === 0) continue;
      const item = `${pair.new.interface.name}.${pair.new.fn.name}`;
      report({
        spec: pair.newSpec.id,
        item,
        message: `${item} gained ${added.length === 1 ? 'an argument' : 'arguments'}: ${added.map((a) => a.name).join(', ')}`,
        hint: 'Old callers leave those registers undefined: add a new function, or gate the argument and suppress with that reason.',
        at: pair.new.fn.source,
        was: pair.old.fn.source,
      });
    }
  },
});
