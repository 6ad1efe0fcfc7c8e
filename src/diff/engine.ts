/** Runs the rule catalogue over two models and returns every change, in rule order. */
import type { Model } from '../model/types.ts';
import { buildIndex } from './match.ts';
import { diffRules } from './rules/index.ts';
import type { Change, DiffContext, DiffRule } from './types.ts';

export function diffModels(oldModel: Model, newModel: Model, rules: readonly DiffRule[] = diffRules): Change[] {
  const changes: Change[] = [];
  const context: DiffContext = { old: oldModel, new: newModel, index: buildIndex(oldModel, newModel), changes };
  for (const rule of rules) {
    rule.check(context, (found) => changes.push({ rule, ...found }));
  }
  return changes;
}
