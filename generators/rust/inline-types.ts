/**
 * Rust has no anonymous or inline struct/union members, so each inline member becomes a named
 * type of the module: `<outer>_<member>` (`VirtioNetHdrV1Csum`), and an anonymous one the field
 * `anon<N>` (N counts that aggregate's anonymous members from 1) of type `<outer>_anon<N>`
 * (`VirtioNetHdrV1Anon1`). The model gives every field its offset from the outermost struct;
 * the new type's fields are re-based on the member's own offset (a subtraction of two model
 * offsets, no layout).
 */
import type { Field, Struct } from '../../src/model/types.ts';

/** The spec's structs with inline members replaced by references to generated types, plus those types. */
export function withInlineTypes(structs: Struct[], specId: string): Struct[] {
  const out: Struct[] = [];
  for (const struct of structs) {
    if (!struct.fields.some((f) => f.type.kind === 'inline')) {
      out.push(struct);
      continue;
    }
    out.push({ ...struct, fields: named(struct.name, struct.fields, 0, specId, out) });
  }
  return out;
}

/** `fields` (offsets from the outermost struct) re-based on `base`, each inline member named and emitted into `out`. */
function named(owner: string, fields: Field[], base: number, specId: string, out: Struct[]): Field[] {
  let anonymous = 0;
  return fields.map((field): Field => {
    const rebased: Field = { ...field, offset: field.offset - base };
    if (field.type.kind !== 'inline') return rebased;
    const member = field.anonymous ? `anon${++anonymous}` : field.name;
    const typeName = `${owner}_${member}`;
    out.push({
      kind: field.type.aggregate, name: typeName, doc: field.type.doc, size: field.type.size, align: field.type.align,
      packed: false, flexible: false, fields: named(typeName, field.type.fields, field.offset, specId, out), source: field.source,
    });
    const { anonymous: _, ...rest } = rebased;
    return { ...rest, name: member, type: { kind: field.type.aggregate, name: typeName, spec: specId } };
  });
}
