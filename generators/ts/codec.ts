/**
 * The TypeScript type of a model type and the statements that encode and decode a field over a
 * DataView. Offsets, sizes and element strides are printed from the model (Field.offset,
 * Struct.size, Primitive.size, ArrayType.length); nothing here lays anything out.
 */
import type { Primitive, Struct, TypeRef } from '../../src/model/types.ts';
import { isBigIntSize, tsString } from './helpers.ts';

/** What the codec needs from the module being generated: names of things, and imports. */
export interface CodecContext {
  /** A binding exported by a spec (this one or another), qualified by its module alias if needed. */
  ref(specId: string, kind: 'type' | 'is' | 'size' | 'encode' | 'decode', name: string): string;
  /** A runtime export, e.g. `$rt.checkInt`. */
  rt(name: string): string;
  /** The struct or union a reference names. */
  struct(specId: string, name: string): Struct;
  /** A struct named without its spec (protocol headers and payloads): this spec first. */
  findStruct(name: string): { spec: string; struct: Struct };
}

/** The TypeScript type of a value of `type`. */
export function tsType(type: TypeRef, ctx: CodecContext): string {
  switch (type.kind) {
    case 'primitive':
      return isBigIntSize(type.size) ? 'bigint' : 'number';
    case 'enum':
    case 'flags':
    case 'struct':
      return ctx.ref(type.spec, 'type', type.name);
    case 'union':
      // A union inside a struct is kept as its raw bytes: only the reader knows which member
      // is live. Decode it with the union's own decode function and a member name.
      return 'Uint8Array';
    case 'array':
      return isByte(type.element) ? 'Uint8Array' : `${tsType(type.element, ctx)}[]`;
    case 'inline':
      // Kept as its raw bytes for now, like a named union inside a struct.
      return 'Uint8Array';
  }
}

/** `u8` elements are carried as a Uint8Array rather than number[]. */
function isByte(type: TypeRef): boolean {
  return type.kind === 'primitive' && (type.name === 'u8' || type.name === 'char');
}

/** Bytes one value of `type` occupies, from the model (0 for a flexible array). */
export function sizeOf(type: TypeRef, ctx: CodecContext): number {
  switch (type.kind) {
    case 'primitive':
      return type.size;
    case 'enum':
    case 'flags':
      return type.storage.size;
    case 'struct':
    case 'union':
      return ctx.struct(type.spec, type.name).size;
    case 'array':
      return type.length === null ? 0 : type.length * sizeOf(type.element, ctx);
    case 'inline':
      return type.size;
  }
}

/** The storage primitive of an integer-like type, or null for structs, unions and arrays. */
export function storageOf(type: TypeRef): Primitive | null {
  if (type.kind === 'primitive') return type;
  if (type.kind === 'enum' || type.kind === 'flags') return type.storage;
  return null;
}

/** `le16`, `u8[16]`, `struct virtio_i2c_out_hdr`, `enum virtio_i2c_msg_status (u8)`: for doc comments. */
export function describeType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'enum':
    case 'flags':
      return `${type.kind} ${type.name} (${type.storage.name})`;
    case 'struct':
    case 'union':
      return `${type.kind} ${type.name}`;
    case 'array': {
      // C order: `u16 grid[2][3]` is an array of 2 arrays of 3, written outer length first.
      let base: TypeRef = type;
      let dims = '';
      while (base.kind === 'array') {
        dims += `[${base.length ?? ''}]`;
        base = base.element;
      }
      return `${describeType(base)}${dims}`;
    }
    case 'inline':
      return `${type.aggregate} { … }`;
  }
}

function accessor(p: Primitive): string {
  const width = p.size * 8;
  if (p.size === 8) return p.signed ? 'BigInt64' : 'BigUint64';
  return `${p.signed ? 'Int' : 'Uint'}${width}`;
}

/** The endianness argument of a DataView call: explicit on every multi-byte access. */
function littleEndianArg(p: Primitive): string {
  if (p.size === 1) return '';
  // Native order is written little-endian (see NATIVE_LITTLE_ENDIAN in the runtime).
  return p.endian === 'big' ? ', false' : ', true';
}

/** `offset + add`, or just `offset` when adding 0. */
export function offsetPlus(offset: string, add: number | string): string {
  if (add === 0) return offset;
  return `${offset} + ${add}`;
}

/** An expression reading a value of `type` at `offset` (an expression). */
export function decodeExpr(type: TypeRef, offset: string, field: string, depth: number, ctx: CodecContext): string {
  switch (type.kind) {
    case 'primitive':
      return `view.get${accessor(type)}(${offset}${littleEndianArg(type)})`;
    case 'flags':
      return `view.get${accessor(type.storage)}(${offset}${littleEndianArg(type.storage)})`;
    case 'enum': {
      const raw = `view.get${accessor(type.storage)}(${offset}${littleEndianArg(type.storage)})`;
      return `${ctx.rt('checkEnum')}(${raw}, ${ctx.ref(type.spec, 'is', type.name)}, ${tsString(field)}, ${offset})`;
    }
    case 'struct':
      return `${ctx.ref(type.spec, 'decode', type.name)}(view, ${offset}, options)`;
    case 'union':
      return `${ctx.rt('readBytes')}(view, ${offset}, ${ctx.ref(type.spec, 'size', type.name)})`;
    case 'array': {
      if (type.length === null) throw new Error('decodeExpr: flexible arrays are decoded by decodeFlexible');
      return decodeElements(type.element, offset, String(type.length), field, depth, ctx);
    }
    case 'inline':
      return `${ctx.rt('readBytes')}(view, ${offset}, ${type.size})`;
  }
}

function decodeElements(element: TypeRef, offset: string, count: string, field: string, depth: number, ctx: CodecContext): string {
  if (isByte(element)) return `${ctx.rt('readBytes')}(view, ${offset}, ${count})`;
  const index = `i${depth}`;
  const stride = sizeOf(element, ctx);
  const elementOffset = `${offset} + ${index} * ${stride}`;
  return `Array.from({ length: ${count} }, (_, ${index}) => ${decodeExpr(element, elementOffset, field, depth + 1, ctx)})`;
}

/**
 * Statements that read a trailing flexible array into `const <variable>`: as many elements as
 * `countExpr` says for a counted array (`count: hash_key_length`), else every byte to the view's
 * end. The count matters where the array starts inside the struct's tail padding
 * (virtio_net_hash_config's hash_key_data at 13 of 16 bytes): there the bytes after it do not say
 * where it ends.
 */
export function decodeFlexible(element: TypeRef, offset: string, variable: string, field: string, ctx: CodecContext, countExpr?: string): string[] {
  const stride = sizeOf(element, ctx);
  const count = `${variable}Count`;
  if (countExpr !== undefined) {
    return [
      `const ${count} = ${countExpr};`,
      `${ctx.rt('checkDecodeBounds')}(view, ${offset}, ${count} * ${stride}, ${tsString(field)});`,
      `const ${variable} = ${decodeElements(element, offset, count, field, 0, ctx)};`,
    ];
  }
  return [
    `const ${count} = ${ctx.rt('trailingCount')}(view, ${offset}, ${stride}, ${tsString(field)});`,
    `const ${variable} = ${decodeElements(element, offset, count, field, 0, ctx)};`,
  ];
}

/** Statements writing `value` (an expression of the type's TS type) at `offset`. */
export function encodeStatements(type: TypeRef, value: string, offset: string, field: string, depth: number, ctx: CodecContext): string[] {
  const name = tsString(field);
  switch (type.kind) {
    case 'primitive':
    case 'flags': {
      const p = storageOf(type)!;
      const checked = p.size === 8
        ? `${ctx.rt('checkBigInt')}(${value}, ${p.signed}, ${name}, ${offset})`
        : `${ctx.rt('checkInt')}(${value}, ${p.size * 8}, ${p.signed}, ${name}, ${offset})`;
      return [`view.set${accessor(p)}(${offset}, ${checked}${littleEndianArg(p)});`];
    }
    case 'enum': {
      const checked = `${ctx.rt('checkKnown')}(${value}, ${ctx.ref(type.spec, 'is', type.name)}, ${name}, ${offset})`;
      return [`view.set${accessor(type.storage)}(${offset}, ${checked}${littleEndianArg(type.storage)});`];
    }
    case 'struct':
      return [`${ctx.ref(type.spec, 'encode', type.name)}(${value}, view, ${offset});`];
    case 'union':
      return [`${ctx.rt('writeBytes')}(view, ${offset}, ${value}, ${ctx.ref(type.spec, 'size', type.name)}, ${name});`];
    case 'array': {
      if (isByte(type.element)) {
        return [`${ctx.rt('writeBytes')}(view, ${offset}, ${value}, ${type.length ?? 'null'}, ${name});`];
      }
      const lines: string[] = [];
      if (type.length !== null) lines.push(`${ctx.rt('checkLength')}(${value}, ${type.length}, ${name}, ${offset});`);
      const element = `e${depth}`;
      const index = `i${depth}`;
      const stride = sizeOf(type.element, ctx);
      const inner = encodeStatements(type.element, element, `${offset} + ${index} * ${stride}`, field, depth + 1, ctx);
      lines.push(`${value}.forEach((${element}, ${index}) => {`, ...inner.map((l) => `  ${l}`), '});');
      return lines;
    }
    case 'inline':
      return [`${ctx.rt('writeBytes')}(view, ${offset}, ${value}, ${type.size}, ${name});`];
  }
}

