import { renamesOf } from '../renames.ts';
import { defineRule, frontMatterInNew } from './support.ts';

export const deviceRemoved = defineRule({
  id: 'device-removed',
  code: 'HV6402',
  layer: 'NEGOTIATION',
  severity: 'error',
  summary: 'A virtio device was removed from the standard.',
  explanation: `Drivers and devices built against the standard still exist; removing the device leaves
them without a specification and frees its ID for confusion. Deprecate the standard instead
(\`status: deprecated\`).

Bad: deleting the \`hvspec device\` block.

Good: keep the block and set \`status: deprecated\` in the front matter.`,
  check({ index }, report) {
    const renamed = renamesOf(index).devices;
    for (const { item, spec } of index.devices.removed) {
      if (renamed.has(item.name)) continue;
      report({
        spec: spec.id,
        item: item.name,
        message: `device ${item.name} (ID ${item.id}) was removed`,
        hint: 'Keep the device and mark the standard `status: deprecated` instead.',
        at: frontMatterInNew(index, spec.id),
        was: item.source,
      });
    }
  },
});
