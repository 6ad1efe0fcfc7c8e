/**
 * Small readings of model values the diff rules share: how a type is spelled, what bytes a value
 * occupies, and where a change should be reported.
 */
import { inlineTypeText } from '../model/fields.ts';
import type { Field, Primitive, SourceRef, Struct, TypeRef } from '../model/types.ts';

/** A type as an author writes it: `le32`, `virtio_i2c_flags`, `u8[16]`, `u8[]`. */
export function typeText(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'array':
      return `${typeText(type.element)}[${type.length ?? ''}]`;
    case 'inline':
      return inlineTypeText(type);
    default:
      return type.name;
  }
}

/** The scalar that holds a value (enums and flags are stored as their primitive; arrays by element). */
export function scalarOf(type: TypeRef): Primitive | null {
  switch (type.kind) {
    case 'primitive':
      return type;
    case 'enum':
    case 'flags':
      return type.storage;
    case 'array':
      return scalarOf(type.element);
    default:
      return null;
  }
}

/** Whether two field types put the same bytes in the same order with the same meaning of sign. */
export function sameWireShape(a: TypeRef, b: TypeRef): boolean {
  if (a.kind === 'array' || b.kind === 'array') {
    return a.kind === 'array' && b.kind === 'array' && a.length === b.length && sameWireShape(a.element, b.element);
  }
  const sa = scalarOf(a);
  const sb = scalarOf(b);
  if (sa && sb) return sa.size === sb.size && sa.endian === sb.endian && sa.signed === sb.signed;
  // Two named structs/unions: the same name means the same type (its own layout is diffed separately).
  return !sa && !sb && typeText(a) === typeText(b);
}

export function endianText(p: Primitive): string {
  return p.endian === 'native' ? 'native-endian' : `${p.endian}-endian`;
}

/** The byte range [start, end) a field covers. */
export function bytesOf(field: Field): [number, number] {
  return [field.offset, field.offset + field.size];
}

export function overlaps(a: Field, b: Field): boolean {
  const [as, ae] = bytesOf(a);
  const [bs, be] = bytesOf(b);
  return as < be && bs < ae;
}

/** Whether the bytes of `field` are entirely covered by reserved fields of `struct`. */
export function coveredByReserved(field: Field, struct: Struct): boolean {
  for (let byte = field.offset; byte < field.offset + Math.max(field.size, 1); byte++) {
    const holder = struct.fields.find((f) => f.offset <= byte && byte < f.offset + f.size);
    if (!holder || !holder.reserved) return false;
  }
  return true;
}

export function fieldByName(struct: Struct, name: string): Field | undefined {
  return struct.fields.find((f) => f.name === name);
}

/**
 * What became of an old field in the new struct:
 * - kept: a field of the same name exists;
 * - renamed: a new field at the same offset, of the same type, whose name the old struct did not have;
 * - tombstoned: its bytes are now reserved;
 * - removed: none of these.
 */
export type FieldFate =
  | { fate: 'kept'; field: Field }
  | { fate: 'renamed'; field: Field }
  | { fate: 'tombstoned' }
  | { fate: 'removed' };

export function fateOf(field: Field, oldStruct: Struct, newStruct: Struct): FieldFate {
  const same = fieldByName(newStruct, field.name);
  if (same) return { fate: 'kept', field: same };
  const renamed = newStruct.fields.find((f) =>
    f.offset === field.offset && f.size === field.size && f.reserved === field.reserved &&
    typeText(f.type) === typeText(field.type) && !fieldByName(oldStruct, f.name));
  if (renamed) return { fate: 'renamed', field: renamed };
  if (coveredByReserved(field, newStruct)) return { fate: 'tombstoned' };
  return { fate: 'removed' };
}

/** A short layout fingerprint of a struct: kind, size, alignment and each field's offset, size and type. */
export function layoutKey(struct: Struct): string {
  const fields = struct.fields.map((f) => `${f.offset}:${f.size}:${typeText(f.type)}:${f.reserved ? 'r' : ''}`);
  return `${struct.kind}/${struct.size}/${struct.align}/${struct.packed}/${fields.join(',')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function hex(value: string | number): string {
  const n = BigInt(value);
  return n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}

export type { SourceRef };
