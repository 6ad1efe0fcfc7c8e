/**
 * Suppressions: a reviewed, written-down acceptance of one finding. Every suppression needs a reason
 * (it ends up in the PR comment and the changelog); one that matches nothing is reported, so stale
 * entries do not pile up.
 *
 * Two places hold them, both read from NEW (the proposed revision carries its own justification):
 * - `hvspec.config.json`: `{ "diff": { "suppress": [ { "spec", "rule", "item"?, "reason" } ] } }`;
 * - a standard's front matter: `breaking: [ { rule, item?, reason } ]` (the spec is the document's),
 *   when the model carries it (see docs/diff.md for the schema addition).
 */
import type { Model } from '../model/types.ts';
import type { Change } from './types.ts';

export interface Suppression {
  /** Spec id; absent means any spec (config entries only). */
  spec?: string;
  /** A rule code (`HV6202`) or id (`struct-extended`). */
  rule: string;
  /** Qualified item as printed in the finding (`virtio_x_req`, `psci.CPU_ON`, `req:x-dev-zero`); absent: every item. */
  item?: string;
  reason: string;
  /** Where it was written: a file relative to NEW's root, and the line if known. */
  origin: { file: string; line?: number };
}

export interface JudgedChange {
  change: Change;
  /** A reviewed suppression accepted the change. */
  suppressedBy?: Suppression;
  /** The standard's new major version accepts the change, e.g. `1.3.0 → 2.0.0`. */
  acceptedByVersion?: string;
}

export class SuppressionError extends Error {}

/** Reads one list of suppression entries, rejecting malformed ones with a message that names the entry. */
export function readSuppressions(raw: unknown, origin: { file: string; line?: number }, spec?: string): Suppression[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SuppressionError(`${origin.file}: suppressions must be a list`);
  return raw.map((entry, i) => {
    const where = `${origin.file}: suppression ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new SuppressionError(`${where} must be an object`);
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!['spec', 'rule', 'item', 'reason'].includes(key)) throw new SuppressionError(`${where} has an unknown key "${key}"`);
    }
    if (typeof e.rule !== 'string' || e.rule === '') throw new SuppressionError(`${where} needs "rule" (a code such as HV6202 or a rule id)`);
    if (typeof e.reason !== 'string' || e.reason.trim().length < 4) {
      throw new SuppressionError(`${where} needs a "reason" that says why the change is acceptable`);
    }
    for (const key of ['spec', 'item'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'string') throw new SuppressionError(`${where}: "${key}" must be a string`);
    }
    return {
      spec: (e.spec as string | undefined) ?? spec,
      rule: e.rule,
      item: e.item as string | undefined,
      reason: e.reason.trim(),
      origin,
    };
  });
}

/** Suppressions written in the front matter of NEW's standards, if the model carries them. */
export function frontMatterSuppressions(model: Model): Suppression[] {
  return model.specs.flatMap((spec) => {
    const breaking = (spec as unknown as { breaking?: unknown }).breaking;
    return readSuppressions(breaking, { file: spec.file, line: 1 }, spec.id);
  });
}

function matches(s: Suppression, c: Change): boolean {
  return (s.rule === c.rule.code || s.rule === c.rule.id) &&
    (s.spec === undefined || s.spec === c.spec) &&
    (s.item === undefined || s.item === c.item);
}

export function applySuppressions(changes: Change[], suppressions: Suppression[]): { judged: JudgedChange[]; unused: Suppression[] } {
  const used = new Set<Suppression>();
  const judged = changes.map((change) => {
    const suppressedBy = suppressions.find((s) => matches(s, change));
    if (suppressedBy) used.add(suppressedBy);
    return suppressedBy ? { change, suppressedBy } : { change };
  });
  return { judged, unused: suppressions.filter((s) => !used.has(s)) };
}
