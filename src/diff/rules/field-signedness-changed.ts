import { scalarOf, typeText } from '../describe.ts';
import type { TypeRef } from '../../model/types.ts';
import { defineRule, fieldPairs } from './support.ts';

/** Both types hold scalars of one width, one signed and one not. */
export function signednessChanged(a: TypeRef, b: TypeRef): boolean {
  const x = scalarOf(a);
  const y = scalarOf(b);
  return !!x && !!y && x.size === y.size && x.signed !== y.signed;
}

export const fieldSignednessChanged = defineRule({
  id: 'field-signedness-changed',
  code: 'HV6207',
  layer: 'WIRE',
  severity: 'danger',
  summary: 'A field of the same width changed between signed and unsigned.',
  explanation: `The bytes stay where they were, but values with the top bit set now mean something else
(\`0xffffffff\` is 4294967295 as \`u32\` and -1 as \`i32\`). Whether that breaks a peer depends on the
values in use, so a reviewer must decide.

Bad:

\`\`\`yaml
# old                                   # new
- { name: status, type: u32 }           - { name: status, type: i32 }
\`\`\`

Good: keep the signedness; or, when every value in use is below the top bit, suppress this finding
with that reason.`,
  check({ index }, report) {
    for (const pair of fieldPairs(index)) {
      if (!signednessChanged(pair.old.type, pair.new.type)) continue;
      const a = scalarOf(pair.old.type)!;
      const b = scalarOf(pair.new.type)!;
      report({
        spec: pair.spec.id,
        item: pair.item,
        message: `field ${pair.item} changed from ${a.signed ? 'signed' : 'unsigned'} to ${b.signed ? 'signed' : 'unsigned'} (${typeText(pair.old.type)} → ${typeText(pair.new.type)})`,
        hint: 'Values with the top bit set change meaning; restore the type or suppress with a reason.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
