import { defineRule } from './support.ts';

export const featureBitReassigned = defineRule({
  id: 'feature-bit-reassigned',
  code: 'HV6405',
  layer: 'NEGOTIATION',
  severity: 'danger',
  summary: 'A feature bit number now carries a different name.',
  explanation: `Either the feature was renamed (a SOURCE change only) or the bit was given to a new
feature, so old peers that negotiate it mean the old feature. hvspec cannot tell which: a reviewer must.
Suppress with the reason if it is a rename.

Bad (reuse):

\`\`\`yaml
# old                                               # new
- { bit: 0, name: VIRTIO_I2C_F_ZERO_LENGTH_REQUEST }  - { bit: 0, name: VIRTIO_I2C_F_TEN_BIT_ADDR }
\`\`\`

Good: a new feature takes a free bit.`,
  check({ index }, report) {
    for (const pair of index.features.matched) {
      if (pair.old.name === pair.new.name) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `feature bit ${pair.new.bit} of ${pair.new.ownerLabel} was ${pair.old.name} and is now ${pair.new.name}`,
        hint: 'If only the name changed, suppress with that reason; a new feature needs a free bit.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
