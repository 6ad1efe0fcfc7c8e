import { renamesOf } from '../renames.ts';
import { defineRule } from './support.ts';

export const callMemoryChanged = defineRule({
  id: 'call-memory-changed',
  code: 'HV6309',
  layer: 'CALL',
  severity: 'error',
  summary: 'The in-memory argument struct of a hypercall function changed to another type, or was added or removed.',
  explanation: `When a call passes its arguments in memory, the struct at the guest-physical address is
part of the call ABI. Pointing the call at a different struct makes old callers pass the wrong bytes.

Bad:

\`\`\`yaml
# old                                   # new
memory: xen_memory_reservation          memory: xen_memory_reservation_v2
\`\`\`

Good: add a new function (or sub-operation) for the new struct.`,
  check({ index }, report) {
    const renamed = renamesOf(index).types;
    for (const pair of index.functions.matched) {
      const { memory } = pair.old.fn;
      if (memory === pair.new.fn.memory || (memory && renamed.get(memory) === pair.new.fn.memory)) continue;
      const item = `${pair.new.interface.name}.${pair.new.fn.name}`;
      report({
        spec: pair.newSpec.id,
        item,
        message: `${item} now takes its arguments in ${pair.new.fn.memory ?? 'registers only'} instead of ${pair.old.fn.memory ?? 'registers only'}`,
        hint: 'The in-memory struct is part of the call ABI: keep it, or add a new function.',
        at: pair.new.fn.source,
        was: pair.old.fn.source,
      });
    }
  },
});
