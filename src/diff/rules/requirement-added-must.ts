import { defineRule } from './support.ts';
import { strength } from './requirement-levels.ts';

export const requirementAddedMust = defineRule({
  id: 'requirement-added-must',
  code: 'HV6502',
  layer: 'CONFORMANCE',
  severity: 'danger',
  summary: 'A new MUST or MUST NOT statement was added to an existing standard.',
  explanation: `Every existing implementation was written without it, so some may not conform any more.
A new MUST is fine when it only applies to implementations that negotiate a new feature (or to a new
device or call): say so in the text and suppress with the reason.

Bad:

\`\`\`yaml
- id: x-dev-zero
  text: The device MUST zero the padding of every response.
\`\`\`

Good:

\`\`\`yaml
- id: x-dev-zero
  text: If VIRTIO_X_F_ZERO has been negotiated, the device MUST zero the padding of every response.
\`\`\``,
  check({ index }, report) {
    for (const { item, spec } of index.requirements.added) {
      // A MUST in a standard that did not exist before binds nobody yet.
      if (strength(item.level) < 2 || !index.oldSpec(spec.id)) continue;
      report({
        spec: spec.id,
        item: `req:${item.id}`,
        message: `new requirement ${item.id}: the ${item.role} ${item.level} …`,
        hint: 'Existing implementations may not conform: make it conditional on a new feature bit and suppress with that reason.',
        at: item.source,
      });
    }
  },
});
