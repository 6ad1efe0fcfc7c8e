/**
 * Deterministic sample values for a struct of the model, and the bytes the model says they
 * occupy. Every target (C, Rust, TypeScript) fills the same struct with the same sample and
 * must produce the same bytes: a wrong offset, size or byte order anywhere shows as a diff.
 */
import type { Enum, FlagSet, Model, Primitive, Struct, TypeRef } from '../../src/model/types.ts';

export type SampleValue = bigint | SampleValue[] | { [field: string]: SampleValue };

/** Finds a struct or union by name (names are unique across the corpus). */
export function findStruct(model: Model, name: string): Struct {
  for (const spec of model.specs) {
    const struct = spec.structs.find((s) => s.name === name);
    if (struct) return struct;
  }
  throw new Error(`no struct or union named ${name} in the model`);
}

function findEnum(model: Model, name: string): Enum {
  for (const spec of model.specs) {
    const e = spec.enums.find((x) => x.name === name);
    if (e) return e;
  }
  throw new Error(`no enum named ${name} in the model`);
}

function findFlags(model: Model, name: string): FlagSet {
  for (const spec of model.specs) {
    const f = spec.flags.find((x) => x.name === name);
    if (f) return f;
  }
  throw new Error(`no flag set named ${name} in the model`);
}

/**
 * Hands out byte values 0x01, 0x02, … 0xFF, 0x01, … (never 0x00), so neighbouring bytes of a
 * sample differ and a field read at the wrong offset or in the wrong order gets a wrong value.
 */
class BytePattern {
  private next = 1;
  /** An integer of `size` bytes whose bytes, least significant first, are the next values. */
  integer(p: Primitive): bigint {
    let value = 0n;
    for (let i = 0; i < p.size; i++) {
      value |= BigInt(this.next) << BigInt(8 * i);
      this.next = this.next === 0xff ? 1 : this.next + 1;
    }
    return p.signed ? BigInt.asIntN(8 * p.size, value) : value;
  }
}

function zeroOf(model: Model, type: TypeRef): SampleValue {
  switch (type.kind) {
    case 'primitive':
    case 'enum':
    case 'flags':
      return 0n;
    case 'array':
      return type.length === null ? [] : Array.from({ length: type.length }, () => zeroOf(model, type.element));
    case 'struct':
    case 'union': {
      const struct = findStruct(model, type.name);
      const members = struct.kind === 'union' ? struct.fields.slice(0, 1) : struct.fields;
      return Object.fromEntries(members.map((f) => [f.name, zeroOf(model, f.type)]));
    }
    case 'inline':
      throw new Error('inline members (format 2) are not covered by this harness yet');
  }
}

function sampleOf(model: Model, type: TypeRef, pattern: BytePattern, ordinal: { n: number }): SampleValue {
  switch (type.kind) {
    case 'primitive':
      return pattern.integer(type);
    case 'enum': {
      // A valid value, rotating through the enum so two fields of one enum differ; non-zero when possible.
      const values = findEnum(model, type.name).values.map((v) => BigInt(v.value));
      pattern.integer(type.storage); // keep later fields' bytes where they would be
      const nonZero = values.filter((v) => v !== 0n);
      const pool = nonZero.length > 0 ? nonZero : values;
      return pool.length === 0 ? 0n : pool[ordinal.n++ % pool.length]!;
    }
    case 'flags': {
      // The pattern restricted to defined bits (a reader may reject unknown ones), never 0.
      const set = findFlags(model, type.name);
      const defined = set.flags.reduce((mask, f) => mask | BigInt(f.mask), 0n);
      const raw = BigInt.asUintN(8 * type.storage.size, pattern.integer(type.storage));
      const value = raw & defined;
      return value !== 0n || set.flags.length === 0 ? value : BigInt(set.flags[0]!.mask);
    }
    case 'array':
      return type.length === null ? [] : Array.from({ length: type.length }, () => sampleOf(model, type.element, pattern, ordinal));
    case 'struct':
    case 'union':
      return fill(model, findStruct(model, type.name), pattern, ordinal);
    case 'inline':
      throw new Error('inline members (format 2) are not covered by this harness yet');
  }
}

function fill(model: Model, struct: Struct, pattern: BytePattern, ordinal: { n: number }): { [field: string]: SampleValue } {
  const members = struct.kind === 'union' ? struct.fields.slice(0, 1) : struct.fields;
  const out: { [field: string]: SampleValue } = {};
  for (const field of members) out[field.name] = field.reserved ? zeroOf(model, field.type) : sampleOf(model, field.type, pattern, ordinal);
  // A counted trailing array (empty here) needs the count its count field says: 0 elements.
  for (const field of members) {
    if (field.type.kind !== 'array' || field.type.length !== null || field.count === undefined) continue;
    if (!(field.count.field in out)) continue;
    out[field.count.field] = BigInt(-field.count.add / field.count.scale);
  }
  return out;
}

/**
 * Deterministic, non-trivial sample for a struct: every integer field a distinct value that fits
 * its type (so a wrong offset or byte order shows), enum-typed fields a valid enum value, reserved
 * fields 0, flexible arrays empty (a counted one with its count field saying so), nested structs recursively, unions: first member only.
 */
export function sampleStruct(model: Model, name: string): { [field: string]: SampleValue } {
  return fill(model, findStruct(model, name), new BytePattern(), { n: 0 });
}

/** Whether a primitive is stored most significant byte first on the target (big-endian or native on a big-endian host). */
function bigEndian(p: Primitive, hostBigEndian: boolean): boolean {
  return p.endian === 'big' || (p.endian === 'native' && hostBigEndian);
}

function storageOf(type: TypeRef): Primitive | null {
  if (type.kind === 'primitive') return type;
  if (type.kind === 'enum' || type.kind === 'flags') return type.storage;
  return null;
}

function elementSize(model: Model, type: TypeRef): number {
  const storage = storageOf(type);
  if (storage) return storage.size;
  if (type.kind === 'array') {
    if (type.length === null) return 0;
    return type.length * elementSize(model, type.element);
  }
  if (type.kind === 'inline') return type.size;
  return findStruct(model, type.name).size;
}

function writeValue(model: Model, bytes: Uint8Array, offset: number, type: TypeRef, value: SampleValue, hostBigEndian: boolean): void {
  const storage = storageOf(type);
  if (storage) {
    const unsigned = BigInt.asUintN(8 * storage.size, value as bigint);
    for (let i = 0; i < storage.size; i++) {
      const byte = Number((unsigned >> BigInt(8 * i)) & 0xffn);
      bytes[offset + (bigEndian(storage, hostBigEndian) ? storage.size - 1 - i : i)] = byte;
    }
    return;
  }
  if (type.kind === 'array') {
    const step = elementSize(model, type.element);
    (value as SampleValue[]).forEach((v, i) => writeValue(model, bytes, offset + i * step, type.element, v, hostBigEndian));
    return;
  }
  if (type.kind === 'inline') throw new Error('inline members (format 2) are not covered by this harness yet');
  writeStruct(model, bytes, offset, findStruct(model, type.name), value as { [field: string]: SampleValue }, hostBigEndian);
}

function writeStruct(model: Model, bytes: Uint8Array, offset: number, struct: Struct, value: { [field: string]: SampleValue }, hostBigEndian: boolean): void {
  for (const field of struct.fields) {
    if (!(field.name in value)) continue;
    writeValue(model, bytes, offset + field.offset, field.type, value[field.name]!, hostBigEndian);
  }
}

/**
 * The bytes of a sample as the model lays it out: `size` bytes, padding zero, each field at its
 * offset in its byte order (`native` fields as on a little-endian host unless told otherwise).
 * This is the reference every target's bytes are compared with.
 */
export function modelStructBytes(model: Model, name: string, sample: { [field: string]: SampleValue }, options: { hostBigEndian?: boolean } = {}): Uint8Array {
  const struct = findStruct(model, name);
  const bytes = new Uint8Array(struct.size);
  writeStruct(model, bytes, 0, struct, sample, options.hostBigEndian ?? false);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
