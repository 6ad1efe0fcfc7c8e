import type { SourceRef } from '../../model/types.ts';
import type { Matching } from '../match.ts';
import { renamesOf } from '../renames.ts';
import { defineRule } from './support.ts';

type Named = { name: string; source: SourceRef };

export const typeRenamed = defineRule({
  id: 'type-renamed',
  code: 'HV6102',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A type, device or hypercall interface was renamed: same layout (device ID, function IDs), different name.',
  explanation: `Detected heuristically: one name disappears and exactly one new name with the same layout
(structs), the same values (enums, flag sets), the same device ID (devices) or the same convention and
function IDs (hypercall interfaces) appears. The bytes are the same,
but every generated name changes, so code written against the headers stops compiling.

Bad:

\`\`\`yaml
# old                                   # new
name: virtio_x_req                      name: virtio_x_request
\`\`\`

Good: keep published names; the generated C headers are drop-in replacements for existing headers.`,
  check({ index }, report) {
    const { types, devices, interfaces } = renamesOf(index);
    const emit = <T extends Named>(kind: string, from: string, to: string, matching: Matching<T>) => {
      const old = matching.removed.find((r) => r.item.name === from);
      const added = matching.added.find((a) => a.item.name === to);
      if (!old || !added) return;
      const label = 'kind' in old.item && old.item.kind === 'union' ? 'union' : kind;
      report({
        spec: added.spec.id,
        item: to,
        message: `${label} ${from} seems to be renamed to ${to} (same ${kind === 'device' ? 'device ID' : kind === 'hypercall interface' ? 'function IDs' : 'layout'})`,
        hint: 'Generated names change and dependent code stops compiling: keep the old name or bump the major version.',
        at: added.item.source,
        was: old.item.source,
      });
    };
    for (const [from, to] of types) {
      emit('struct', from, to, index.structs);
      emit('enum', from, to, index.enums);
      emit('flag set', from, to, index.flags);
    }
    for (const [from, to] of devices) emit('device', from, to, index.devices);
    for (const [from, to] of interfaces) emit('hypercall interface', from, to, index.hypercalls);
  },
});
