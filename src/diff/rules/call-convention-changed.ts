import { defineRule } from './support.ts';

export const callConventionChanged = defineRule({
  id: 'call-convention-changed',
  code: 'HV6306',
  layer: 'CALL',
  severity: 'error',
  summary: "A hypercall interface changed its calling convention, owning entity, or an architecture's call ABI.",
  explanation: `The convention (SMCCC, Xen, KVM) decides the instruction, the ID register and the argument
registers; the SMCCC owning entity is part of every function ID. Changing them changes how every call
of the interface is made.

Bad:

\`\`\`yaml
# old                                   # new
convention: smccc                       convention: smccc
entity: 4                               entity: 5
\`\`\`

Good: publish a new interface for a new convention and keep the old one.`,
  check({ index }, report) {
    for (const pair of index.hypercalls.matched) {
      const item = pair.new.name;
      const emit = (message: string) =>
        report({
          spec: pair.newSpec.id, item, message, at: pair.new.source, was: pair.old.source,
          hint: 'Every existing caller is built for the published convention: restore it, or publish a new interface.',
        });
      if (pair.old.convention !== pair.new.convention) {
        emit(`interface ${item} changed convention from ${pair.old.convention} to ${pair.new.convention}`);
      }
      if (pair.old.entity !== pair.new.entity) {
        emit(`interface ${item} changed owning entity from ${pair.old.entity ?? 'none'} to ${pair.new.entity ?? 'none'}`);
      }
      for (const oldAbi of pair.old.abis) {
        const newAbi = pair.new.abis.find((a) => a.arch === oldAbi.arch);
        if (!newAbi) {
          emit(`interface ${item} is no longer callable on ${oldAbi.arch}`);
          continue;
        }
        if (oldAbi.idRegister !== newAbi.idRegister) {
          emit(`interface ${item}: the ID register on ${oldAbi.arch} changed from ${oldAbi.idRegister} to ${newAbi.idRegister}`);
        }
      }
    }
  },
});
