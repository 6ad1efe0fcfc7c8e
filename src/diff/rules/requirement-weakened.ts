import { defineRule } from './support.ts';
import { negative, strength } from './requirement-levels.ts';

export const requirementWeakened = defineRule({
  id: 'requirement-weakened',
  code: 'HV6504',
  layer: 'CONFORMANCE',
  severity: 'danger',
  summary: 'A normative statement became weaker (MUST → SHOULD/MAY, SHOULD → MAY).',
  explanation: `The other side may rely on the old guarantee: a driver that counts on the device's MUST
breaks when a new device, conforming to a SHOULD, does not do it.

Bad:

\`\`\`yaml
# old                                                   # new
text: The device MUST set status to OK on success.      text: The device SHOULD set status to OK on success.
\`\`\`

Good: keep published guarantees; if relaxing is right, explain what peers must do instead and suppress
with that reason.`,
  check({ index }, report) {
    for (const pair of index.requirements.matched) {
      const { old, new: next } = pair;
      const flipped = negative(next.level) !== negative(old.level) && strength(next.level) > 0 && strength(old.level) > 0;
      if (flipped || strength(next.level) >= strength(old.level)) continue;
      report({
        spec: pair.newSpec.id,
        item: `req:${next.id}`,
        message: `requirement ${next.id} changed from ${old.level} to ${next.level}`,
        hint: 'Peers may rely on the published guarantee: keep it, or suppress with the reason it is safe.',
        at: next.source,
        was: old.source,
      });
    }
  },
});
