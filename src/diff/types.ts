/**
 * The shapes `hvspec diff` works with: a rule looks at pre-matched old/new pairs and reports
 * changes; the engine turns changes into diagnostics, applying suppressions and the version gate.
 */
import type { Model, SourceRef, Spec } from '../model/types.ts';
import type { DiffIndex } from './match.ts';

/**
 * Which contract a change touches, from the outside in:
 * - SOURCE: generated names and types (code written against the headers stops compiling);
 * - WIRE: bytes in memory or on a queue (layouts, values, bit positions);
 * - CALL: how a hypercall is made (conduit, function ID, registers);
 * - NEGOTIATION: how peers find each other (device IDs, feature bits, virtqueues, versions);
 * - CONFORMANCE: normative statements an implementation is judged against.
 */
export type Layer = 'SOURCE' | 'WIRE' | 'CALL' | 'NEGOTIATION' | 'CONFORMANCE';

/**
 * How bad a change is:
 * - error: breaks existing binaries;
 * - danger: may break; it fails the diff until a suppression with a reviewed reason accepts it;
 * - warning: breaks source only (generated names), binaries keep working;
 * - note: compatible (an addition, a retirement done right).
 */
export type RuleSeverity = 'error' | 'danger' | 'warning' | 'note';

/** One finding of one rule, before suppressions and the version gate are applied. */
export interface Change {
  rule: DiffRule;
  /** Spec the change belongs to (the new spec, or the old one when the spec is gone). */
  spec: string;
  /** Qualified name of what changed: `virtio_i2c_out_hdr.flags`, `psci.CPU_ON`, `i2c-adapter:bit 3`. */
  item: string;
  message: string;
  hint?: string;
  /** Where it is in NEW (path relative to NEW's root), when it still exists there. */
  at?: SourceRef;
  /** Where it was in OLD (path relative to OLD's root). */
  was?: SourceRef;
}

export interface ChangeReport {
  spec: string;
  item: string;
  message: string;
  hint?: string;
  at?: SourceRef;
  was?: SourceRef;
}

/** The context a rule sees: both models, their items matched, and the changes found so far. */
export interface DiffContext {
  old: Model;
  new: Model;
  index: DiffIndex;
  /**
   * For the version gate: the content rules' findings that no suppression accepted (a suppression
   * is a reviewer's verdict that the change is acceptable). Empty for content rules.
   */
  changes: readonly Change[];
}

export interface DiffRule {
  /** kebab-case, e.g. `struct-size-changed`; usable in suppressions instead of the code. */
  id: string;
  /** `HV6xxx`, stable. */
  code: string;
  layer: Layer;
  severity: RuleSeverity;
  /** One sentence: what the rule catches. */
  summary: string;
  /** The version gate runs after the content rules and their suppressions. */
  gate?: true;
  /** Markdown: why it matters to a vendor, with a bad and a good example. */
  explanation: string;
  check(context: DiffContext, report: (change: ChangeReport) => void): void;
}

export type { Spec };
