/**
 * Rename detection. A name that disappears while a new one with exactly the same shape appears is
 * most likely a rename: generated code stops compiling (a SOURCE change), but the bytes are the
 * same. Only a one-to-one match counts; if two new items fit, nothing is guessed.
 */
import type { Device, Enum, FlagSet, HypercallInterface, Struct } from '../model/types.ts';
import { layoutKey } from './describe.ts';
import type { DiffIndex, Located, Matching } from './match.ts';

export interface Renames {
  /** Old type name → new type name (structs, unions, enums, flag sets). */
  types: Map<string, string>;
  /** Old device name → new device name (same device ID). */
  devices: Map<string, string>;
  /** Old hypercall interface name → new name (same convention and function IDs). */
  interfaces: Map<string, string>;
}

function pairUnique<T>(matching: Matching<T>, key: (item: T) => string, name: (item: T) => string): Map<string, string> {
  const count = <U>(list: Located<U>[], k: (item: U) => string) => {
    const counts = new Map<string, Located<U>[]>();
    for (const entry of list) counts.set(k(entry.item), [...(counts.get(k(entry.item)) ?? []), entry]);
    return counts;
  };
  const removed = count(matching.removed, key);
  const added = count(matching.added, key);
  const result = new Map<string, string>();
  for (const [k, olds] of removed) {
    const news = added.get(k);
    if (olds.length === 1 && news?.length === 1) result.set(name(olds[0]!.item), name(news[0]!.item));
  }
  return result;
}

const enumKey = (e: Enum) => `${e.storage.name}/${e.values.map((v) => v.value).join(',')}`;
const flagsKey = (f: FlagSet) => `${f.storage.name}/${f.flags.map((x) => `${x.bit}:${x.width}`).join(',')}`;

const interfaceKey = (i: HypercallInterface) => `${i.convention}/${i.entity ?? ''}/${i.functions.map((f) => f.id).join(',')}`;

const cache = new WeakMap<DiffIndex, Renames>();

export function renamesOf(index: DiffIndex): Renames {
  const known = cache.get(index);
  if (known) return known;
  const byName = (x: { name: string }) => x.name;
  const types = new Map([
    ...pairUnique<Struct>(index.structs, layoutKey, byName),
    ...pairUnique<Enum>(index.enums, enumKey, byName),
    ...pairUnique<FlagSet>(index.flags, flagsKey, byName),
  ]);
  const devices = pairUnique<Device>(index.devices, (d) => String(d.id), byName);
  const interfaces = pairUnique<HypercallInterface>(index.hypercalls, interfaceKey, byName);
  const renames = { types, devices, interfaces };
  cache.set(index, renames);
  return renames;
}

/** New names that are the target of a rename (so they are not reported as additions too). */
export function renameTargets(index: DiffIndex): Set<string> {
  const r = renamesOf(index);
  return new Set([...r.types.values(), ...r.devices.values(), ...r.interfaces.values()]);
}
