/**
 * Cross-references: every name a `[[name]]` may point at (docs/format.md, "Cross-references in
 * prose"), mapped to the page and anchor of its definition. The checker (HV3014) reports unknown
 * names; here an unknown one simply stays plain text.
 */
import { walkFields } from '../../src/model/fields.ts';
import type { Model } from '../../src/model/types.ts';
import { anchor, specPage } from './anchors.ts';

export interface Target {
  /** Id of the spec whose page holds the definition. */
  spec: string;
  /** Fragment id on that page, or '' for the page itself. */
  anchor: string;
  /** What kind of thing it is, for the identifier index and search ("struct", "enum value", …). */
  kind: string;
  /** The name as a reader sees it. */
  name: string;
}

export type Symbols = Map<string, Target>;

/** Every referable name of the corpus. The first definition wins (the checker rejects duplicates). */
export function collectSymbols(model: Model): Symbols {
  const symbols: Symbols = new Map();
  const add = (key: string, target: Target) => {
    if (!symbols.has(key)) symbols.set(key, target);
  };
  for (const spec of model.specs) {
    const at = (kind: string, name: string, id: string): Target => ({ spec: spec.id, anchor: id, kind, name });
    add(`spec:${spec.id}`, { spec: spec.id, anchor: '', kind: 'standard', name: spec.title });
    for (const group of spec.constants) {
      add(group.name, at('constant group', group.name, anchor.constantGroup(group.name)));
      for (const c of group.constants) add(c.name, at('constant', c.name, anchor.constant(c.name)));
    }
    for (const e of spec.enums) {
      add(e.name, at('enum', e.name, anchor.type(e.name)));
      for (const v of e.values) add(v.name, at('enum value', v.name, anchor.constant(v.name)));
    }
    for (const f of spec.flags) {
      add(f.name, at('flags', f.name, anchor.type(f.name)));
      for (const flag of f.flags) add(flag.name, at('flag', flag.name, anchor.constant(flag.name)));
    }
    for (const s of spec.structs) {
      add(s.name, at(s.kind, s.name, anchor.type(s.name)));
      // Fields through inline members, by C path: `virtio_net_hdr_v1.csum_start`, `virtio_net_hdr_v1.csum.start`.
      for (const { field, path } of walkFields(s.fields)) {
        if (!field.anonymous) add(`${s.name}.${path}`, at('field', `${s.name}.${path}`, anchor.field(s.name, path)));
      }
    }
    for (const set of spec.features) {
      add(set.name, at('feature set', set.name, anchor.featureSet(set.name)));
      for (const f of set.features) add(f.name, at('feature bit', f.name, anchor.constant(f.name)));
    }
    for (const d of spec.devices) {
      add(`device:${d.name}`, at('device', d.name, anchor.device(d.name)));
      add(d.idName, at('device id', d.idName, anchor.device(d.name)));
      for (const f of d.features) add(f.name, at('feature bit', f.name, anchor.constant(f.name)));
    }
    for (const h of spec.hypercalls) {
      add(h.name, at('hypercall interface', h.name, anchor.hypercalls(h.name)));
      for (const fn of h.functions) {
        add(`${h.name}.${fn.name}`, at('function', `${h.name}.${fn.name}`, anchor.function(h.name, fn.name)));
        add(fn.idName, at('function id', fn.idName, anchor.function(h.name, fn.name)));
      }
    }
    for (const p of spec.protocols) add(p.name, at('protocol', p.name, anchor.protocol(p.name)));
    for (const m of spec.registers ?? []) {
      add(m.name, at('register map', m.name, anchor.registers(m.name)));
      for (const r of m.registers) {
        add(r.name, at('register', r.name, anchor.register(r.name)));
        for (const bf of r.bitfields) add(bf.name, at('register bit field', bf.name, anchor.constant(bf.name)));
      }
    }
    for (const r of spec.requirements) add(`req:${r.id}`, at('requirement', r.id, anchor.requirement(r.id)));
  }
  return symbols;
}

/**
 * The href of a target seen from `fromSpec`'s page: a fragment on the same page, or another page.
 * With `samePageOnly` (the PDF book of one spec), a target on another page has no href.
 */
export function hrefOf(target: Target, fromSpec: string | null, samePageOnly = false): string | null {
  if (target.spec === fromSpec) return target.anchor ? `#${target.anchor}` : '#top';
  if (samePageOnly) return null;
  return target.anchor ? `${specPage(target.spec)}#${target.anchor}` : specPage(target.spec);
}

