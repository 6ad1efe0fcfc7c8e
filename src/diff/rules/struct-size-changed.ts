import { defineRule } from './support.ts';
import { isAppendOnly } from './struct-extended.ts';

export const structSizeChanged = defineRule({
  id: 'struct-size-changed',
  code: 'HV6201',
  layer: 'WIRE',
  severity: 'error',
  summary: 'The size of a struct or union changed (other than by appending fields).',
  explanation: `Code built against the old standard allocates, copies and validates the old number of
bytes: buffers on a virtqueue, arrays of the struct, length checks in devices. A different size makes
old and new binaries disagree about where the next byte belongs.

Bad (the struct shrinks from 8 to 4 bytes):

\`\`\`yaml
# old                                   # new
name: req                               name: req
fields:                                 fields:
  - { name: type, type: le32 }            - { name: type, type: le32 }
  - { name: len, type: le32 }
\`\`\`

Good: keep the bytes and retire the field as reserved, so every byte stays where it was:

\`\`\`yaml
fields:
  - { name: type, type: le32 }
  - { name: reserved0, type: le32, reserved: true }
\`\`\``,
  check({ index }, report) {
    for (const pair of index.structs.matched) {
      if (pair.old.size === pair.new.size || isAppendOnly(pair.old, pair.new)) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `${pair.new.kind} ${pair.new.name} changed size from ${pair.old.size} to ${pair.new.size} bytes`,
        hint: 'Keep the size: retire fields as `reserved: true` instead of removing them, and add new fields only at the end (behind a feature bit).',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
