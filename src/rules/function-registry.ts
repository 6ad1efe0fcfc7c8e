import { quote } from '../diagnostics/report.ts';
import type { HypercallFunction } from '../model/types.ts';
import type { Rule } from './rule.ts';
import { librariesFirst } from './virtio-registry.ts';

/**
 * SMCCC function IDs are one registry across the corpus and its standard libraries (the ID carries the owning entity, so a
 * clash is a real clash); Xen and KVM numbers are unique within their interface.
 */
export const functionRegistry: Rule = {
  id: 'function-registry',
  codes: ['HV4013'],
  summary: 'Hypercall function IDs are unique (SMCCC: across the corpus; Xen/KVM: per interface).',
  check({ model, sources, report }) {
    const smccc = new Map<string, { fn: HypercallFunction; iface: string }>();
    for (const spec of librariesFirst(model.specs)) {
      for (const iface of spec.hypercalls) {
        const local = new Map<string, HypercallFunction>();
        for (const fn of iface.functions) {
          const registry = iface.convention === 'smccc' ? smccc : undefined;
          const twin = registry ? registry.get(fn.id)?.fn : local.get(fn.id);
          if (twin) {
            const at = sources.at(fn, 'number')!;
            const other = sources.at(twin, 'number')!;
            report.add('HV4013', at.file, at.range, `Function ID 0x${BigInt(fn.id).toString(16)} of ${quote(fn.name)} is already used by ${quote(twin.name)}.`,
              { hint: 'Use a free function number.', related: [{ file: other.file, range: other.range, message: 'first used here' }] });
            continue;
          }
          if (registry) registry.set(fn.id, { fn, iface: iface.name }); else local.set(fn.id, fn);
        }
      }
    }
  },
};
