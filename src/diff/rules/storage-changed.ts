import { defineRule } from './support.ts';

export const storageChanged = defineRule({
  id: 'storage-changed',
  code: 'HV6216',
  layer: 'WIRE',
  severity: 'error',
  summary: 'The underlying type of an enum or flag set changed.',
  explanation: `An enum or flag set is stored as its \`type\`: its width and byte order are part of every
struct field and register that holds it.

Bad:

\`\`\`yaml
# old                                   # new
name: virtio_x_status                   name: virtio_x_status
type: u8                                type: le16
\`\`\`

Good: keep the storage type; a wider set needs a new type.`,
  check({ index }, report) {
    for (const matching of [index.enums, index.flags]) {
      for (const pair of matching.matched) {
        if (pair.old.storage.name === pair.new.storage.name) continue;
        report({
          spec: pair.newSpec.id,
          item: pair.new.name,
          message: `${pair.new.name} is now stored as ${pair.new.storage.name} instead of ${pair.old.storage.name}`,
          hint: 'Restore the published storage type.',
          at: pair.new.source,
          was: pair.old.source,
        });
      }
    }
  },
});
