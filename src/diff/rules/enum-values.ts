/** What happened to each value of an enum between two versions; shared by the enum and error-code rules. */
import type { Enum, EnumValue } from '../../model/types.ts';

export type ValueChange =
  | { kind: 'changed'; old: EnumValue; new: EnumValue }
  | { kind: 'removed'; old: EnumValue }
  /** The old name is gone and its number now carries another, new name: a rename or a reuse. */
  | { kind: 'reused'; old: EnumValue; new: EnumValue };

export function enumValueChanges(old: Enum, next: Enum): ValueChange[] {
  const changes: ValueChange[] = [];
  const oldNames = new Set(old.values.map((v) => v.name));
  for (const value of old.values) {
    const same = next.values.find((v) => v.name === value.name);
    if (same) {
      if (BigInt(same.value) !== BigInt(value.value)) changes.push({ kind: 'changed', old: value, new: same });
      continue;
    }
    const successor = next.values.find((v) => BigInt(v.value) === BigInt(value.value) && !oldNames.has(v.name));
    changes.push(successor ? { kind: 'reused', old: value, new: successor } : { kind: 'removed', old: value });
  }
  return changes;
}
