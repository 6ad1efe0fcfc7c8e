import { renamesOf } from '../renames.ts';
import { defineRule, frontMatterInNew } from './support.ts';

export const typeRemoved = defineRule({
  id: 'type-removed',
  code: 'HV6101',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A struct, union, enum or flag set was removed.',
  explanation: `Code that names the type stops compiling. Binaries are unaffected unless the type was
used on the wire, which other rules (field types, devices, calls) report.

Bad:

\`\`\`yaml
# old: hvspec struct virtio_x_hdr { … }     # new: (gone)
\`\`\`

Good: keep published types; deprecate them in their \`doc\` and bump the major version when they
must go.`,
  check({ index }, report) {
    const renamed = renamesOf(index).types;
    for (const matching of [index.structs, index.enums, index.flags]) {
      for (const { item, spec } of matching.removed) {
        if (renamed.has(item.name)) continue;
        report({
          spec: spec.id,
          item: item.name,
          message: `type ${item.name} was removed`,
          hint: 'Code using the generated type stops compiling: keep it (deprecated) or bump the major version.',
          at: frontMatterInNew(index, spec.id),
          was: item.source,
        });
      }
    }
  },
});
