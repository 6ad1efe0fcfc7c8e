/**
 * How model types are spelled in Rust, in the two places a value can live:
 * - in memory or on the wire (struct fields): the stored primitive, byte order included
 *   (`Le32`), enums and flags as their storage, arrays as `[T; N]`, flexible arrays as `[T; 0]`;
 * - in a register (hypercall arguments and results): the host integer, or the enum / flag type
 *   itself, since decoding a register can check the value.
 */
import type { Primitive, TypeRef } from '../../src/model/types.ts';
import type { RustInt } from './helpers.ts';
import { typePath } from './naming.ts';

const ENDIAN_TYPES: Partial<Record<Primitive['name'], string>> = {
  le16: 'Le16', le32: 'Le32', le64: 'Le64', be16: 'Be16', be32: 'Be32', be64: 'Be64',
};

/** The host integer with the primitive's width and sign: `le32` → `u32`. */
export function hostInt(primitive: Primitive): RustInt {
  return `${primitive.signed ? 'i' : 'u'}${primitive.size * 8}` as RustInt;
}

/** The unsigned host integer of the primitive's width (flag sets, bit ranges): `i32` → `u32`. */
export function unsignedInt(primitive: Primitive): RustInt {
  return `u${primitive.size * 8}` as RustInt;
}

/** `Le32` for byte-order-explicit primitives, null for native ones. */
export function endianType(primitive: Primitive): string | null {
  return ENDIAN_TYPES[primitive.name] ?? null;
}

/**
 * The storage type of a field in module `fromSpec`. Records every endian type it names in
 * `endianUses`, so the module imports exactly those (an unused import would fail `-D warnings`).
 */
export function storageType(type: TypeRef, fromSpec: string, endianUses: Set<string>): string {
  switch (type.kind) {
    case 'primitive': {
      const endian = endianType(type);
      // `char` is a byte of text in C; Rust's `char` is a 4-byte scalar value.
      if (endian === null) return type.name === 'char' ? 'u8' : type.name;
      endianUses.add(endian);
      return endian;
    }
    case 'struct':
    case 'union':
      return typePath(type.name, type.spec, fromSpec);
    case 'enum':
    case 'flags':
      return storageType(type.storage, fromSpec, endianUses);
    case 'array':
      return `[${storageType(type.element, fromSpec, endianUses)}; ${type.length ?? 0}]`;
    case 'inline':
      // Not yet a named Rust type: the member's bytes, at its offset (docs/format.md).
      return `[u8; ${type.size}]`;
  }
}

/**
 * The type of a register value. Structs and arrays cannot travel in one register; the model does
 * not produce them there, and if it did they would be passed as the raw `u64`.
 */
export function registerType(type: TypeRef, fromSpec: string): string {
  switch (type.kind) {
    case 'primitive':
      return hostInt(type);
    case 'enum':
    case 'flags':
      return typePath(type.name, type.spec, fromSpec);
    default:
      return 'u64';
  }
}

/** Whether values of this type are plain integers whose bits can be read (bit ranges, discriminators). */
export function integerPrimitive(type: TypeRef): Primitive | null {
  if (type.kind === 'primitive') return type;
  if (type.kind === 'enum' || type.kind === 'flags') return type.storage;
  return null;
}
