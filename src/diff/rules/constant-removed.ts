import { defineRule, frontMatterInNew } from './support.ts';

export const constantRemoved = defineRule({
  id: 'constant-removed',
  code: 'HV6105',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A constant was removed.',
  explanation: `Binaries keep their compiled-in value, but code that names the constant stops compiling,
and the value looks free for a different use.

Bad:

\`\`\`yaml
# old                                   # new
- { name: VIRTIO_X_MAX, value: 64 }     # (gone)
\`\`\`

Good: keep it and mark it deprecated in its \`doc\`.`,
  check({ index }, report) {
    for (const { item, spec } of index.constants.removed) {
      report({
        spec: spec.id,
        item: item.name,
        message: `constant ${item.name} (${item.value}) was removed`,
        hint: 'Keep it, deprecated in its doc; code that names it stops compiling.',
        at: frontMatterInNew(index, spec.id),
        was: item.source,
      });
    }
  },
});
