import { defineRule } from './support.ts';

export const constantChanged = defineRule({
  id: 'constant-changed',
  code: 'HV6214',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A constant kept its name but got a different value.',
  explanation: `Constants are compiled into binaries (status bits, sizes, magic numbers). Old and new
binaries then use different numbers for the same name.

Bad:

\`\`\`yaml
# old                                          # new
- { name: VIRTIO_X_MAX_LEN, value: 64 }        - { name: VIRTIO_X_MAX_LEN, value: 128 }
\`\`\`

Good: add a new constant (and, if needed, a feature bit that says which one applies).`,
  check({ index }, report) {
    for (const pair of index.constants.matched) {
      if (BigInt(pair.old.value) === BigInt(pair.new.value)) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `constant ${pair.new.name} changed from ${pair.old.value} to ${pair.new.value}`,
        hint: 'Restore the published value; a different value needs a new constant.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
