import { defineRule } from './support.ts';
import { sharedOwners } from './feature-bits.ts';

export const featureBitMoved = defineRule({
  id: 'feature-bit-moved',
  code: 'HV6404',
  layer: 'NEGOTIATION',
  severity: 'error',
  summary: 'A feature kept its name but moved to another bit number.',
  explanation: `Feature negotiation exchanges bit numbers, not names. An old driver offering the old bit
and a new device expecting the new one never agree on the feature; worse, the old bit may mean
something else to the other side.

Bad:

\`\`\`yaml
# old                                               # new
- { bit: 0, name: VIRTIO_I2C_F_ZERO_LENGTH_REQUEST }  - { bit: 1, name: VIRTIO_I2C_F_ZERO_LENGTH_REQUEST }
\`\`\`

Good: feature bits never move.`,
  check({ index }, report) {
    const owners = sharedOwners(index);
    const news = [...index.features.added, ...index.features.matched.map((p) => ({ item: p.new, spec: p.newSpec }))];
    for (const { item } of index.features.removed) {
      if (!owners.has(item.owner)) continue;
      const now = news.find((f) => f.item.owner === item.owner && f.item.name === item.name);
      if (!now) continue;
      report({
        spec: now.spec.id,
        item: item.name,
        message: `feature ${item.name} of ${item.ownerLabel} moved from bit ${item.bit} to bit ${now.item.bit}`,
        hint: 'Peers negotiate bit numbers: restore the published bit.',
        at: now.item.source,
        was: item.source,
      });
    }
  },
});
