import { defineRule, frontMatterInNew } from './support.ts';
import { sharedOwners } from './feature-bits.ts';

export const featureBitRemoved = defineRule({
  id: 'feature-bit-removed',
  code: 'HV6403',
  layer: 'NEGOTIATION',
  severity: 'danger',
  summary: 'A feature bit was removed (and its name is not defined at another bit).',
  explanation: `Negotiation protects running systems (a device that does not offer a bit is never asked
to honour it), but old devices and drivers still offer and accept the bit, and a later revision that
reuses it would make them disagree. Keep the bit and document it as deprecated or reserved.

Bad:

\`\`\`yaml
# old                                                   # new
features:                                               features: []
  - { bit: 0, name: VIRTIO_I2C_F_ZERO_LENGTH_REQUEST }
\`\`\`

Good: keep the bit; say in its \`doc\` that new implementations must not offer it.`,
  check({ index }, report) {
    const owners = sharedOwners(index);
    for (const { item, spec } of index.features.removed) {
      if (!owners.has(item.owner)) continue;
      const elsewhere = [...index.features.added, ...index.features.matched.map((p) => ({ item: p.new }))]
        .some((f) => f.item.owner === item.owner && f.item.name === item.name);
      if (elsewhere) continue; // feature-bit-moved
      report({
        spec: spec.id,
        item: `${item.name}`,
        message: `feature bit ${item.bit} (${item.name}) of ${item.ownerLabel} was removed`,
        hint: 'Keep the bit documented as deprecated so it is never reused; if this is deliberate, suppress with the reason.',
        at: frontMatterInNew(index, spec.id),
        was: item.source,
      });
    }
  },
});
