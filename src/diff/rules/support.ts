/** Iteration helpers the rules share, so each rule file holds only its own judgement. */
import type { Field, Spec, Struct } from '../../model/types.ts';
import type { DiffIndex, Pair } from '../match.ts';
import type { DiffRule } from '../types.ts';

export function defineRule(rule: DiffRule): DiffRule {
  return rule;
}

export interface FieldPair {
  struct: Pair<Struct>;
  old: Field;
  new: Field;
  /** Qualified name, `struct.field`. */
  item: string;
  spec: Spec;
}

/** Every field present (by name) in both versions of a struct present in both. */
export function fieldPairs(index: DiffIndex): FieldPair[] {
  const pairs: FieldPair[] = [];
  for (const struct of index.structs.matched) {
    for (const oldField of struct.old.fields) {
      const newField = struct.new.fields.find((f) => f.name === oldField.name);
      if (newField) {
        pairs.push({ struct, old: oldField, new: newField, item: `${struct.new.name}.${oldField.name}`, spec: struct.newSpec });
      }
    }
  }
  return pairs;
}

/** `standards/x.md` line N of a spec's front matter, for findings that have no item of their own in NEW. */
export function specHead(spec: Spec) {
  return { file: spec.file, line: 1 };
}
