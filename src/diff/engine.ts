/**
 * Runs the rule catalogue over two models in two phases:
 * 1. the content rules (everything but the version gate) report changes;
 * 2. suppressions accept reviewed changes; the version gate then judges what is left, per standard;
 * 3. in a standard whose version starts a new compatibility line, the remaining breaking changes are
 *    accepted by that version (semver: a new major may break).
 */
import type { Model } from '../model/types.ts';
import { buildIndex } from './match.ts';
import { diffRules } from './rules/index.ts';
import { breaksCompatibility } from './rules/version-major-required.ts';
import { isBreakingBump, parseVersion } from './semver.ts';
import { applySuppressions, type JudgedChange, type Suppression } from './suppress.ts';
import type { Change, DiffContext, DiffRule } from './types.ts';

export interface Judgement {
  judged: JudgedChange[];
  /** Suppressions that matched no change. */
  unused: Suppression[];
}

/** Old version → new version of every spec whose new version may break (`1.3.0 → 2.0.0`). */
function majorBumps(oldModel: Model, newModel: Model): Map<string, string> {
  const bumps = new Map<string, string>();
  for (const spec of newModel.specs) {
    const before = oldModel.specs.find((s) => s.id === spec.id);
    const a = before && parseVersion(before.version);
    const b = parseVersion(spec.version);
    if (a && b && isBreakingBump(a, b)) bumps.set(spec.id, `${before.version} → ${spec.version}`);
  }
  return bumps;
}

export function judgeModels(oldModel: Model, newModel: Model, suppressions: Suppression[] = [], rules: readonly DiffRule[] = diffRules): Judgement {
  const index = buildIndex(oldModel, newModel);
  const run = (phase: readonly DiffRule[], changes: readonly Change[]): Change[] => {
    const found: Change[] = [];
    const context: DiffContext = { old: oldModel, new: newModel, index, changes };
    for (const rule of phase) rule.check(context, (change) => found.push({ rule, ...change }));
    return found;
  };
  const content = run(rules.filter((r) => !r.gate), []);
  const first = applySuppressions(content, suppressions);
  const open = first.judged.filter((j) => !j.suppressedBy).map((j) => j.change);
  const gate = applySuppressions(run(rules.filter((r) => r.gate), open), suppressions);
  const bumps = majorBumps(oldModel, newModel);
  const judged = [...first.judged, ...gate.judged].map((j): JudgedChange => {
    const bump = bumps.get(j.change.spec);
    return !j.suppressedBy && bump && breaksCompatibility(j.change) ? { ...j, acceptedByVersion: bump } : j;
  });
  return { judged, unused: first.unused.filter((s) => gate.unused.includes(s)) };
}

/** Every change the rules find, before suppressions and the major-version acceptance. */
export function diffModels(oldModel: Model, newModel: Model, rules: readonly DiffRule[] = diffRules): Change[] {
  return judgeModels(oldModel, newModel, [], rules).judged.map((j) => j.change);
}
