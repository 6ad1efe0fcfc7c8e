import type { Model } from './types.ts';

/** What a `[[name]]` cross-reference points at: an item of a spec. */
export interface ReferenceTarget {
  /** `struct`, `union`, `field`, `enum`, `enum-value`, `flags`, `flag`, `constant`, `feature`, `device`, `function`, `interface`, `protocol`, `registers`, `register`, `register-bit`, `requirement`, `spec`. */
  kind: string;
  spec: string;
  /** The item's own name (for a field: `struct.field`). */
  name: string;
}

/**
 * Every name `[[…]]` may use (docs/format.md, "Cross-references in prose"), mapped to its target.
 * The checker reports names not in this map; the publisher turns the others into links.
 */
export function referenceTargets(model: Model): Map<string, ReferenceTarget> {
  const map = new Map<string, ReferenceTarget>();
  const add = (key: string, kind: string, spec: string, name = key): void => {
    if (!map.has(key)) map.set(key, { kind, spec, name });
  };
  for (const spec of model.specs) {
    const s = spec.id;
    add(`spec:${s}`, 'spec', s, s);
    for (const g of spec.constants) for (const c of g.constants) add(c.name, 'constant', s);
    for (const e of spec.enums) { add(e.name, 'enum', s); for (const v of e.values) add(v.name, 'enum-value', s); }
    for (const f of spec.flags) { add(f.name, 'flags', s); for (const x of f.flags) add(x.name, 'flag', s); }
    for (const st of spec.structs) {
      add(st.name, st.kind, s);
      for (const field of st.fields) add(`${st.name}.${field.name}`, 'field', s);
    }
    for (const set of spec.features) for (const f of set.features) add(f.name, 'feature', s);
    for (const d of spec.devices) {
      add(`device:${d.name}`, 'device', s, d.name);
      add(d.idName, 'constant', s);
      for (const f of d.features) add(f.name, 'feature', s);
    }
    for (const h of spec.hypercalls) {
      add(h.name, 'interface', s);
      for (const fn of h.functions) { add(`${h.name}.${fn.name}`, 'function', s); add(fn.idName, 'function', s, `${h.name}.${fn.name}`); }
    }
    for (const p of spec.protocols) add(p.name, 'protocol', s);
    for (const m of spec.registers ?? []) {
      add(m.name, 'registers', s);
      for (const r of m.registers) { add(r.name, 'register', s); for (const bf of r.bitfields) add(bf.name, 'register-bit', s); }
    }
    for (const r of spec.requirements) add(`req:${r.id}`, 'requirement', s, r.id);
  }
  return map;
}
