import fc from 'fast-check';

/**
 * Grammar-aware generation: fast-check arbitraries for every block kind (schemas/*.schema.json)
 * that produce valid-looking documents, self-contained so that most of them pass `check` and
 * reach the generators. An arbitrary draws a plan (counts, choices, numbers); `render*` turns it
 * into YAML with names that are unique by construction, so a failure of check on a generated
 * document is a finding, not noise. Flow and block YAML styles, quoting and comments vary.
 */

const UNSIGNED = ['u8', 'u16', 'u32', 'u64', 'le16', 'le32', 'le64', 'be16', 'be32', 'be64'] as const;
const SIGNED = ['i8', 'i16', 'i32', 'i64'] as const;
const PRIMITIVES = [...UNSIGNED, ...SIGNED] as const;
type Primitive = (typeof PRIMITIVES)[number];
const BITS: Record<Primitive, number> = {
  u8: 8, u16: 16, u32: 32, u64: 64, le16: 16, le32: 32, le64: 64, be16: 16, be32: 32, be64: 64, i8: 8, i16: 16, i32: 32, i64: 64,
};
const ROLES = ['device', 'driver', 'hypervisor', 'guest', 'caller', 'callee', 'backend', 'frontend', 'firmware'] as const;

const range = (type: Primitive): [bigint, bigint] => {
  const bits = BigInt(BITS[type]);
  return type.startsWith('i') ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
};

/** A number as YAML: decimal, hex or octal, as authors write them. */
const yamlInt = (value: bigint, style: number): string =>
  value >= 0n && style === 1 ? `0x${value.toString(16).toUpperCase()}` : value >= 0n && style === 2 ? `0o${value.toString(8)}` : value.toString();

/** Doc strings with the characters YAML makes hard: quoted when needed. */
const docText = fc.oneof(
  fc.constantFrom('Reserved.', 'The device sets this bit.', 'See [[spec:SELF]] for details.', 'Bits 7:0 hold the count; the rest are zero.', 'Value in `le32` order.'),
  fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'abcdefghij klmnop:#-,[]{}"\'é😀'.split('')) }),
);
const yamlString = (text: string): string => JSON.stringify(text);

interface Names {
  prefix: string;
  next: (kind: string) => string;
}

function namer(prefix: string): Names {
  const counts = new Map<string, number>();
  return {
    prefix,
    next: (kind) => {
      const n = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, n);
      return `${prefix}_${kind}${n}`;
    },
  };
}

/** What later blocks may refer to. */
interface Scope {
  structs: { name: string; flexible: boolean; union: boolean }[];
  enums: { name: string; type: Primitive; values: string[] }[];
  flags: { name: string; type: Primitive }[];
  constants: { name: string; value: bigint }[];
}

const plan = {
  constants: fc.record({
    typed: fc.option(fc.constantFrom(...PRIMITIVES), { nil: undefined }),
    items: fc.array(fc.tuple(fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }), fc.integer({ min: 0, max: 2 }), fc.option(docText, { nil: undefined })), { minLength: 1, maxLength: 6 }),
    flow: fc.boolean(),
  }),
  enum: fc.record({
    type: fc.constantFrom('u8', 'u16', 'u32', 'le16', 'le32', 'i32', 'u64', 'i8'),
    count: fc.integer({ min: 1, max: 8 }),
    start: fc.bigInt({ min: -3n, max: 300n }),
    step: fc.integer({ min: 1, max: 5 }),
    style: fc.integer({ min: 0, max: 2 }),
    flow: fc.boolean(),
  }),
  flags: fc.record({
    type: fc.constantFrom('u8', 'u16', 'u32', 'u64', 'le32', 'be16', 'le64'),
    bits: fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 8 }),
    wide: fc.boolean(),
  }),
  struct: fc.record({
    fields: fc.array(fc.record({
      kind: fc.integer({ min: 0, max: 9 }), primitive: fc.constantFrom(...PRIMITIVES), length: fc.integer({ min: 1, max: 64 }),
      reserved: fc.boolean(), bitfields: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }), doc: fc.option(docText, { nil: undefined }),
    }), { minLength: 1, maxLength: 8 }),
    packed: fc.boolean(),
    flexible: fc.boolean(),
    flow: fc.boolean(),
  }),
  union: fc.record({
    fields: fc.array(fc.record({ kind: fc.integer({ min: 0, max: 3 }), primitive: fc.constantFrom(...PRIMITIVES), length: fc.integer({ min: 1, max: 16 }) }), { minLength: 1, maxLength: 4 }),
  }),
  features: fc.record({ bits: fc.uniqueArray(fc.integer({ min: 24, max: 41 }), { minLength: 1, maxLength: 4 }) }),
  device: fc.record({
    id: fc.integer({ min: 1000, max: 60000 }),
    queues: fc.integer({ min: 0, max: 4 }),
    bits: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 50, max: 127 })), { maxLength: 5 }),
    config: fc.boolean(), status: fc.boolean(), requests: fc.integer({ min: 0, max: 3 }),
  }),
  hypercalls: fc.record({
    convention: fc.constantFrom('smccc', 'xen', 'kvm'),
    entity: fc.integer({ min: 0, max: 63 }),
    functions: fc.uniqueArray(fc.record({ number: fc.integer({ min: 0, max: 0xffff }), width: fc.constantFrom(32, 64), fast: fc.boolean(), args: fc.integer({ min: 0, max: 4 }), results: fc.integer({ min: 0, max: 3 }) }),
      { minLength: 1, maxLength: 5, selector: (f) => f.number }),
    conduitChoice: fc.integer({ min: 0, max: 2 }),
  }),
  protocol: fc.record({ messages: fc.integer({ min: 1, max: 4 }), payload: fc.boolean(), reply: fc.boolean() }),
  example: fc.record({
    fields: fc.array(fc.record({ primitive: fc.constantFrom(...PRIMITIVES), value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), style: fc.integer({ min: 0, max: 2 }), reserved: fc.boolean() }),
      { minLength: 1, maxLength: 6 }),
    omitReserved: fc.boolean(),
    separators: fc.boolean(),
    /** Index of a byte to corrupt (beyond the end: none), so HV403x paths are reached too. */
    corrupt: fc.integer({ min: 0, max: 150 }),
  }),
  requirements: fc.record({
    role: fc.constantFrom(...ROLES),
    items: fc.array(fc.tuple(fc.constantFrom('MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY', 'SHALL', 'REQUIRED', 'OPTIONAL'), fc.option(fc.constantFrom(...ROLES), { nil: undefined })), { minLength: 1, maxLength: 5 }),
  }),
};

type Plan<K extends keyof typeof plan> = (typeof plan)[K] extends fc.Arbitrary<infer T> ? T : never;

function renderConstants(p: Plan<'constants'>, names: Names, scope: Scope): string {
  const name = names.next('consts');
  const items = p.items.map(([raw, style, doc]) => {
    let value = raw;
    if (p.typed) {
      const [min, max] = range(p.typed);
      const span = max - min + 1n;
      value = min + (((raw - min) % span) + span) % span;
    }
    const item = { name: names.next('K').toUpperCase(), value };
    scope.constants.push(item);
    const fields = [`name: ${item.name}`, `value: ${yamlInt(value, style)}`, ...(doc === undefined ? [] : [`doc: ${yamlString(doc)}`])];
    return p.flow ? `  - { ${fields.join(', ')} }` : `  - ${fields.join('\n    ')}`;
  });
  return `name: ${name}\n${p.typed ? `type: ${p.typed}\n` : ''}items:\n${items.join('\n')}`;
}

function renderEnum(p: Plan<'enum'>, names: Names, scope: Scope): string {
  const type = p.type as Primitive;
  const [min, max] = range(type);
  const name = names.next('enum');
  const values: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < p.count; i++) {
    const value = (p.start < min ? min : p.start) + BigInt(i * p.step);
    if (value > max) break;
    const v = names.next('V').toUpperCase();
    values.push(v);
    lines.push(p.flow ? `  - { name: ${v}, value: ${yamlInt(value, p.style)} }` : `  - name: ${v}\n    value: ${yamlInt(value, p.style)}`);
  }
  if (values.length === 0) {
    const v = names.next('V').toUpperCase();
    values.push(v);
    lines.push(`  - { name: ${v}, value: 0 }`);
  }
  scope.enums.push({ name, type, values });
  return `name: ${name}\ntype: ${type}\nvalues:\n${lines.join('\n')}`;
}

function renderFlags(p: Plan<'flags'>, names: Names, scope: Scope): string {
  const type = p.type as Primitive;
  const bits = p.bits.filter((b) => b < BITS[type]).sort((a, b) => a - b);
  if (bits.length === 0) bits.push(0);
  const name = names.next('flags');
  scope.flags.push({ name, type });
  const lines = bits.map((bit, i) => {
    // A two-bit flag only where the next bit is free.
    const width = p.wide && i === bits.length - 1 && bit + 1 < BITS[type] ? 2 : 1;
    return `  - { name: ${names.next('F').toUpperCase()}, bit: ${bit}${width > 1 ? `, width: ${width}` : ''}, doc: "flag ${bit}" }`;
  });
  return `name: ${name}\ntype: ${type}\nflags:\n${lines.join('\n')}`;
}

/** A field type from a plan's choice: primitive, array, constant-length array, earlier struct/enum/flags. */
function fieldType(kind: number, primitive: Primitive, length: number, scope: Scope): { type: string; integer: Primitive | undefined } {
  const inner = scope.structs.filter((s) => !s.flexible);
  const lengthConstant = scope.constants.find((c) => c.value >= 1n && c.value <= 64n);
  if (kind === 1) return { type: `${primitive}[${length}]`, integer: undefined };
  if (kind === 2 && lengthConstant) return { type: `u8[${lengthConstant.name}]`, integer: undefined };
  if (kind === 3 && inner.length) return { type: inner[length % inner.length]!.name, integer: undefined };
  if (kind === 4 && scope.enums.length) {
    const e = scope.enums[length % scope.enums.length]!;
    return { type: e.name, integer: e.type };
  }
  if (kind === 5 && scope.flags.length) {
    const f = scope.flags[length % scope.flags.length]!;
    return { type: f.name, integer: f.type };
  }
  if (kind === 6 && inner.length) return { type: `${inner[length % inner.length]!.name}[${1 + (length % 3)}]`, integer: undefined };
  return { type: primitive, integer: primitive };
}

function renderStruct(p: Plan<'struct'>, names: Names, scope: Scope, union = false): string {
  const name = names.next(union ? 'union' : 'struct');
  const lines = p.fields.map((f, i) => {
    const { type, integer } = fieldType(f.kind, f.primitive, f.length, scope);
    const parts = [`name: ${names.next('f')}`, `type: ${yamlString(type)}`];
    if (f.reserved && !union) parts.push('reserved: true');
    if (f.doc !== undefined) parts.push(`doc: ${yamlString(f.doc)}`);
    let text = p.flow ? `  - { ${parts.join(', ')} }` : `  - ${parts.join('\n    ')}`;
    if (integer && f.bitfields.length && !union && !f.reserved && i % 2 === 0) {
      const sorted = [...f.bitfields].sort((a, b) => a - b);
      const bfs = sorted.map((bit) => `      - { name: ${names.next('bf')}, bit: ${bit}, width: 1 }`);
      text = `  - ${parts.join('\n    ')}\n    bitfields:\n${bfs.join('\n')}`;
    }
    return text;
  });
  const flexible = !union && p.flexible;
  if (flexible) lines.push(`  - { name: ${names.next('tail')}, type: "u8[]" }`);
  scope.structs.push({ name, flexible, union });
  return `name: ${name}\n${p.packed ? 'packed: true\n' : ''}fields:\n${lines.join('\n')}`;
}

function renderUnion(p: Plan<'union'>, names: Names, scope: Scope): string {
  return renderStruct({ fields: p.fields.map((f) => ({ ...f, reserved: false, bitfields: [], doc: undefined })), packed: false, flexible: false, flow: true }, names, scope, true);
}

function renderFeatures(p: Plan<'features'>, names: Names): string {
  return `name: ${names.next('transport')}\nscope: transport\nfeatures:\n${p.bits.map((b) => `  - { bit: ${b}, name: ${names.next('TF').toUpperCase()} }`).join('\n')}`;
}

function renderDevice(p: Plan<'device'>, names: Names, scope: Scope): string {
  const queues = Array.from({ length: p.queues }, () => names.next('q'));
  const lines = [`name: ${names.next('dev').replace(/_/g, '-')}`, `id: ${p.id}`, 'virtqueues:'];
  if (queues.length === 0) lines[lines.length - 1] = 'virtqueues: []';
  queues.forEach((q, i) => lines.push(`  - { index: ${i}, name: ${q} }`));
  if (p.bits.length) lines.push('features:', ...p.bits.map((b) => `  - { bit: ${b}, name: ${names.next('DF').toUpperCase()}, doc: "feature ${b}" }`));
  const config = scope.structs.find((s) => !s.flexible && !s.union);
  if (p.config && config) lines.push(`config: ${config.name}`);
  if (p.status && scope.enums.length) lines.push(`status: ${scope.enums[0]!.name}`);
  if (p.requests && queues.length) {
    lines.push('requests:');
    for (let i = 0; i < p.requests; i++) {
      const structs = scope.structs.filter((s) => !s.union);
      const types = structs.length ? [structs[i % structs.length]!.name] : ['u8'];
      lines.push(`  - { name: ${names.next('req')}, queue: ${queues[i % queues.length]}, request: [${types.join(', ')}], response: ["u8"] }`);
    }
  }
  return lines.join('\n');
}

function renderHypercalls(p: Plan<'hypercalls'>, names: Names, scope: Scope): string {
  const conduits = p.convention === 'smccc' ? [['smc'], ['hvc'], ['smc', 'hvc']][p.conduitChoice]!
    : p.convention === 'kvm' ? [['vmcall'], ['vmmcall'], ['vmcall', 'vmmcall']][p.conduitChoice]!
      : [['hvc'], ['vmcall'], ['hvc', 'vmcall']][p.conduitChoice]!;
  const maxArgs = p.convention === 'smccc' ? 17 : p.convention === 'xen' ? 5 : 4;
  const lines = [`name: ${names.next('hc')}`, `convention: ${p.convention}`, `conduits: [${conduits.join(', ')}]`];
  if (p.convention === 'smccc') lines.push(`entity: ${p.entity}`);
  lines.push('functions:');
  p.functions.forEach((f, index) => {
    const width = p.convention === 'smccc' ? f.width : 64;
    const argType = width === 32 ? 'u32' : 'u64';
    lines.push(`  - name: ${names.next('fn')}`, `    number: ${p.convention === 'smccc' ? f.number : index}`);
    if (p.convention === 'smccc') lines.push(`    width: ${f.width}`, `    fast: ${f.fast}`);
    const args = Math.min(f.args, maxArgs);
    if (args) lines.push('    args:', ...Array.from({ length: args }, (_, i) => `      - { name: ${names.next('a')}, type: ${i === 0 && scope.flags.length && BITS[scope.flags[0]!.type] <= (width === 32 ? 32 : 64) ? scope.flags[0]!.name : argType} }`));
    const results = Math.min(f.results, p.convention === 'smccc' ? 4 : 1);
    if (results) lines.push('    results:', ...Array.from({ length: results }, () => `      - { name: ${names.next('r')}, type: ${argType === 'u32' ? 'i32' : 'i64'} }`));
  });
  return lines.join('\n');
}

function renderProtocol(p: Plan<'protocol'>, names: Names, scope: Scope): string[] {
  // A protocol needs its own header struct and message-type enum, so it renders three blocks.
  const types = names.next('msgtype');
  const values = Array.from({ length: p.messages }, () => names.next('M').toUpperCase());
  const header = names.next('hdr');
  const blocks = [
    `\`\`\`hvspec enum\nname: ${types}\ntype: le32\nvalues:\n${values.map((v, i) => `  - { name: ${v}, value: ${i + 1} }`).join('\n')}\n\`\`\``,
    `\`\`\`hvspec struct\nname: ${header}\nfields:\n  - { name: type, type: ${types} }\n  - { name: len, type: le32 }\n\`\`\``,
  ];
  scope.enums.push({ name: types, type: 'le32', values });
  scope.structs.push({ name: header, flexible: false, union: false });
  const payload = scope.structs.find((s) => s.name !== header && !s.flexible);
  const messages = values.map((v) => `  - { name: ${v}, direction: driver-to-device${p.payload && payload ? `, payload: ${payload.name}` : ''}${p.reply ? `, reply: ${header}` : ''} }`);
  blocks.push(`\`\`\`hvspec protocol\nname: ${names.next('proto')}\nheader: ${header}\ndiscriminator: type\ntypes: ${types}\nmessages:\n${messages.join('\n')}\n\`\`\``);
  return blocks;
}

/** The bytes of an integer as stored: little-endian for u/i/le types, big-endian for be types. */
function storedBytes(type: Primitive, value: bigint): string[] {
  const size = BITS[type] / 8;
  const bytes = Array.from({ length: size }, (_, i) => ((value >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0'));
  return type.startsWith('be') ? bytes.reverse() : bytes;
}

function renderExample(p: Plan<'example'>, names: Names, scope: Scope): string[] {
  // A golden vector needs a struct whose layout the generator knows without a layout engine of
  // its own: packed, so every field starts where the previous one ends.
  const struct = names.next('exstruct');
  const fields = p.fields.map((f) => {
    const [min, max] = range(f.primitive);
    const span = max - min + 1n;
    const value = min + (f.value % span);
    return { name: names.next('xf'), ...f, value };
  });
  scope.structs.push({ name: struct, flexible: false, union: false });
  const structBlock = `\`\`\`hvspec struct\nname: ${struct}\npacked: true\nfields:\n${fields.map((f) => `  - { name: ${f.name}, type: ${f.primitive}${f.reserved ? ', reserved: true' : ''} }`).join('\n')}\n\`\`\``;
  const values: string[] = [];
  const groups: string[][] = [];
  for (const f of fields) {
    const stored = f.reserved ? 0n : f.value;
    if (!(f.reserved && p.omitReserved)) values.push(`${f.name}: ${yamlInt(stored, stored < 0n ? 0 : f.style)}`);
    const twos = stored < 0n ? stored + (1n << BigInt(BITS[f.primitive])) : stored;
    groups.push(storedBytes(f.primitive, twos));
  }
  const flat = groups.flat();
  if (p.corrupt < flat.length) flat[p.corrupt] = ((parseInt(flat[p.corrupt]!, 16) + 1) & 0xff).toString(16).padStart(2, '0');
  let at = 0;
  const text = p.separators ? groups.map((g) => flat.slice(at, (at += g.length)).join(' ')).join(' | ') : flat.join('');
  const example = `\`\`\`hvspec example\nname: ${names.next('ex').replace(/_/g, '-')}\nstruct: ${struct}\nvalues: { ${values.join(', ')} }\nbytes: "${text}"\n\`\`\``;
  return [structBlock, example];
}

function renderRequirements(p: Plan<'requirements'>, names: Names): string {
  const items = p.items.map(([level, role]) => `  - id: ${names.next('req').replace(/_/g, '-')}\n    text: The ${role ?? p.role} ${level} do the thing.${role ? `\n    role: ${role}` : ''}`);
  return `section: Operation\nrole: ${p.role}\nitems:\n${items.join('\n')}`;
}

const KINDS = ['constants', 'enum', 'flags', 'struct', 'union', 'features', 'device', 'hypercalls', 'protocol', 'example', 'requirements'] as const;
type Kind = (typeof KINDS)[number];

const blockPlan = fc.oneof(...KINDS.map((kind) => (plan[kind] as fc.Arbitrary<unknown>).map((p) => ({ kind, p }))));

const PROSE = fc.constantFrom(
  'The driver MUST read the configuration before use.', 'This section is informative.', 'See [[spec:SELF]].', '- one\n- two\n  - nested',
  '> A quoted remark.', '| a | b |\n| - | - |\n| 1 | 2 |', '1. first\n2. second', 'A `code span` and **bold** and _emphasis_.',
  '[VIRTIO](https://docs.oasis-open.org/virtio/)', '## Subsection', 'Plain text with an é and a 😀.', 'A line\\\nwith a hard break.',
);

/** A whole document: front matter, a heading, and blocks separated by prose. */
export const documentArbitrary = fc.record({
  id: fc.integer({ min: 0, max: 1_000_000 }),
  status: fc.constantFrom('draft', 'standard', 'deprecated'),
  version: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)),
  blocks: fc.array(fc.tuple(blockPlan, fc.option(PROSE, { nil: undefined })), { minLength: 1, maxLength: 8 }),
}).map(({ id, status, version, blocks }) => {
  const spec = `gen-${id.toString(36)}`;
  const names = namer(`g${id.toString(36)}`);
  const scope: Scope = { structs: [], enums: [], flags: [], constants: [] };
  const out = [`---\nspec: ${spec}\ntitle: Generated ${id}\nversion: ${version.join('.')}\nstatus: ${status}\n---\n\n# Generated document ${id}\n`];
  let transport = false;
  for (const [{ kind, p }, prose] of blocks) {
    if (prose) out.push(prose.replace(/SELF/g, spec), '');
    const k = kind as Kind;
    if (k === 'features') {
      if (transport) continue; // transport bits are one set per corpus
      transport = true;
    }
    if (k === 'protocol') { out.push(...renderProtocol(p as Plan<'protocol'>, names, scope).flatMap((b) => [b, ''])); continue; }
    if (k === 'example') { out.push(...renderExample(p as Plan<'example'>, names, scope).flatMap((b) => [b, ''])); continue; }
    const body = k === 'constants' ? renderConstants(p as Plan<'constants'>, names, scope)
      : k === 'enum' ? renderEnum(p as Plan<'enum'>, names, scope)
        : k === 'flags' ? renderFlags(p as Plan<'flags'>, names, scope)
          : k === 'struct' ? renderStruct(p as Plan<'struct'>, names, scope)
            : k === 'union' ? renderUnion(p as Plan<'union'>, names, scope)
              : k === 'features' ? renderFeatures(p as Plan<'features'>, names)
                : k === 'device' ? renderDevice(p as Plan<'device'>, names, scope)
                  : k === 'hypercalls' ? renderHypercalls(p as Plan<'hypercalls'>, names, scope)
                    : renderRequirements(p as Plan<'requirements'>, names);
    out.push(`\`\`\`hvspec ${k}\n${body}\n\`\`\``, '');
  }
  return { spec, text: `${out.join('\n')}\n`.replace(/SELF/g, spec) };
});

/** One generated document from a seed (deterministic). */
export function generateDocument(seed: number): { spec: string; text: string } {
  return fc.sample(documentArbitrary, { seed, numRuns: 1 })[0]!;
}
