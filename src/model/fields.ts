/**
 * Walking a struct's fields through inline members (`union { … };` and `struct { … } csum;`).
 * Every field carries its offset from the start of the outermost struct, so a walk needs no
 * arithmetic: generators and rules read offsets as they are.
 */
import type { Field, InlineType, Struct } from './types.ts';

/** The inline type of a field, if it is an inline member. */
export function inlineOf(field: Field): InlineType | undefined {
  return field.type.kind === 'inline' ? field.type : undefined;
}

export interface FieldVisit {
  field: Field;
  /** C access path from the outermost struct: `csum_start` (anonymous members add nothing), `csum.start`. */
  path: string;
  /** Inline members from the outermost struct down to the field's parent, outermost first. */
  parents: Field[];
}

/** Every field at any depth, in declaration order, parents before their fields. */
export function* walkFields(fields: Field[], prefix = '', parents: Field[] = []): Generator<FieldVisit> {
  for (const field of fields) {
    const path = field.anonymous ? prefix.replace(/\.$/, '') : `${prefix}${field.name}`;
    yield { field, path, parents };
    const inline = inlineOf(field);
    if (inline) yield* walkFields(inline.fields, field.anonymous ? prefix : `${path}.`, [...parents, field]);
  }
}

/** Fields that are not inline members (scalars, arrays, named structs), at any depth, with their C paths. */
export function* leafFields(struct: Struct | Field[]): Generator<FieldVisit> {
  for (const visit of walkFields(Array.isArray(struct) ? struct : struct.fields)) if (!inlineOf(visit.field)) yield visit;
}

/** Names a mapping of this aggregate takes: its named fields, and the fields of its anonymous members (as in C). */
export function flatMembers(fields: Field[]): Field[] {
  return fields.flatMap((field) => (field.anonymous ? flatMembers(inlineOf(field)!.fields) : [field]));
}

/** `union { … }` / `struct { … }`: how an inline type is named in messages and docs. */
export function inlineTypeText(type: InlineType): string {
  return `${type.aggregate} { … }`;
}

/**
 * The struct with its inline members replaced by their leaves, each named by its C path
 * (`csum_start`, `csum.start`): what `hvspec diff` compares, so a field that moves into an
 * anonymous member without changing name, offset or size is unchanged. A struct without inline
 * members is returned as it is.
 */
export function flattenedStruct(struct: Struct): Struct {
  if (!struct.fields.some(inlineOf)) return struct;
  return { ...struct, fields: [...leafFields(struct)].map(({ field, path }) => (path === field.name ? field : { ...field, name: path })) };
}
