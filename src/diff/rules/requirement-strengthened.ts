import { defineRule } from './support.ts';
import { negative, strength } from './requirement-levels.ts';

export const requirementStrengthened = defineRule({
  id: 'requirement-strengthened',
  code: 'HV6501',
  layer: 'CONFORMANCE',
  severity: 'danger',
  summary: 'A normative statement became stricter (MAY/SHOULD → MUST, a flipped NOT) or binds a different role.',
  explanation: `Implementations that conformed to the old statement may no longer conform: a device that
chose not to do what it SHOULD now violates a MUST. Strengthening is acceptable when it only applies
to implementations that negotiate a new feature bit; say so in the text and suppress with the reason.

Bad:

\`\`\`yaml
# old                                                     # new
text: The device SHOULD zero the reserved bytes.          text: The device MUST zero the reserved bytes.
\`\`\`

Good: keep the SHOULD, or add a new MUST that only applies when a new feature was negotiated.`,
  check({ index }, report) {
    for (const pair of index.requirements.matched) {
      const { old, new: next } = pair;
      const stricter = strength(next.level) > strength(old.level);
      const flipped = negative(next.level) !== negative(old.level) && strength(next.level) > 0 && strength(old.level) > 0;
      const otherRole = next.role !== old.role;
      if (!stricter && !flipped && !otherRole) continue;
      const what = otherRole && !stricter && !flipped
        ? `now binds the ${next.role} instead of the ${old.role}`
        : `changed from ${old.level} to ${next.level}${otherRole ? ` and now binds the ${next.role}` : ''}`;
      report({
        spec: pair.newSpec.id,
        item: `req:${next.id}`,
        message: `requirement ${next.id} ${what}`,
        hint: 'Implementations that conformed before may not conform now: gate the stricter rule behind a feature bit and suppress with that reason.',
        at: next.source,
        was: old.source,
      });
    }
  },
});
