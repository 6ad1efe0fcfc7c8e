import { caseCollisions } from './case-collisions.ts';
import { functionRegistry } from './function-registry.ts';
import { identifierRules } from './identifiers.ts';
import { normativeProse } from './normative-prose.ts';
import { references } from './references.ts';
import type { Rule, RuleContext } from './rule.ts';
import { virtioRegistry } from './virtio-registry.ts';

/** Every semantic check, in the order they run. Adding a check is one line here. */
export const rules: readonly Rule[] = [identifierRules, caseCollisions, virtioRegistry, functionRegistry, references, normativeProse];

export function runRules(context: RuleContext): void {
  for (const rule of rules) rule.check(context);
}
