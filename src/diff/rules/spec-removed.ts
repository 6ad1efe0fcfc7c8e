import { defineRule, frontMatter } from './support.ts';

export const specRemoved = defineRule({
  id: 'spec-removed',
  code: 'HV6409',
  layer: 'NEGOTIATION',
  severity: 'danger',
  summary: 'A whole standard was removed from the corpus.',
  explanation: `Implementations built against it lose their specification, and its generated headers
disappear. Standards are retired by \`status: deprecated\`, not by deletion. (Its items are reported
by the other rules too.)

Bad: \`git rm standards/virtio-x.md\`.

Good: keep the file, set \`status: deprecated\`, and bump its version.`,
  check({ index }, report) {
    for (const { item } of index.specs.removed) {
      report({
        spec: item.id,
        item: item.id,
        message: `standard ${item.id} (${item.version}) was removed`,
        hint: 'Set `status: deprecated` instead of deleting the standard.',
        was: frontMatter(item),
      });
    }
  },
});
