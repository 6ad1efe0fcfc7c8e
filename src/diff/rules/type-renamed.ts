import { renamesOf } from '../renames.ts';
import { defineRule } from './support.ts';

export const typeRenamed = defineRule({
  id: 'type-renamed',
  code: 'HV6102',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A type or device was renamed: same layout (or device ID), different name.',
  explanation: `Detected heuristically: one name disappears and exactly one new name with the same layout
(structs), the same values (enums, flag sets) or the same device ID appears. The bytes are the same,
but every generated name changes, so code written against the headers stops compiling.

Bad:

\`\`\`yaml
# old                                   # new
name: virtio_x_req                      name: virtio_x_request
\`\`\`

Good: keep published names; the generated C headers are drop-in replacements for existing headers.`,
  check({ index }, report) {
    const { types, devices } = renamesOf(index);
    const emit = (kind: string, from: string, to: string, matching: { removed: { item: { name: string; source: { file: string; line: number } }; spec: { id: string } }[]; added: { item: { name: string; source: { file: string; line: number } }; spec: { id: string } }[] }) => {
      const old = matching.removed.find((r) => r.item.name === from);
      const added = matching.added.find((a) => a.item.name === to);
      if (!old || !added) return;
      report({
        spec: added.spec.id,
        item: to,
        message: `${kind} ${from} seems to be renamed to ${to} (same ${kind === 'device' ? 'device ID' : 'layout'})`,
        hint: 'Generated names change and dependent code stops compiling: keep the old name or bump the major version.',
        at: added.item.source,
        was: old.item.source,
      });
    };
    for (const [from, to] of types) {
      for (const [kind, matching] of [['struct', index.structs], ['enum', index.enums], ['flag set', index.flags]] as const) {
        emit(kind, from, to, matching);
      }
    }
    for (const [from, to] of devices) emit('device', from, to, index.devices);
  },
});
