import { fateOf } from '../describe.ts';
import { defineRule } from './support.ts';

export const fieldRenamed = defineRule({
  id: 'field-renamed',
  code: 'HV6103',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'A field was renamed: same offset and type, different name.',
  explanation: `Detected heuristically: a field name disappears and a field with a new name sits at the
same offset with the same type. The bytes are unchanged, but code that names the field stops compiling.

Bad:

\`\`\`yaml
# old                                   # new
- { name: len, type: le32 }             - { name: length, type: le32 }
\`\`\`

Good: keep published names (they match the Linux uapi headers vendors already use).`,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      for (const field of pair.old.fields) {
        const fate = fateOf(field, pair.old, pair.new);
        if (fate.fate !== 'renamed' || field.reserved) continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${fate.field.name}`,
          message: `field ${pair.new.name}.${field.name} seems to be renamed to ${fate.field.name} (same offset ${field.offset} and type)`,
          hint: 'Code that names the field stops compiling: keep the published name.',
          at: fate.field.source,
          was: field.source,
        });
      }
    }
  },
});
