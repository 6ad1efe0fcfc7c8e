/** Iteration helpers the rules share, so each rule file holds only its own judgement. */
import type { Field, SourceRef, Spec, Struct } from '../../model/types.ts';
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

/** A spec's front matter: where a finding points when its item is gone from NEW. */
export function frontMatter(spec: Pick<Spec, 'file'>): SourceRef {
  return { file: spec.file, line: 1 };
}

/** The front matter of a spec in NEW, if the spec still exists there. */
export function frontMatterInNew(index: DiffIndex, specId: string): SourceRef | undefined {
  const spec = index.newSpec(specId);
  return spec ? frontMatter(spec) : undefined;
}
