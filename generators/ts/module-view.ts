/**
 * Turns one spec of the model into the view the module template prints: every declaration as
 * ready-made, escaped text pieces. Doc strings go through docComment, names through the
 * corpus name table (names.ts), values through intLiteral; the template adds only layout.
 */
import type {
  Device, Enum, FeatureSet, Field, FlagSet, HypercallInterface, Model, Protocol, RegisterValue, Spec, Struct,
} from '../../src/model/types.ts';
import { docComment, intLiteral, isBigIntSize, needsBigInt, tsString } from './helpers.ts';
import { flatMembers, leafFields } from '../../src/model/fields.ts';
import { moduleAlias, propertyName, type SpecNames } from './names.ts';
import { registerMapText } from './registers.ts';
import {
  type CodecContext, decodeExpr, decodeFlexible, describeType, encodeStatements, offsetPlus, sizeOf, storageOf, tsType,
} from './codec.ts';

export interface ModuleView {
  header: string;
  imports: { alias: string; path: string }[];
  constants: ConstView[];
  enums: EnumView[];
  flags: FlagsView[];
  features: ObjectView[];
  devices: ObjectView[];
  structs: StructView[];
  hypercalls: HypercallView[];
  protocols: ProtocolView[];
  /** Register maps (format 2): offsets, masks and an accessor class each. */
  registers: { text: string }[];
}

interface ConstView { doc: string; binding: string; literal: string }
interface EntryView { doc: string; key: string; literal: string }
interface EnumView { doc: string; binding: string; isFn: string; entries: EntryView[]; guard: string; constants: ConstView[] }
interface FlagsView { doc: string; binding: string; maskType: string; storageType: string; entries: EntryView[]; constants: ConstView[] }
/** A const object with nested text already laid out (devices, feature sets). */
interface ObjectView { doc: string; binding: string; body: string; constants: ConstView[] }
interface StructView { text: string }
interface HypercallView { constants: ConstView[]; doc: string; functionsBinding: string; entries: EntryView[]; interfaces: string[] }
interface ProtocolView { text: string }

/** An object-literal key for a name that may not be an identifier (virtqueue names, …). */
function objectKey(name: string): string {
  if (name === '__proto__') return `[${tsString(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsString(name);
}

function indent(lines: readonly string[], by: string): string[] {
  return lines.map((line) => (line === '' ? '' : `${by}${line}`));
}

/** Builds the module view of `spec`; `names` holds the names of every spec of `model`. */
export function buildModuleView(model: Model, spec: Spec, names: Map<string, SpecNames>): ModuleView {
  const own = names.get(spec.id)!;
  const imports = new Set<string>();
  let usesRuntime = false;
  const structIndex = new Map<string, Struct>();
  for (const s of model.specs) for (const st of s.structs) structIndex.set(`${s.id}:${st.name}`, st);

  const ctx: CodecContext = {
    ref(specId, kind, name) {
      const table = names.get(specId);
      if (table === undefined) throw new Error(`ts generator: unknown spec ${specId}`);
      const binding = table.get(kind, name);
      if (specId === spec.id) return binding;
      imports.add(specId);
      return `${moduleAlias(specId)}.${binding}`;
    },
    rt(name) {
      usesRuntime = true;
      return `$rt.${name}`;
    },
    struct(specId, name) {
      const found = structIndex.get(`${specId}:${name}`);
      if (found === undefined) throw new Error(`ts generator: unknown struct ${specId}:${name}`);
      return found;
    },
    findStruct(name) {
      // Protocols name structs without a spec id: this spec first, then the others in id order.
      for (const id of [spec.id, ...model.specs.map((s) => s.id)]) {
        const found = structIndex.get(`${id}:${name}`);
        if (found !== undefined) return { spec: id, struct: found };
      }
      throw new Error(`ts generator: unknown struct ${name}`);
    },
  };

  const view: ModuleView = {
    header: headerComment(spec),
    imports: [],
    constants: spec.constants.flatMap((group) => group.constants.flatMap((c) => {
      const bigint = (c.type !== undefined && /64$/.test(c.type)) || needsBigInt(c.value);
      const facts = [`${group.name}${c.type === undefined ? '' : `, ${c.type}`}.`];
      return withExtras(c, c.doc, facts, own, intLiteral(c.value, bigint));
    })),
    enums: spec.enums.map((e) => enumView(e, own)),
    flags: spec.flags.map((f) => flagsView(f, own)),
    features: spec.features.map((set) => featureSetView(set, own)),
    devices: spec.devices.map((d) => deviceView(d, own)),
    structs: spec.structs.map((s) => ({ text: structText(s, own, ctx) })),
    hypercalls: spec.hypercalls.map((h) => hypercallView(h, own, ctx)),
    protocols: spec.protocols.map((p) => ({ text: protocolText(p, own, ctx) })),
    registers: (spec.registers ?? []).map((m) => ({ text: registerMapText(m) })),
  };
  if (usesRuntime) view.imports.push({ alias: '$rt', path: './_runtime.js' });
  for (const id of [...imports].sort()) view.imports.push({ alias: moduleAlias(id), path: `./${id}.js` });
  return view;
}

function headerComment(spec: Spec): string {
  const lines = [
    `Generated by hvspec from ${spec.file}: do not edit; change the standard and run \`hvspec build\`.`,
    '',
    `${spec.title}, version ${spec.version} (${spec.status}).`,
  ];
  for (const source of spec.sources) lines.push(`Source: ${source.title}${source.ref === undefined ? '' : ` <${source.ref}>`}`);
  return docComment(lines.join('\n'));
}

function enumView(e: Enum, own: SpecNames): EnumView {
  const bigint = isBigIntSize(e.storage.size);
  const entries = e.values.map((v) => ({ doc: docComment(v.doc, [], '  '), key: v.name, literal: intLiteral(v.value, bigint) }));
  const tests = entries.map((entry) => `value === ${entry.literal}`);
  return {
    doc: docComment(e.doc, [`Stored as ${e.storage.name}.`]),
    binding: own.get('type', e.name),
    isFn: own.get('is', e.name),
    entries,
    guard: tests.length === 0 ? 'false' : tests.join(' ||\n    '),
    constants: e.values.flatMap((v) => withExtras(v, v.doc, [`A value of ${e.name}.`], own, intLiteral(v.value, bigint))),
  };
}

function flagsView(f: FlagSet, own: SpecNames): FlagsView {
  const bigint = isBigIntSize(f.storage.size);
  const describe = (bit: number, width: number): string => (width === 1 ? `Bit ${bit}.` : `Bits ${bit}..${bit + width - 1}.`);
  return {
    doc: docComment(f.doc, [`Masks of the flag set, stored as ${f.storage.name}.`]),
    binding: own.get('type', f.name),
    maskType: own.get('mask', f.name),
    storageType: bigint ? 'bigint' : 'number',
    entries: f.flags.map((flag) => ({ doc: docComment(flag.doc, [describe(flag.bit, flag.width)], '  '), key: flag.name, literal: intLiteral(flag.mask, bigint, true) })),
    constants: [
      ...f.flags.flatMap((flag) => withExtras(flag, flag.doc, [`${describe(flag.bit, flag.width)} Mask in ${f.name}.`], own, intLiteral(flag.mask, bigint, true))),
      ...layoutFunctions(f, own, bigint),
    ],
  };
}

/**
 * The constant of a value, then one per alias (equal to it); a legacy item is `@deprecated`
 * (format 2).
 */
function withExtras(item: { name: string; aliases?: string[]; legacy?: string }, doc: string, facts: string[], own: SpecNames, literal: string): ConstView[] {
  const tag = (comment: string): string => (item.legacy ? deprecated(comment, `Legacy: C hides it under ${item.legacy}.`) : comment);
  const binding = own.get('const', item.name);
  return [
    { doc: tag(docComment(doc, facts)), binding, literal },
    // The value again, not `= ORIGINAL`: isolated declarations need a literal's type.
    ...(item.aliases ?? []).map((alias) => ({ doc: tag(docComment('', [`Alias of ${item.name}.`])), binding: own.get('const', alias), literal })),
  ];
}

/**
 * Adds a real `@deprecated` tag to a generated comment (docComment escapes `@` in text). The
 * note is generated, and the guard in it is a C identifier.
 */
function deprecated(comment: string, note: string): string {
  const line = ` * @deprecated ${note}`;
  if (comment === '') return `/**\n${line}\n */\n`;
  const single = /^\/\*\* (.*) \*\/\n$/.exec(comment);
  if (single) return `/**\n * ${single[1]}\n${line}\n */\n`;
  return comment.replace(/ \*\/\n$/, `${line}\n */\n`);
}

/**
 * Value-layout accessors (format 2 `get:`/`make:`) as arrow functions: masks and positions from
 * the model; 32-bit values stay unsigned (`>>> 0`), 64-bit ones are bigints.
 */
function layoutFunctions(f: FlagSet, own: SpecNames, bigint: boolean): ConstView[] {
  const type = bigint ? 'bigint' : 'number';
  const lit = (n: number | string): string => intLiteral(String(n), bigint, typeof n === 'string');
  const out: ConstView[] = [];
  for (const flag of f.flags) {
    if (!flag.getter) continue;
    const body = bigint ? `(v & ${lit(flag.mask)}) >> ${lit(flag.bit)}` : `((v & ${lit(flag.mask)}) >>> ${flag.bit})`;
    out.push({ doc: docComment('', [`Bits ${flag.bit}..${flag.bit + flag.width - 1} of a ${f.name} value (C: ${flag.getter}(v)).`]),
      binding: own.get('const', flag.getter), literal: `(v: ${type}): ${type} => ${body}` });
  }
  if (f.make) {
    const byName = new Map(f.flags.map((x) => [x.name, x]));
    const params = f.make.params.map((p) => `${p}_`);
    const parts = f.make.fields.map((field, i) => {
      const flag = byName.get(field)!;
      return `((${params[i]} << ${lit(flag.bit)}) & ${lit(flag.mask)})`;
    });
    const body = bigint ? parts.join(' | ') : `(${parts.join(' | ')}) >>> 0`;
    out.push({ doc: docComment(f.make.doc, [`A ${f.name} value from its fields (C: ${f.make.name}).`]),
      binding: own.get('const', f.make.name), literal: `(${params.map((p) => `${p}: ${type}`).join(', ')}): ${type} => ${body}` });
  }
  return out;
}

function featureSetView(set: FeatureSet, own: SpecNames): ObjectView {
  return {
    doc: docComment(set.doc, [`Feature bit numbers (${set.scope} scope).`]),
    binding: own.get('features', set.name),
    body: set.features.map((f) => `${docComment(f.doc, [], '  ')}  ${f.name}: ${f.bit},`).join('\n'),
    constants: set.features.flatMap((f) => withExtras(f, f.doc, [`Feature bit ${f.bit}.`], own, String(f.bit))),
  };
}

function deviceView(d: Device, own: SpecNames): ObjectView {
  const body = [
    `  name: ${tsString(d.name)},`,
    `  id: ${d.id},`,
    '  /** Virtqueue indexes by name. */',
    `  virtqueues: {${d.virtqueues.map((q) => ` ${objectKey(q.name)}: ${q.index}`).join(',')} },`,
    '  /** Device feature bit numbers. */',
    `  features: {${d.features.map((f) => ` ${objectKey(f.name)}: ${f.bit}`).join(',')} },`,
  ];
  return {
    doc: docComment(d.doc, [`Virtio device \`${d.name}\`, device ID ${d.id}.`]),
    binding: own.get('device', d.name),
    body: body.join('\n'),
    constants: [
      { doc: docComment('', [`Virtio device ID of \`${d.name}\`.`]), binding: own.get('const', d.idName), literal: String(d.id) },
      ...d.features.flatMap((f) => withExtras(f, f.doc, [`Feature bit ${f.bit} of \`${d.name}\`.`], own, String(f.bit))),
    ],
  };
}

// --- Structs and unions -----------------------------------------------------------------------

/** Property names of the non-reserved fields, checked to be distinct. */
function propertyNames(s: Struct): Map<string, string> {
  const props = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const field of flatMembers(s.fields)) {
    if (field.reserved) continue;
    const prop = propertyName(field.name);
    const clash = seen.get(prop);
    if (clash !== undefined) throw new Error(`ts generator: fields ${clash} and ${field.name} of ${s.name} both become property ${prop}`);
    seen.set(prop, field.name);
    props.set(field.name, prop);
  }
  return props;
}

function structText(s: Struct, own: SpecNames, ctx: CodecContext): string {
  return s.kind === 'union' ? unionText(s, own, ctx) : plainStructText(s, own, ctx);
}

function fieldFacts(s: Struct, field: Struct['fields'][number]): string[] {
  const where = s.kind === 'union' ? 'Member' : `Offset ${field.offset}`;
  const bytes = field.size === 0 ? '' : field.size === 1 ? ', 1 byte' : `, ${field.size} bytes`;
  return [`${where}, ${describeType(field.type)}${bytes}.`];
}

function bitsConstants(s: Struct, own: SpecNames): string[] {
  const out: string[] = [];
  for (const field of s.fields) {
    if (field.bitfields.length === 0) continue;
    const binding = own.get('bits', `${s.name}.${field.name}`);
    const storage = storageOf(field.type);
    const bigint = storage !== null && isBigIntSize(storage.size);
    out.push(docComment('', [`Bit ranges inside ${s.name}.${field.name}; read them with \`getBits\`/\`getBigBits\` of the runtime.`]) + `export const ${binding} = {`);
    for (const bf of field.bitfields) {
      const bits = bf.width === 1 ? `Bit ${bf.bit}` : `Bits ${bf.bit}..${bf.bit + bf.width - 1}`;
      const facts = [`${bits}${bf.enum === undefined ? '' : `, a value of ${bf.enum}`}.`];
      // Keys follow the struct fields' rule: camelCase.
      out.push(`${docComment(bf.doc, facts, '  ')}  ${objectKey(propertyName(bf.name))}: { bit: ${bf.bit}, width: ${bf.width}, mask: ${intLiteral(bf.mask, bigint, true)} },`);
    }
    out.push('} as const;', '');
  }
  return out;
}

function plainStructText(s: Struct, own: SpecNames, ctx: CodecContext): string {
  const type = own.get('type', s.name);
  const sizeConst = own.get('size', s.name);
  const props = propertyNames(s);
  const flexible = s.flexible ? s.fields[s.fields.length - 1]! : null;
  const lines: string[] = [];

  const facts = [`${s.size === 1 ? '1 byte' : `${s.size} bytes`}${s.flexible ? ' before the trailing array' : ''}, alignment ${s.align}${s.packed ? ', packed' : ''}.`];
  lines.push(`// --- struct ${s.name} ---`, '');
  lines.push(docComment(s.doc, facts) + `export interface ${type} {`);
  lines.push(...interfaceMembers(s, s.fields, '  ', false, ctx));
  lines.push('}', '');
  lines.push(docComment('', [`Bytes of ${s.name}${s.flexible ? ' without its trailing array' : ''}.`]) + `export const ${sizeConst} = ${s.size};`, '');
  lines.push(...bitsConstants(s, own));

  let sizeExpr = sizeConst;
  if (flexible !== null) {
    const sizeOfName = own.get('sizeOf', s.name);
    const elementType = flexible.type.kind === 'array' ? flexible.type.element : flexible.type;
    const stride = sizeOf(elementType, ctx);
    lines.push(docComment('', [`Bytes \`value\` occupies: the fixed part and its trailing ${flexible.name} elements.`]) + `export function ${sizeOfName}(value: ${type}): number {`);
    lines.push(`  return Math.max(${sizeConst}, ${flexible.offset} + value.${props.get(flexible.name)}.length * ${stride});`, '}', '');
    sizeExpr = `${sizeOfName}(value)`;
  }

  // Encoder.
  lines.push(docComment('', [
    `Writes \`value\` as ${s.name} at \`offset\`; padding and reserved fields are written as zero.`,
    'Returns the number of bytes written. Throws EncodeError (out-of-bounds, out-of-range, bad-length, unknown-enum).',
  ]) + `export function ${own.get('encode', s.name)}(value: ${type}, view: DataView, offset = 0): number {`);
  lines.push(`  const size = ${sizeExpr};`);
  lines.push(`  ${ctx.rt('checkEncodeBounds')}(view, offset, size, ${tsString(s.name)});`);
  lines.push(`  ${ctx.rt('zeroBytes')}(view, offset, size);`);
  if (flexible !== null && !flexible.reserved) {
    // A counted trailing array must have the elements its count field says, or it would not read back.
    const counted = flexibleCount(s, flexible, (f) => `Number(value.${props.get(f.name) ?? propertyName(f.name)})`);
    if (counted !== undefined) lines.push(`  ${ctx.rt('checkLength')}(value.${props.get(flexible.name)}, ${counted}, ${tsString(`${s.name}.${flexible.name}`)}, ${offsetPlus('offset', flexible.offset)});`);
  }
  lines.push(...indent(encodeMembers(s, s.fields, 'value', s.name, false, ctx), '  '));
  lines.push('  return size;', '}', '');

  // Decoder.
  lines.push(docComment('', [
    `Reads ${s.name} at \`offset\`${flexible === null ? '' : `; the trailing ${flexible.name} takes every remaining byte of the view`}.`,
    'Throws DecodeError (out-of-bounds, unknown-enum, reserved-nonzero unless options.reserved is "ignore").',
  ]) + `export function ${own.get('decode', s.name)}(view: DataView, offset = 0, options: ${ctx.rt('DecodeOptions')} = {}): ${type} {`);
  lines.push(`  ${ctx.rt('checkDecodeBounds')}(view, offset, ${sizeConst}, ${tsString(s.name)});`);
  for (const { field, path } of leafFields(s)) {
    if (!field.reserved) continue;
    if (field.size === 0) continue;
    lines.push(`  ${ctx.rt('checkReserved')}(view, ${offsetPlus('offset', field.offset)}, ${field.size}, ${tsString(`${s.name}.${path}`)}, options);`);
  }
  if (flexible !== null && !flexible.reserved && flexible.type.kind === 'array') {
    const counted = flexibleCount(s, flexible, (f) => `Number(${decodeExpr(f.type, offsetPlus('offset', f.offset), `${s.name}.${f.name}`, 0, ctx)})`);
    lines.push(...indent(decodeFlexible(flexible.type.element, offsetPlus('offset', flexible.offset), 'trailing', `${s.name}.${flexible.name}`, ctx, counted), '  '));
  }
  lines.push('  return {');
  lines.push(...decodeMembers(s, s.fields, '    ', s.name, flexible, ctx));
  lines.push('  };', '}');
  return lines.join('\n');
}

/*
 * Inline members (docs/format.md, "Anonymous and inline members"): the fields of an anonymous
 * member are properties of the enclosing object, as C names them (`hdr.csumStart`); a named
 * inline member is a nested object (`hdr.csum.start`). Properties inside a union are optional:
 * decoding fills every view from the same bytes, encoding writes the views present in order.
 * Offsets are the model's, from the start of the struct.
 */

function interfaceMembers(s: Struct, fields: Field[], pad: string, optional: boolean, ctx: CodecContext): string[] {
  const out: string[] = [];
  for (const field of fields) {
    if (field.reserved) continue;
    const inline = field.type.kind === 'inline' ? field.type : undefined;
    const inUnion = optional || inline?.aggregate === 'union';
    if (inline && field.anonymous) { out.push(...interfaceMembers(s, inline.fields, pad, inUnion, ctx)); continue; }
    const prop = `${propertyName(field.name)}${optional ? '?' : ''}`;
    if (inline) {
      out.push(`${docComment(field.doc, [`Offset ${field.offset}, ${inline.aggregate} of ${field.size} bytes.`], pad)}${pad}${prop}: {`);
      out.push(...interfaceMembers(s, inline.fields, `${pad}  `, inline.aggregate === 'union', ctx), `${pad}};`);
      continue;
    }
    out.push(`${docComment(field.doc, fieldFacts(s, field), pad)}${pad}${prop}: ${tsType(field.type, ctx)};`);
  }
  return out;
}

function encodeMembers(s: Struct, fields: Field[], value: string, label: string, optional: boolean, ctx: CodecContext): string[] {
  const out: string[] = [];
  for (const field of fields) {
    if (field.reserved) continue;
    const inline = field.type.kind === 'inline' ? field.type : undefined;
    const inUnion = optional || inline?.aggregate === 'union';
    if (inline && field.anonymous) { out.push(...encodeMembers(s, inline.fields, value, label, inUnion, ctx)); continue; }
    const access = `${value}.${propertyName(field.name)}`;
    const stmts = inline
      ? encodeMembers(s, inline.fields, access, `${label}.${field.name}`, inline.aggregate === 'union', ctx)
      : encodeStatements(field.type, access, offsetPlus('offset', field.offset), `${label}.${field.name}`, 0, ctx);
    if (optional) out.push(`if (${access} !== undefined) {`, ...indent(stmts, '  '), '}');
    else out.push(...stmts);
  }
  return out;
}

/**
 * The element count of a counted trailing array (`count: hash_key_length`) as an expression over
 * its count field (`read` gives that field's value as a number), or undefined for an uncounted one.
 */
function flexibleCount(s: Struct, flexible: Field, read: (field: Field) => string): string | undefined {
  const count = flexible.count;
  if (count === undefined) return undefined;
  const field = [...leafFields(s)].find(({ path }) => path === count.field)?.field;
  if (field === undefined) return undefined;
  const scaled = count.scale === 1 ? read(field) : `${read(field)} * ${count.scale}`;
  return count.add === 0 ? scaled : `${scaled} + ${count.add}`;
}

function decodeMembers(s: Struct, fields: Field[], pad: string, label: string, flexible: Field | null, ctx: CodecContext): string[] {
  const out: string[] = [];
  for (const field of fields) {
    if (field.reserved) continue;
    const inline = field.type.kind === 'inline' ? field.type : undefined;
    if (inline && field.anonymous) { out.push(...decodeMembers(s, inline.fields, pad, label, null, ctx)); continue; }
    const prop = propertyName(field.name);
    if (inline) {
      out.push(`${pad}${prop}: {`, ...decodeMembers(s, inline.fields, `${pad}  `, `${label}.${field.name}`, null, ctx), `${pad}},`);
    } else if (field === flexible) {
      out.push(`${pad}${prop}: trailing,`);
    } else {
      out.push(`${pad}${prop}: ${decodeExpr(field.type, offsetPlus('offset', field.offset), `${label}.${field.name}`, 0, ctx)},`);
    }
  }
  return out;
}

function unionText(s: Struct, own: SpecNames, ctx: CodecContext): string {
  const type = own.get('type', s.name);
  const sizeConst = own.get('size', s.name);
  const props = propertyNames(s);
  const members = s.fields.filter((f) => !f.reserved);
  const lines: string[] = [`// --- union ${s.name} ---`, ''];
  lines.push(docComment(s.doc, [`Union of ${s.size} bytes, alignment ${s.align}: exactly one member is set.`]) + `export type ${type} =`);
  if (members.length === 0) lines.push('  never;');
  members.forEach((field, i) => {
    const end = i === members.length - 1 ? ';' : '';
    lines.push(`${docComment(field.doc, fieldFacts(s, field), '  ')}  | { ${props.get(field.name)}: ${tsType(field.type, ctx)} }${end}`);
  });
  lines.push('');
  lines.push(docComment('', [`Bytes of ${s.name}.`]) + `export const ${sizeConst} = ${s.size};`, '');
  lines.push(...bitsConstants(s, own));

  lines.push(docComment('', [`Writes the member \`value\` holds at \`offset\`; the other bytes of the union are zero. Returns ${s.size}.`]) + `export function ${own.get('encode', s.name)}(value: ${type}, view: DataView, offset = 0): number {`);
  lines.push(`  ${ctx.rt('checkEncodeBounds')}(view, offset, ${sizeConst}, ${tsString(s.name)});`);
  lines.push(`  ${ctx.rt('zeroBytes')}(view, offset, ${sizeConst});`);
  members.forEach((field, i) => {
    const prop = props.get(field.name)!;
    lines.push(`  ${i === 0 ? 'if' : '} else if'} (${tsString(prop)} in value) {`);
    lines.push(...indent(encodeStatements(field.type, `value.${prop}`, 'offset', `${s.name}.${field.name}`, 0, ctx), '    '));
  });
  if (members.length > 0) lines.push('  } else {');
  lines.push(`${members.length > 0 ? '  ' : ''}  throw new ${ctx.rt('EncodeError')}('unknown-member', ${tsString(s.name)}, offset, 'the value sets none of the members');`);
  if (members.length > 0) lines.push('  }');
  lines.push(`  return ${sizeConst};`, '}', '');

  const memberType = members.length === 0 ? 'never' : members.map((f) => tsString(props.get(f.name)!)).join(' | ');
  lines.push(docComment('', [`Reads ${s.name} at \`offset\` as the given member: only the reader knows which member is live.`]) + `export function ${own.get('decode', s.name)}(view: DataView, offset: number, member: ${memberType}, options: ${ctx.rt('DecodeOptions')} = {}): ${type} {`);
  lines.push(`  ${ctx.rt('checkDecodeBounds')}(view, offset, ${sizeConst}, ${tsString(s.name)});`);
  lines.push('  switch (member) {');
  for (const field of members) {
    const prop = props.get(field.name)!;
    lines.push(`    case ${tsString(prop)}:`);
    lines.push(`      return { ${prop}: ${decodeExpr(field.type, 'offset', `${s.name}.${field.name}`, 0, ctx)} };`);
  }
  lines.push('  }');
  // Unreachable for well-typed callers; keeps the function total for untyped ones.
  lines.push(`  void options;`);
  lines.push(`  throw new ${ctx.rt('DecodeError')}('unknown-member', ${tsString(s.name)}, offset, \`no member \${String(member)}\`);`);
  lines.push('}');
  return lines.join('\n');
}

// --- Hypercalls -------------------------------------------------------------------------------

function registerFacts(value: RegisterValue): string[] {
  const regs = Object.entries(value.registers).map(([arch, reg]) => `${arch} ${reg}`).join(', ');
  return [`${describeType(value.type)}${regs === '' ? '' : `; ${regs}`}.`];
}

function hypercallView(h: HypercallInterface, own: SpecNames, ctx: CodecContext): HypercallView {
  const idLiteral = (id: string): string => intLiteral(id, needsBigInt(id), true);
  const interfaces: string[] = [];
  for (const fn of h.functions) {
    for (const [kind, values] of [['args', fn.args], ['results', fn.results]] as const) {
      if (values.length === 0) continue;
      const binding = own.get(kind, `${h.name}.${fn.name}`);
      const seen = new Set<string>();
      const lines = [docComment('', [`${kind === 'args' ? 'Arguments' : 'Results'} of ${h.name}.${fn.name}, in register order.`]) + `export interface ${binding} {`];
      for (const value of values) {
        const prop = propertyName(value.name);
        if (seen.has(prop)) throw new Error(`ts generator: two ${kind} of ${h.name}.${fn.name} become property ${prop}`);
        seen.add(prop);
        lines.push(`${docComment(value.doc, registerFacts(value), '  ')}  ${prop}: ${tsType(value.type, ctx)};`);
      }
      lines.push('}');
      interfaces.push(lines.join('\n'));
    }
  }
  const abis = h.abis.map((abi) => `${abi.arch}: ${abi.instructions.join(' / ')}, ID in ${abi.idRegister}`);
  return {
    constants: h.functions.map((fn) => {
      const facts = [`Function ID of ${h.name}.${fn.name} (number ${fn.number}${fn.width === undefined ? '' : `, SMC${fn.width}`}${fn.fast === undefined ? '' : fn.fast ? ', fast call' : ', yielding call'}).`];
      if (fn.memory !== null) facts.push(`Arguments in memory: struct ${fn.memory}.`);
      return { doc: docComment(fn.doc, facts), binding: own.get('const', fn.idName), literal: idLiteral(fn.id) };
    }),
    doc: docComment(h.doc, [`Function IDs of the ${h.convention} interface ${h.name}.`, ...abis]),
    functionsBinding: own.get('functions', h.name),
    entries: h.functions.map((fn) => ({ doc: '', key: objectKey(fn.name), literal: idLiteral(fn.id) })),
    interfaces,
  };
}

// --- Protocols --------------------------------------------------------------------------------

function protocolText(p: Protocol, own: SpecNames, ctx: CodecContext): string {
  const header = ctx.findStruct(p.header);
  const headerSpec = header.spec;
  const headerStruct = header.struct;
  const discField = headerStruct.fields.find((f) => f.name === p.discriminator);
  if (discField === undefined) throw new Error(`ts generator: ${p.name}: header ${p.header} has no field ${p.discriminator}`);
  const storage = storageOf(discField.type);
  if (storage === null) throw new Error(`ts generator: ${p.name}: discriminator ${p.discriminator} is not an integer`);
  const bigint = isBigIntSize(storage.size);
  const discProp = propertyName(discField.name);
  const headerType = ctx.ref(headerSpec, 'type', p.header);
  const headerSize = ctx.ref(headerSpec, 'size', p.header);
  const messageType = own.get('message', p.name);
  const typesConst = own.get('messageTypes', p.name);
  const payloadRef = (name: string): { spec: string; struct: Struct } => ctx.findStruct(name);
  // A union payload is carried as its raw bytes, as a union inside a struct is: the header says
  // which message follows, not which member is live. Decode it with the union's own decoder.
  const isUnion = (name: string): boolean => payloadRef(name).struct.kind === 'union';
  const payloadSize = (name: string): string => ctx.ref(payloadRef(name).spec, 'size', name);

  const lines: string[] = [`// --- protocol ${p.name} ---`, ''];
  lines.push(docComment('', [`Message-type values of ${p.name}, by message name (the ${p.discriminator} field of ${p.header}).`]) + `export const ${typesConst} = {`);
  for (const m of p.messages) lines.push(`  ${objectKey(m.name)}: ${intLiteral(m.value, bigint, true)},`);
  lines.push('} as const;', '');

  lines.push(docComment(p.doc, [`A message of ${p.name}: \`type\` names it, \`header\` is its ${p.header}, \`payload\` what follows.`]) + `export type ${messageType} =`);
  if (p.messages.length === 0) lines.push('  never;');
  p.messages.forEach((m, i) => {
    const payload = m.payload === null ? 'null' : isUnion(m.payload) ? 'Uint8Array' : ctx.ref(payloadRef(m.payload).spec, 'type', m.payload);
    const facts = [`${m.direction}${m.reply === null ? '' : `; answered by ${m.reply}`}.`];
    if (m.payload !== null && isUnion(m.payload)) facts.push(`The payload is the raw bytes of union ${m.payload}.`);
    lines.push(`${docComment(m.doc, facts, '  ')}  | { type: ${tsString(m.name)}; header: ${headerType}; payload: ${payload} }${i === p.messages.length - 1 ? ';' : ''}`);
  });
  lines.push('');

  // Decoder: dispatch on the header's discriminator.
  const firstByValue = new Map<string, Protocol['messages'][number]>();
  for (const m of p.messages) if (!firstByValue.has(m.value)) firstByValue.set(m.value, m);
  lines.push(docComment('', [
    `Reads a ${p.name} message at \`offset\`: the header, then the payload its ${p.discriminator} names.`,
    'Throws DecodeError (unknown-message for a type the protocol does not define, and as the struct decoders do).',
  ]) + `export function ${own.get('decodeMessage', p.name)}(view: DataView, offset = 0, options: ${ctx.rt('DecodeOptions')} = {}): ${messageType} {`);
  lines.push(`  const header = ${ctx.ref(headerSpec, 'decode', p.header)}(view, offset, options);`);
  lines.push(`  const at = offset + ${headerSize};`);
  if (p.messages.length > 0) {
    lines.push(`  switch (header.${discProp}) {`);
    for (const m of firstByValue.values()) {
      lines.push(`    case ${intLiteral(m.value, bigint, true)}:`);
      if (m.payload !== null && isUnion(m.payload)) {
        lines.push(`      ${ctx.rt('checkDecodeBounds')}(view, at, ${payloadSize(m.payload)}, ${tsString(m.payload)});`);
      }
      const payload = m.payload === null ? 'null'
        : isUnion(m.payload) ? `${ctx.rt('readBytes')}(view, at, ${payloadSize(m.payload)})`
        : `${ctx.ref(payloadRef(m.payload).spec, 'decode', m.payload)}(view, at, options)`;
      lines.push(`      return { type: ${tsString(m.name)}, header, payload: ${payload} };`);
    }
    lines.push('  }');
  }
  lines.push(`  void at;`);
  lines.push(`  throw new ${ctx.rt('DecodeError')}('unknown-message', ${tsString(`${p.header}.${p.discriminator}`)}, ${offsetPlus('offset', discField.offset)}, \`\${String(header.${discProp})} is not a message of ${p.name}\`, header.${discProp});`);
  lines.push('}', '');

  // Encoder: header, then payload; the header must name the message.
  lines.push(docComment('', [
    `Writes a ${p.name} message at \`offset\`: its header, then its payload. Returns the number of bytes written.`,
    `Throws EncodeError (mismatch when header.${discProp} is not the value of \`type\`, and as the struct encoders do).`,
  ]) + `export function ${own.get('encodeMessage', p.name)}(message: ${messageType}, view: DataView, offset = 0): number {`);
  lines.push(`  const expected = ${typesConst}[message.type];`);
  lines.push(`  if (message.header.${discProp} !== expected) {`);
  lines.push(`    throw new ${ctx.rt('EncodeError')}('mismatch', ${tsString(`${p.header}.${p.discriminator}`)}, ${offsetPlus('offset', discField.offset)}, \`is \${String(message.header.${discProp})}, the message \${message.type} needs \${String(expected)}\`);`);
  lines.push('  }');
  lines.push(`  const size = ${ctx.ref(headerSpec, 'encode', p.header)}(message.header, view, offset);`);
  const withPayload = p.messages.filter((m) => m.payload !== null);
  if (withPayload.length > 0) {
    lines.push('  switch (message.type) {');
    for (const m of withPayload) {
      lines.push(`    case ${tsString(m.name)}:`);
      if (isUnion(m.payload!)) {
        const unionSize = payloadSize(m.payload!);
        lines.push(`      ${ctx.rt('checkEncodeBounds')}(view, offset + size, ${unionSize}, ${tsString(m.payload!)});`);
        lines.push(`      ${ctx.rt('writeBytes')}(view, offset + size, message.payload, ${unionSize}, ${tsString(m.payload!)});`);
        lines.push(`      return size + ${unionSize};`);
        continue;
      }
      lines.push(`      return size + ${ctx.ref(payloadRef(m.payload!).spec, 'encode', m.payload!)}(message.payload, view, offset + size);`);
    }
    lines.push('  }');
  }
  lines.push('  return size;', '}');
  return lines.join('\n');
}
