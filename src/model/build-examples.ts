/**
 * `example` blocks → golden vectors in the model. A struct example's values are encoded with the
 * layout the model already computed (offsets, sizes, byte order), and the result is compared
 * with the bytes the author wrote: a byte that differs is reported at the field that encodes it.
 * Values the standard forbids are caught on the way (a reserved field that is not zero, an enum
 * value or flag the type does not define, a value that does not fit). A call example's function
 * ID is compared with the computed one and its argument and result names with the function's.
 *
 * Runs after every item is built (build-items.ts), so any struct, enum or function of a spec the
 * example's spec requires can be used.
 */
import type { Report } from '../diagnostics/report.ts';
import { quote } from '../diagnostics/report.ts';
import type { Range } from '../diagnostics/types.ts';
import { closest } from '../names/suggest.ts';
import { joinPath } from '../parse/yaml-block.ts';
import type { SpecContext } from './build.ts';
import { flatMembers } from './fields.ts';
import { rangeOf } from './primitives.ts';
import type { SourceIndex } from './source-index.ts';
import { Namespace, type BlockRef } from './symbols.ts';
import type {
  BodyPart, CallExample, CallValue, Direction, Enum, Example, ExampleLeaf, Field, FlagSet, HypercallFunction,
  HypercallInterface, Primitive, RegisterValue, Spec, Struct, StructExample, TypeRef,
} from './types.ts';

type Visible = (from: string, to: string) => boolean;

interface ExampleData {
  name: string; doc?: string; struct?: string; direction?: Direction; values?: Record<string, unknown>; bytes?: string;
  function?: string; id?: number; args?: Record<string, unknown>; results?: Record<string, unknown>;
}

/** Everything an example may name, across the corpus, with the spec that defines it. */
interface Lookup {
  structs: Map<string, { struct: Struct; spec: string }>;
  enums: Map<string, Enum>;
  flags: Map<string, FlagSet>;
  functions: Map<string, { fn: HypercallFunction; iface: HypercallInterface; spec: string }>;
}

export function buildExamples(contexts: SpecContext[], visible: Visible, sources: SourceIndex, report: Report): Map<string, BodyPart> {
  const lookup = collect(contexts.map((c) => c.spec));
  const body = new Map<string, BodyPart>();
  const names = new Namespace<Example>('example', 'HV4039');
  for (const ctx of contexts) {
    for (const block of ctx.blocks) {
      if (block.kind !== 'example') continue;
      const builder = new ExampleBuilder(block, lookup, visible, report);
      const example = builder.build(block.yaml.data as ExampleData);
      if (!example) continue;
      sources.set(example, block.file, block.yaml, '', block.range);
      const at = block.yaml.positions.get('name');
      if (!names.define({ name: example.name, kind: 'example', spec: block.spec, block, path: '', data: example,
        place: { file: block.file, range: at?.value ?? block.range } }, report)) continue;
      ctx.spec.examples.push(example);
      body.set(`${ctx.spec.id}#${block.index}`, { part: 'item', kind: 'example', name: example.name });
    }
    ctx.spec.examples.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return body;
}

function collect(specs: Spec[]): Lookup {
  const lookup: Lookup = { structs: new Map(), enums: new Map(), flags: new Map(), functions: new Map() };
  for (const spec of specs) {
    for (const struct of spec.structs) lookup.structs.set(struct.name, { struct, spec: spec.id });
    for (const e of spec.enums) lookup.enums.set(e.name, e);
    for (const f of spec.flags) lookup.flags.set(f.name, f);
    for (const iface of spec.hypercalls) for (const fn of iface.functions) lookup.functions.set(fn.idName, { fn, iface, spec: spec.id });
  }
  return lookup;
}

/** One example block: positions, reports and the leaves found so far. */
class ExampleBuilder {
  private readonly leaves: ExampleLeaf[] = [];
  private ok = true;

  constructor(private readonly block: BlockRef, private readonly lookup: Lookup, private readonly visible: Visible, private readonly report: Report) {}

  build(data: ExampleData): Example | null {
    const isStruct = data.struct !== undefined || data.values !== undefined || data.bytes !== undefined;
    const isCall = data.function !== undefined || data.id !== undefined || data.args !== undefined || data.results !== undefined;
    if (isStruct === isCall) {
      this.fail('HV4030', '', isStruct
        ? 'An example is either a struct instance (`struct`, `values`, `bytes`) or a call (`function`, `id`, `args`, `results`), not both.'
        : 'An example needs `struct`, `values` and `bytes`, or `function` and `id`.',
      'See "Examples" in docs/format.md.');
      return null;
    }
    return isStruct ? this.structExample(data) : this.callExample(data);
  }

  // --- struct examples ---------------------------------------------------------------------

  private structExample(data: ExampleData): StructExample | null {
    for (const key of ['struct', 'values', 'bytes'] as const) {
      if (data[key] === undefined) {
        this.fail('HV4030', '', `A struct example needs \`${key}\`.`, 'Write `struct`, `values` and `bytes` (see docs/format.md).');
        return null;
      }
    }
    const found = this.lookup.structs.get(data.struct!);
    if (!found) {
      const guess = closest(data.struct!, this.lookup.structs.keys());
      this.fail('HV4032', 'struct', `Unknown struct ${quote(data.struct!)}.`, guess ? `Did you mean "${guess}"?` : 'Name a struct or union of this spec or one it requires.');
      return null;
    }
    if (!this.visible(this.block.spec, found.spec)) {
      this.fail('HV3005', 'struct', `${quote(found.struct.name)} is defined in spec "${found.spec}", which "${this.block.spec}" does not require.`,
        `Add ${found.spec} to \`requires\` in the front matter.`);
      return null;
    }
    const written = this.parseBytes(data.bytes!);
    const trailing = this.encodeStruct(found.struct, data.values, 0, '', 'values');
    if (!written || !this.ok) return null;
    const length = found.struct.size + trailing;
    const encoded = encodeLeaves(this.leaves, length);
    if (written.bytes.length !== length) {
      this.fail('HV4036', 'bytes', `\`bytes\` holds ${written.bytes.length} bytes, but the values encode to ${length} (${found.struct.kind} ${found.struct.name}${trailing ? ` with ${trailing} trailing bytes` : ''}).`,
        'Write every byte of the instance, padding and reserved bytes included.');
      return null;
    }
    for (let i = 0; i < length; i++) {
      if (written.bytes[i] === encoded[i]) continue;
      const leaf = this.leaves.find((l) => i >= l.offset && i < l.offset + l.size);
      const what = leaf ? `field ${leaf.path} (bytes ${leaf.offset}–${leaf.offset + leaf.size - 1}, value ${leaf.value})` : 'padding, which is 0';
      this.fail('HV4037', leaf ? leafPath(leaf.path) : 'bytes',
        `Byte ${i} is 0x${hex(written.bytes[i]!)} in \`bytes\`, but ${what} encodes to 0x${hex(encoded[i]!)} there.`,
        'Correct the byte or the value; the layout is the one the model computes (docs/format.md, "Examples").');
      return null;
    }
    return {
      kind: 'struct', name: data.name, doc: data.doc ?? '', type: { kind: found.struct.kind, name: found.struct.name, spec: found.spec },
      direction: data.direction ?? null, bytes: [...written.bytes].map(hex).join(''),
      leaves: this.leaves.sort((a, b) => a.offset - b.offset), source: { file: this.block.file, line: this.line('name') },
    };
  }

  /** Encodes a struct's fields at `base`; returns the bytes a trailing flexible array adds. */
  private encodeStruct(struct: Struct, value: unknown, base: number, path: string, yamlPath: string): number {
    return this.encodeMapping(struct.kind, path || struct.name, struct.fields, value, base, path, yamlPath);
  }

  /**
   * One YAML mapping of field values: a struct's, a union's or a named inline member's. The
   * fields of anonymous members are written in it directly, as C names them (`csum_start`).
   */
  private encodeMapping(kind: 'struct' | 'union', label: string, fields: Field[], value: unknown, base: number, path: string, yamlPath: string): number {
    const flat = flatMembers(fields);
    if (!isMapping(value)) {
      this.fail('HV4030', yamlPath, `The value of ${label} must be a mapping of field names.`, `Fields: ${flat.map((f) => f.name).join(', ')}.`);
      return 0;
    }
    const names = new Set(flat.map((f) => f.name));
    for (const key of Object.keys(value)) {
      if (names.has(key)) continue;
      const guess = closest(key, names);
      this.fail('HV4032', joinPath(yamlPath, key), `${kind === 'union' ? 'Union' : 'Struct'} ${label} has no field ${quote(key)}.`,
        guess ? `Did you mean "${guess}"?` : `Fields: ${[...names].join(', ')}.`);
    }
    return this.encodeScope(kind, label, fields, value, base, path, yamlPath);
  }

  private encodeScope(kind: 'struct' | 'union', label: string, fields: Field[], value: Record<string, unknown>, base: number, path: string, yamlPath: string): number {
    const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(value, name);
    const given = (f: Field): boolean => (f.anonymous ? flatMembers([f]).some((m) => has(m.name)) : has(f.name));
    const describe = (f: Field): string => (f.anonymous ? `{ ${flatMembers([f]).map((m) => m.name).join(', ')} }` : f.name);
    if (kind === 'union') {
      const chosen = fields.filter(given);
      if (chosen.length !== 1) {
        this.fail('HV4030', yamlPath, `Give exactly one member of union ${label} (${chosen.length === 0 ? 'none' : chosen.map(describe).join(', ')} given).`,
          `Members: ${fields.map(describe).join(', ')}.`);
        return 0;
      }
      return this.encodeMember(chosen[0]!, value, base, path, yamlPath);
    }
    let trailing = 0;
    for (const field of fields) {
      if (field.anonymous) {
        this.encodeMember(field, value, base, path, yamlPath);
        continue;
      }
      const present = has(field.name);
      const flexible = field.type.kind === 'array' && field.type.length === null;
      if (!present) {
        if (field.reserved) continue; // left out: its bytes stay 0, as padding's do
        if (flexible) continue;
        this.fail('HV4031', yamlPath, `The example gives no value for field ${quote(field.name)} of ${label}.`,
          'Give every field that is not reserved (reserved fields default to 0).');
        continue;
      }
      const added = this.encodeField(field, value[field.name], base, path, yamlPath);
      if (flexible) trailing = added;
    }
    return trailing;
  }

  /** A member of a scope: an anonymous one takes its fields from the same mapping. */
  private encodeMember(field: Field, value: Record<string, unknown>, base: number, path: string, yamlPath: string): number {
    if (field.anonymous && field.type.kind === 'inline') return this.encodeScope(field.type.aggregate, path.replace(/\.$/, '') || 'the anonymous member', field.type.fields, value, base, path, yamlPath);
    return this.encodeField(field, value[field.name], base, path, yamlPath);
  }

  private encodeField(field: Field, value: unknown, base: number, path: string, yamlPath: string): number {
    const fieldPath = `${path}${field.name}`;
    const at = joinPath(yamlPath, field.name);
    // Inline fields count from the outermost struct, so they keep its base.
    if (field.type.kind === 'inline') return this.encodeMapping(field.type.aggregate, fieldPath, field.type.fields, value, base, `${fieldPath}.`, at);
    if (field.bitfields.length > 0 && isMapping(value)) {
      return this.encodeScalar(field.type, this.composeBitFields(field, value, at), base + field.offset, fieldPath, at, field.reserved);
    }
    return this.encodeType(field.type, value, base + field.offset, fieldPath, at, field.reserved);
  }

  /** Encodes one value of `type` at `offset`; returns the bytes it takes when it is a flexible array. */
  private encodeType(type: TypeRef, value: unknown, offset: number, path: string, at: string, reserved: boolean): number {
    switch (type.kind) {
      case 'struct':
      case 'union': {
        const struct = this.lookup.structs.get(type.name)!.struct;
        this.encodeStruct(struct, value, offset, `${path}.`, at);
        return 0;
      }
      case 'array': {
        const element = type.element;
        const size = elementSize(element, this.lookup);
        let items: unknown[];
        if (typeof value === 'string' && element.kind === 'primitive' && element.name === 'char') {
          // Text: its UTF-8 bytes, zero-filled to the array's length (docs/format.md, `char` arrays).
          const text = [...new TextEncoder().encode(value)];
          if (type.length !== null && text.length > type.length) {
            this.fail('HV4036', at, `${path} holds ${type.length} bytes, but the text is ${text.length}.`, 'Shorten the text.');
            return 0;
          }
          items = type.length === null ? text : [...text, ...new Array<number>(type.length - text.length).fill(0)];
        } else if (typeof value === 'string' && element.kind === 'primitive' && element.size === 1) {
          const parsed = this.parseBytes(value, at);
          if (!parsed) return 0;
          items = [...parsed.bytes];
        } else if (Array.isArray(value)) {
          items = value;
        } else {
          this.fail('HV4030', at, `The value of ${path} must be a list${element.kind === 'primitive' && element.size === 1 ? ' or a hex string' : ''}.`, 'Write one value per element.');
          return 0;
        }
        if (type.length !== null && items.length !== type.length) {
          this.fail('HV4036', at, `${path} has ${type.length} elements, but the example gives ${items.length}.`, 'Give every element (write 0 for unused ones).');
          return 0;
        }
        const literal = typeof value === 'string';
        items.forEach((item, i) => this.encodeType(element, item, offset + i * size, `${path}[${i}]`, literal ? at : joinPath(at, String(i)), reserved));
        return type.length === null ? items.length * size : 0;
      }
      default:
        return this.encodeScalar(type, this.scalar(type, value, path, at), offset, path, at, reserved);
    }
  }

  private encodeScalar(type: TypeRef, scalar: { value: bigint; symbol?: string } | undefined, offset: number, path: string, at: string, reserved: boolean): number {
    if (!scalar) return 0;
    const storage = storageOf(type);
    const { min, max } = rangeOf(storage);
    if (scalar.value < min || scalar.value > max) {
      this.fail('HV4034', at, `Value ${scalar.value} of ${path} does not fit ${storage.name} (${min} to ${max}).`, 'Use a value in range.');
      return 0;
    }
    if (reserved && scalar.value !== 0n) {
      this.fail('HV4035', at, `${path} is a reserved field, so it is 0 on the wire, but the example gives ${scalar.value}.`, 'Write 0, or leave the field out (reserved fields default to 0).');
      return 0;
    }
    this.leaves.push({
      path, offset, size: storage.size, value: BigInt.asUintN(storage.size * 8, scalar.value).toString(), signed: storage.signed,
      endian: storage.endian, reserved, ...(scalar.symbol !== undefined ? { symbol: scalar.symbol } : {}),
    });
    return 0;
  }

  /** An integer, an enum value's name, or a list of flag names (for a flag-set type). */
  private scalar(type: TypeRef, value: unknown, path: string, at: string): { value: bigint; symbol?: string } | undefined {
    if (type.kind === 'enum') {
      const e = this.lookup.enums.get(type.name)!;
      const byName = typeof value === 'string' ? e.values.find((v) => v.name === value) : undefined;
      if (typeof value === 'string' && !byName) {
        const guess = closest(value, e.values.map((v) => v.name));
        this.fail('HV4033', at, `${quote(value)} is not a value of enum ${e.name}.`, guess ? `Did you mean "${guess}"?` : `Values: ${e.values.map((v) => v.name).join(', ')}.`);
        return undefined;
      }
      if (byName) return { value: BigInt(byName.value), symbol: byName.name };
      const n = this.integer(value, path, at);
      if (n === undefined) return undefined;
      const named = e.values.find((v) => BigInt(v.value) === n);
      if (!named) {
        this.fail('HV4033', at, `${n} is not a value of enum ${e.name}, which the standard requires of ${path}.`, `Values: ${e.values.map((v) => `${v.name} = ${v.value}`).join(', ')}.`);
        return undefined;
      }
      return { value: n, symbol: named.name };
    }
    if (type.kind === 'flags') {
      const set = this.lookup.flags.get(type.name)!;
      if (Array.isArray(value)) {
        let bits = 0n;
        value.forEach((name, i) => {
          const flag = typeof name === 'string' ? set.flags.find((f) => f.name === name) : undefined;
          if (!flag) {
            const guess = typeof name === 'string' ? closest(name, set.flags.map((f) => f.name)) : undefined;
            this.fail('HV4033', joinPath(at, String(i)), `${typeof name === 'string' ? quote(name) : String(name)} is not a flag of ${set.name}.`,
              guess ? `Did you mean "${guess}"?` : `Flags: ${set.flags.map((f) => f.name).join(', ')}.`);
          } else bits |= BigInt(flag.mask);
        });
        return { value: bits, symbol: value.join(' | ') || '0' };
      }
      const n = this.integer(value, path, at);
      if (n === undefined) return undefined;
      const defined = set.flags.reduce((mask, f) => mask | BigInt(f.mask), 0n);
      if ((n & ~defined) !== 0n) {
        this.fail('HV4033', at, `${path} sets bits 0x${(n & ~defined).toString(16)} that are no flags of ${set.name}.`, 'Set only the flags the standard defines; the others are reserved.');
        return undefined;
      }
      return { value: n };
    }
    const n = this.integer(value, path, at);
    return n === undefined ? undefined : { value: n };
  }

  private composeBitFields(field: Field, value: Record<string, unknown>, at: string): { value: bigint } | undefined {
    let composed = 0n;
    for (const [name, v] of Object.entries(value)) {
      const bf = field.bitfields.find((b) => b.name === name);
      if (!bf) {
        const guess = closest(name, field.bitfields.map((b) => b.name));
        this.fail('HV4032', joinPath(at, name), `Field ${field.name} has no bit field ${quote(name)}.`, guess ? `Did you mean "${guess}"?` : `Bit fields: ${field.bitfields.map((b) => b.name).join(', ')}.`);
        continue;
      }
      const bfAt = joinPath(at, name);
      let n: bigint | undefined;
      if (typeof v === 'string' && bf.enum) {
        const e = this.lookup.enums.get(bf.enum);
        const named = e?.values.find((x) => x.name === v);
        if (!named) { this.fail('HV4033', bfAt, `${quote(v)} is not a value of enum ${bf.enum}.`, `Values: ${e?.values.map((x) => x.name).join(', ') ?? ''}.`); continue; }
        n = BigInt(named.value);
      } else n = this.integer(v, `${field.name}.${name}`, bfAt);
      if (n === undefined) continue;
      if (n < 0n || n >= 1n << BigInt(bf.width)) {
        this.fail('HV4034', bfAt, `Value ${n} of bit field ${field.name}.${name} does not fit its ${bf.width} bit${bf.width === 1 ? '' : 's'}.`, 'Use a value in range.');
        continue;
      }
      composed |= n << BigInt(bf.bit);
    }
    return { value: composed };
  }

  // --- call examples -----------------------------------------------------------------------

  private callExample(data: ExampleData): CallExample | null {
    if (data.function === undefined || data.id === undefined) {
      this.fail('HV4030', '', `A call example needs \`${data.function === undefined ? 'function' : 'id'}\`.`, 'Write `function`, `id`, `args` and `results` (see docs/format.md).');
      return null;
    }
    const found = this.lookup.functions.get(data.function);
    if (!found) {
      const guess = closest(data.function, this.lookup.functions.keys());
      this.fail('HV4032', 'function', `Unknown hypercall function ${quote(data.function)}.`, guess ? `Did you mean "${guess}"?` : 'Name a function by its ID constant (`id_name`).');
      return null;
    }
    if (!this.visible(this.block.spec, found.spec)) {
      this.fail('HV3005', 'function', `${quote(data.function)} is defined in spec "${found.spec}", which "${this.block.spec}" does not require.`, `Add ${found.spec} to \`requires\` in the front matter.`);
      return null;
    }
    const id = this.integer(data.id, 'id', 'id');
    if (id !== undefined && BigInt.asUintN(64, id) !== BigInt(found.fn.id)) {
      this.fail('HV4038', 'id', `The example calls with ID 0x${BigInt.asUintN(64, id).toString(16)}, but ${found.fn.idName} is 0x${BigInt(found.fn.id).toString(16)}.`,
        'The ID is computed from the function number and its encoding (fast/yielding, width, entity); correct the example or the function.');
    }
    const errors = found.iface.errors ? this.lookup.enums.get(found.iface.errors) : undefined;
    const args = this.callValues(found.fn.args, data.args ?? {}, 'args', 'argument', found.fn.idName, undefined);
    const results = this.callValues(found.fn.results, data.results ?? {}, 'results', 'result', found.fn.idName, errors);
    if (!this.ok || id === undefined) return null;
    return {
      kind: 'call', name: data.name, doc: data.doc ?? '', function: found.fn.idName, interface: found.iface.name, id: found.fn.id,
      args, results, source: { file: this.block.file, line: this.line('name') },
    };
  }

  /** `codes`: the interface's return-code enum, whose names a plain integer result may be written with. */
  private callValues(registers: RegisterValue[], given: unknown, key: string, what: string, fn: string, codes: Enum | undefined): CallValue[] {
    if (!isMapping(given)) {
      this.fail('HV4030', key, `\`${key}\` must be a mapping of names to values.`, `Names: ${registers.map((r) => r.name).join(', ') || 'none'}.`);
      return [];
    }
    const out: CallValue[] = [];
    for (const name of Object.keys(given)) {
      if (registers.some((r) => r.name === name)) continue;
      const guess = closest(name, registers.map((r) => r.name));
      this.fail('HV4032', joinPath(key, name), `${quote(name)} is no ${what} of ${fn}.`, guess ? `Did you mean "${guess}"?` : `Names: ${registers.map((r) => r.name).join(', ') || 'none'}.`);
    }
    for (const register of registers) {
      if (!Object.prototype.hasOwnProperty.call(given, register.name)) {
        // Results may be left out (the example does not check them); every argument is given.
        if (key === 'args') this.fail('HV4031', key, `The example gives no value for the ${what} ${quote(register.name)} of ${fn}.`, 'Give every argument.');
        continue;
      }
      const at = joinPath(key, register.name);
      const written = given[register.name];
      const code = typeof written === 'string' && register.type.kind === 'primitive' ? codes?.values.find((v) => v.name === written) : undefined;
      const scalar = code ? { value: BigInt(code.value), symbol: code.name } : this.scalar(register.type, written, register.name, at);
      if (!scalar) continue;
      const storage = storageOf(register.type);
      const { min, max } = rangeOf(storage);
      if (scalar.value < min || scalar.value > max) {
        this.fail('HV4034', at, `Value ${scalar.value} of ${register.name} does not fit ${storage.name} (${min} to ${max}).`, 'Use a value in range.');
        continue;
      }
      out.push({ name: register.name, value: BigInt.asUintN(storage.size * 8, scalar.value).toString(), ...(scalar.symbol !== undefined ? { symbol: scalar.symbol } : {}) });
    }
    return out;
  }

  // --- helpers -----------------------------------------------------------------------------

  private integer(value: unknown, path: string, at: string): bigint | undefined {
    if (typeof value === 'number' && Number.isInteger(value)) {
      const exact = this.block.yaml.exactIntegers.get(at);
      return exact !== undefined ? BigInt(exact) : BigInt(value);
    }
    this.fail('HV4030', at, `The value of ${path} must be an integer${typeof value === 'string' ? `, not the string ${quote(value)}` : ''}.`, 'Write a whole number (decimal, 0x hex or 0o octal), or a name where the type is an enum or a flag set.');
    return undefined;
  }

  private parseBytes(text: string, at = 'bytes'): { bytes: Uint8Array } | undefined {
    let splitsByte = false;
    let digits = '';
    for (const ch of text) {
      if (ch === '|') { if (digits.length % 2 !== 0) splitsByte = true; continue; }
      if (/\s/.test(ch)) continue;
      if (!/[0-9a-fA-F]/.test(ch)) {
        this.fail('HV4036', at, `${quote(ch)} is not a hex digit.`, 'Write bytes as pairs of hex digits; spaces, line breaks and | are ignored.');
        return undefined;
      }
      digits += ch;
    }
    if (digits.length % 2 !== 0) {
      this.fail('HV4036', at, `The hex has an odd number of digits (${digits.length}).`, 'Write each byte as two hex digits.');
      return undefined;
    }
    if (splitsByte) {
      this.fail('HV4036', at, 'A | separates the two digits of a byte.', 'Put | between bytes only.');
      return undefined;
    }
    const bytes = new Uint8Array(digits.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return { bytes };
  }

  private line(path: string): number {
    return this.block.yaml.positions.get(path)?.value.start.line ?? this.block.range.start.line;
  }

  private range(path: string): Range {
    let p = path;
    for (;;) {
      const located = this.block.yaml.positions.get(p);
      if (located) return located.value;
      if (p === '') return this.block.range;
      p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
    }
  }

  private fail(code: string, path: string, message: string, hint: string): void {
    this.ok = false;
    this.report.add(code, this.block.file, this.range(path), message, { hint });
  }
}

/** `hdr.type` / `data[2]` → the YAML path under `values` (`values/hdr/type`, `values/data/2`). */
function leafPath(path: string): string {
  return joinPath('values', path.replace(/\[(\d+)\]/g, '.$1').split('.').join('/'));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function storageOf(type: TypeRef): Primitive {
  if (type.kind === 'primitive') return type;
  if (type.kind === 'enum' || type.kind === 'flags') return type.storage;
  throw new Error(`no scalar storage for a ${type.kind}`);
}

function elementSize(type: TypeRef, lookup: Lookup): number {
  if (type.kind === 'array') return (type.length ?? 0) * elementSize(type.element, lookup);
  if (type.kind === 'struct' || type.kind === 'union') return lookup.structs.get(type.name)!.struct.size;
  return storageOf(type).size;
}

/** The bytes the leaves encode to; gaps (padding) stay 0. `native` is written little-endian. */
export function encodeLeaves(leaves: ExampleLeaf[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (const leaf of leaves) {
    let v = BigInt(leaf.value);
    for (let i = 0; i < leaf.size; i++) {
      const index = leaf.endian === 'big' ? leaf.offset + leaf.size - 1 - i : leaf.offset + i;
      if (index < length) bytes[index] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  return bytes;
}

const hex = (byte: number): string => byte.toString(16).padStart(2, '0');
