/**
 * Values for the generated bindings, built from the model alone: fast-check arbitraries (round
 * trips) and the conversion of the cross-language samples (C field names, bigints) into the
 * bindings' shape (camelCase keys, number or bigint, Uint8Array for bytes, no reserved fields).
 */
import fc from 'fast-check';
import type { Enum, Model, Primitive, Struct, TypeRef } from '../../src/model/types.ts';
import { nameCorpus, propertyName, type SpecNames } from '../../generators/ts/names.ts';
import type { SampleValue } from '../crosslang/index.ts';

type Encode = (value: unknown, view: DataView, offset?: number) => number;
type Decode = (view: DataView, offset?: number, ...rest: unknown[]) => unknown;

export interface StructCodec {
  spec: string;
  struct: Struct;
  encode: Encode;
  /** For a union, decodes as `member`. */
  decode(view: DataView, offset: number, member?: string, options?: object): unknown;
}

/** Looks up model items and the generated functions that handle them. */
export class Bindings {
  readonly names: Map<string, SpecNames>;
  private readonly structs = new Map<string, { spec: string; struct: Struct }>();
  private readonly enums = new Map<string, Enum>();

  /** The generated runtime module (`_runtime`). */
  readonly runtime: Record<string, unknown>;

  constructor(readonly model: Model, private readonly modules: Map<string, Record<string, unknown>>) {
    this.names = nameCorpus(model);
    this.runtime = modules.get('_runtime')!;
    for (const spec of model.specs) {
      for (const s of spec.structs) this.structs.set(s.name, { spec: spec.id, struct: s });
      for (const e of spec.enums) this.enums.set(`${spec.id}:${e.name}`, e);
    }
  }

  struct(name: string): { spec: string; struct: Struct } {
    const found = this.structs.get(name);
    if (found === undefined) throw new Error(`no struct ${name}`);
    return found;
  }

  exported<T>(spec: string, kind: 'encode' | 'decode' | 'size' | 'type', name: string): T {
    const binding = this.names.get(spec)!.get(kind, name);
    const value = this.modules.get(spec)![binding];
    if (value === undefined) throw new Error(`${spec} does not export ${binding}`);
    return value as T;
  }

  codec(name: string): StructCodec {
    const { spec, struct } = this.struct(name);
    const encode = this.exported<Encode>(spec, 'encode', name);
    const decode = this.exported<Decode>(spec, 'decode', name);
    return {
      spec, struct, encode,
      decode: (view, offset, member, options) => (struct.kind === 'union' ? decode(view, offset, member, options) : decode(view, offset, options)),
    };
  }

  enumValues(spec: string, name: string, storage: Primitive): (number | bigint)[] {
    const e = this.enums.get(`${spec}:${name}`);
    if (e === undefined) throw new Error(`no enum ${spec}:${name}`);
    return e.values.map((v) => (storage.size === 8 ? BigInt(v.value) : Number(v.value)));
  }

  /** Whether every enum a struct uses (deeply) has at least one value, so values can be made. */
  inhabited(type: TypeRef): boolean {
    switch (type.kind) {
      case 'primitive': case 'flags': case 'union': return true;
      case 'enum': return this.enumValues(type.spec, type.name, type.storage).length > 0;
      case 'array': return this.inhabited(type.element);
      case 'struct': return this.struct(type.name).struct.fields.every((f) => f.reserved || this.inhabited(f.type));
      case 'inline': return false;
    }
  }

  // --- fast-check -----------------------------------------------------------------------------

  arbitrary(type: TypeRef): fc.Arbitrary<unknown> {
    switch (type.kind) {
      case 'primitive':
      case 'flags': {
        // Flags are open sets: any bits round-trip.
        const p = type.kind === 'primitive' ? type : type.storage;
        const bits = BigInt(p.size * 8);
        const min = p.signed ? -(1n << (bits - 1n)) : 0n;
        const max = p.signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
        return p.size === 8 ? fc.bigInt({ min, max }) : fc.integer({ min: Number(min), max: Number(max) });
      }
      case 'enum':
        return fc.constantFrom(...this.enumValues(type.spec, type.name, type.storage));
      case 'union': {
        const size = this.struct(type.name).struct.size;
        return fc.uint8Array({ minLength: size, maxLength: size });
      }
      case 'array': {
        const [minLength, maxLength] = type.length === null ? [0, 6] : [type.length, type.length];
        if (type.element.kind === 'primitive' && type.element.name === 'u8') return fc.uint8Array({ minLength, maxLength });
        return fc.array(this.arbitrary(type.element), { minLength, maxLength });
      }
      case 'struct':
        return this.structArbitrary(this.struct(type.name).struct);
      case 'inline':
        return fc.uint8Array({ minLength: type.size, maxLength: type.size });
    }
  }

  /** Values of a struct (a record) or a union (one member). */
  structArbitrary(struct: Struct): fc.Arbitrary<unknown> {
    const fields = struct.fields.filter((f) => !f.reserved);
    if (struct.kind === 'union') {
      return fc.oneof(...fields.map((f) => this.arbitrary(f.type).map((v) => ({ [propertyName(f.name)]: v }))));
    }
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) record[propertyName(f.name)] = this.arbitrary(f.type);
    // A counted trailing array's count field must say how many elements it has.
    const counted = fields.filter((f) => f.type.kind === 'array' && f.type.length === null && f.count !== undefined && fields.some((c) => c.name === f.count!.field));
    return fc.record(record, { noNullPrototype: true }).map((value) => {
      for (const f of counted) {
        const items = value[propertyName(f.name)] as ArrayLike<unknown>;
        value[propertyName(f.count!.field)] = (items.length - f.count!.add) / f.count!.scale;
      }
      return value;
    }).filter((value) => counted.every((f) => {
      const n = value[propertyName(f.count!.field)] as number;
      return Number.isInteger(n) && n >= 0;
    }));
  }

  // --- Cross-language samples -------------------------------------------------------------------

  /** A crosslang sample (C names, bigints) as the bindings' value. */
  fromSample(type: TypeRef, sample: SampleValue): unknown {
    switch (type.kind) {
      case 'primitive':
      case 'enum':
      case 'flags': {
        const p = type.kind === 'primitive' ? type : type.storage;
        return p.size === 8 ? sample as bigint : Number(sample as bigint);
      }
      case 'array': {
        const items = sample as SampleValue[];
        if (type.element.kind === 'primitive' && type.element.name === 'u8') return Uint8Array.from(items, (v) => Number(v as bigint));
        return items.map((v) => this.fromSample(type.element, v));
      }
      case 'union': {
        // Fields of union type are raw bytes in the bindings: encode the member with the union's own encoder.
        const { struct } = this.struct(type.name);
        const bytes = new Uint8Array(struct.size);
        this.codec(type.name).encode(this.structFromSample(struct, sample as Record<string, SampleValue>), new DataView(bytes.buffer));
        return bytes;
      }
      case 'struct':
        return this.structFromSample(this.struct(type.name).struct, sample as Record<string, SampleValue>);
    }
  }

  structFromSample(struct: Struct, sample: Record<string, SampleValue>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of struct.fields) {
      if (field.reserved || !(field.name in sample)) continue;
      out[propertyName(field.name)] = this.fromSample(field.type, sample[field.name]!);
    }
    return out;
  }
}
