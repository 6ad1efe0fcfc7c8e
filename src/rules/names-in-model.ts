import { walkFields } from '../model/fields.ts';
import type { Model, Spec } from '../model/types.ts';

/** How a generator uses a name: as a C type, as a C constant/macro, or as a member/parameter. */
export type NameRole = 'type' | 'constant' | 'member';

export interface NamedThing {
  name: string;
  role: NameRole;
  /** The model object whose `name` (or `sub`) holds it, for positions. */
  item: object;
  sub: string;
  spec: Spec;
}

/** Every identifier the corpus defines, with the model object that carries it. */
export function* namesIn(model: Model): Generator<NamedThing> {
  for (const spec of model.specs) {
    const t = (name: string, role: NameRole, item: object, sub = 'name'): NamedThing => ({ name, role, item, sub, spec });
    for (const g of spec.constants) for (const c of g.constants) yield t(c.name, 'constant', c);
    for (const e of spec.enums) { yield t(e.name, 'type', e); for (const v of e.values) yield t(v.name, 'constant', v); }
    for (const f of spec.flags) { yield t(f.name, 'type', f); for (const x of f.flags) yield t(x.name, 'constant', x); }
    for (const s of spec.structs) {
      yield t(s.name, 'type', s);
      for (const { field } of walkFields(s.fields)) {
        if (field.anonymous) continue;
        yield t(field.name, 'member', field);
        for (let i = 0; i < field.bitfields.length; i++) yield t(field.bitfields[i]!.name, 'member', field, `bitfields/${i}/name`);
      }
    }
    for (const set of spec.features) for (const f of set.features) yield t(f.name, 'constant', f);
    for (const d of spec.devices) {
      yield t(d.idName, 'constant', d, 'id_name');
      for (const f of d.features) yield t(f.name, 'constant', f);
      for (let i = 0; i < d.virtqueues.length; i++) yield t(d.virtqueues[i]!.name, 'member', d, `virtqueues/${i}/name`);
    }
    for (const h of spec.hypercalls) {
      yield t(h.name, 'type', h);
      for (const fn of h.functions) {
        yield t(fn.name, 'member', fn);
        yield t(fn.idName, 'constant', fn, 'id_name');
        for (const r of [...fn.args, ...fn.results]) yield t(r.name, 'member', r);
      }
    }
    for (const p of spec.protocols) yield t(p.name, 'type', p);
    for (const m of spec.registers ?? []) {
      yield t(m.name, 'type', m);
      for (const r of m.registers) {
        yield t(r.name, 'constant', r);
        for (let i = 0; i < r.bitfields.length; i++) yield t(r.bitfields[i]!.name, 'constant', r, `bitfields/${i}/name`);
      }
    }
  }
}
