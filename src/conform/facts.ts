/**
 * The facts one standard states about its C ABI, under the names its generated C header uses:
 * integer constants (constants, enum values, flag masks, feature bits, device IDs, hypercall
 * function IDs) and every struct/union's size, alignment and member offsets and sizes. These are
 * what `hvspec conform` asks a vendor's compiler about, read from the model (layout is computed
 * there once; nothing here recomputes it).
 */
import { walkFields } from '../model/fields.ts';
import type { Model, SourceRef, Spec, Struct } from '../model/types.ts';

export type FactKind = 'constant' | 'size' | 'align' | 'offset' | 'member-size';

export interface Fact {
  kind: FactKind;
  /** The standard that defines it. */
  spec: string;
  /** Model name: the constant, or the struct (with `field` for member facts). */
  name: string;
  field?: string;
  /** What the standard says, exactly (64-bit values are exact). */
  expected: bigint;
  /** Where the standard says it. */
  source: SourceRef;
}

/**
 * A name map from `--map`: model name (a constant, a struct, or `struct.field`) to the header's
 * spelling. A struct maps to its full C type (`struct my_hdr`, `union u`, or a typedef name);
 * `null` means the header deliberately lacks the item.
 */
export type NameMap = Record<string, string | null>;

export function specFacts(spec: Spec): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const constant = (name: string, value: string | number, source: SourceRef): void => {
    if (seen.has(name)) return; // a device's feature listed twice (device and feature set) is one fact
    seen.add(name);
    facts.push({ kind: 'constant', spec: spec.id, name, expected: BigInt(value), source });
  };
  for (const group of spec.constants) for (const c of group.constants) constant(c.name, c.value, c.source);
  for (const e of spec.enums) for (const v of e.values) constant(v.name, v.value, v.source);
  for (const set of spec.flags) for (const flag of set.flags) constant(flag.name, flag.mask, flag.source);
  for (const set of spec.features) for (const feature of set.features) constant(feature.name, feature.bit, feature.source);
  for (const device of spec.devices) {
    constant(device.idName, device.id, device.source);
    for (const feature of device.features) constant(feature.name, feature.bit, feature.source);
  }
  for (const interface_ of spec.hypercalls) for (const fn of interface_.functions) constant(fn.idName, fn.id, fn.source);
  for (const map of spec.registers ?? []) {
    for (const register of map.registers) {
      constant(register.name, register.offset, register.source);
      for (const bf of register.bitfields) constant(bf.name, bf.mask, register.source);
    }
  }
  for (const struct of spec.structs) facts.push(...structFacts(spec.id, struct));
  return facts;
}

function structFacts(spec: string, struct: Struct): Fact[] {
  const facts: Fact[] = [
    { kind: 'size', spec, name: struct.name, expected: BigInt(struct.size), source: struct.source },
    { kind: 'align', spec, name: struct.name, expected: BigInt(struct.align), source: struct.source },
  ];
  // Through inline members, by C path (`csum_start`, `csum.start`), as offsetof names them.
  for (const { field, path } of walkFields(struct.fields)) {
    if (field.anonymous) continue;
    facts.push({ kind: 'offset', spec, name: struct.name, field: path, expected: BigInt(field.offset), source: field.source });
    // A flexible array member has no size of its own in C (sizeof is an error).
    const flexible = field.type.kind === 'array' && field.type.length === null;
    if (!flexible) facts.push({ kind: 'member-size', spec, name: struct.name, field: path, expected: BigInt(field.size), source: field.source });
  }
  return facts;
}

/** The C type of a model struct in the header: mapped, or `struct name` / `union name`. */
export function headerType(struct: { name: string; kind: 'struct' | 'union' }, map: NameMap): string {
  const mapped = map[struct.name];
  return typeof mapped === 'string' ? mapped : `${struct.kind} ${struct.name}`;
}

/** The header's name for a constant or member (`struct.field` keys map members). */
export function headerName(key: string, fallback: string, map: NameMap): string {
  const mapped = map[key];
  return typeof mapped === 'string' ? mapped : fallback;
}

export function factKey(fact: Fact): string {
  return fact.field === undefined ? fact.name : `${fact.name}.${fact.field}`;
}

/**
 * The specs to compare: those named, or every spec of which the header text mentions at least one
 * name. Device and function IDs do not count: registries such as `virtio_ids.h` list every
 * device's ID, and would otherwise select every device standard.
 */
export function selectSpecs(model: Model, named: string[], headerText: string): Spec[] {
  if (named.length > 0) return model.specs.filter((s) => named.includes(s.id));
  const words = new Set(headerText.match(/[A-Za-z_]\w*/g) ?? []);
  return model.specs.filter((spec) => {
    const ids = new Set([...spec.devices.map((d) => d.idName), ...spec.hypercalls.flatMap((h) => h.functions.map((f) => f.idName))]);
    return specFacts(spec).some((f) => words.has(f.name) && !ids.has(f.name));
  });
}
