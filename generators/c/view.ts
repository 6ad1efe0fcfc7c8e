/**
 * The model of one spec turned into what spec.h.hbs prints: every literal already formatted,
 * every doc string already escaped, structs in an order C accepts. Nothing here computes layout:
 * sizes, offsets, masks and IDs are copied from the model.
 */
import type { Constant, CTypeName, Enum, Field, FlagSet, Model, PrimitiveName, Spec, Struct, TypeRef } from '../../src/model/types.ts';
import {
  alignNames, bitfieldMacroPrefix, cDeclaration, cInteger, commentLines, cTypedInteger, docComment, groupHeading, headerFileName, includeGuard, shiftName,
} from './helpers.ts';
import { leafFields, walkFields } from '../../src/model/fields.ts';
import { CPP_KEYWORDS } from '../../src/names/keywords.ts';
import type { NameRegistry } from './names.ts';
import { registerMapView, type RegisterMapView } from './registers.ts';
import { hypercallView, type HypercallView } from './wrappers.ts';

export interface DefineView {
  /** Doc comment block (already escaped), or ''. */
  doc: string;
  /** The macro name, with its parameter list for a function-like macro (`PSCI_VERSION(maj, min)`). */
  name: string;
  value: string;
  /** Legacy guard this item is printed under (format 2). */
  guard?: string;
  /** Set on the first of a run of items under one guard: `#ifndef open` goes before it. */
  open?: string;
  /** Set on the last of such a run: `#endif` goes after it. */
  close?: string;
}

export interface GroupView {
  /** Comment block naming the group (already escaped). */
  heading: string;
  defines: DefineView[];
  /** Printed as a C enumeration instead of #defines (format 2 `c_enum:`): `enum tag {` or `enum {`. */
  cEnum?: { opening: string };
}

/** The #define of a model value (or enumerator) with its aliases after it, all under the item's legacy guard. */
interface ValueItem { name: string; doc: string; value: string; aliases?: string[]; legacy?: string }

function valueDefines(items: ValueItem[], indent = ''): DefineView[] {
  const defines: DefineView[] = [];
  for (const item of items) {
    const guard = item.legacy;
    defines.push({ doc: docComment(item.doc, indent), name: item.name, value: item.value, ...(guard ? { guard } : {}) });
    for (const alias of item.aliases ?? []) defines.push({ doc: docComment(`Alias of ${item.name}.`, indent), name: alias, value: item.name, ...(guard ? { guard } : {}) });
  }
  return markGuards(defines);
}

/** Opens a guard before the first of each run of items under it and closes it after the last. */
function markGuards(defines: DefineView[]): DefineView[] {
  return defines.map((d, i) => {
    if (!d.guard) return d;
    const out = { ...d };
    if (defines[i - 1]?.guard !== d.guard) out.open = d.guard;
    if (defines[i + 1]?.guard !== d.guard) out.close = d.guard;
    return out;
  });
}

/** A literal of the value's model C type (format 2), or of the storage type for a model without one. */
function literal(value: string, cType: CTypeName | undefined, storage: PrimitiveName | undefined, hex: boolean): string {
  return cType ? cTypedInteger(value, cType, { hex }) : cInteger(value, { type: storage, hex });
}

/** Identifiers an expression's text uses (not the suffixes of its literals). */
function expressionNames(expression: string): string[] {
  return expression.match(/(?<![0-9A-Za-z_])[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}

function constantValue(c: Constant): string {
  return c.expression ?? literal(c.value, c.cType, c.type, BigInt(c.value) > 0xffffn);
}

export interface FieldView {
  /** The member's lines: doc comment, declaration (an inline member with its own members), indented. */
  text: string;
}

export interface AssertView {
  condition: string;
  message: string;
}

export interface StructView {
  doc: string;
  keyword: 'struct' | 'union';
  name: string;
  flexible: boolean;
  /** ` HVSPEC_PACKED`, ` HVSPEC_ALIGNED(16)` or '' (printed after the closing brace). */
  attributes: string;
  fields: FieldView[];
  asserts: AssertView[];
  alignAssert: { type: string; align: number };
  /** Shift/mask macros of the bit ranges inside integer fields. */
  bitfields: GroupView | null;
}

export interface HeaderView {
  fileName: string;
  guard: string;
  banner: string[];
  includes: string[];
  constants: GroupView[];
  enums: GroupView[];
  flags: GroupView[];
  features: GroupView[];
  devices: GroupView[];
  /** Register maps (format 2): offset #defines and bit masks. */
  registers: RegisterMapView[];
  structs: StructView[];
  protocols: { comment: string }[];
  hypercalls: HypercallView[];
}

function group(title: string, doc: string, defines: DefineView[]): GroupView {
  return { heading: groupHeading(title, doc), defines: alignNames(defines) };
}

/** Items of one kind in the order the author wrote them (the body), then any the body does not place. */
function inSourceOrder<T extends { name: string }>(spec: Spec, kinds: string[], items: T[]): T[] {
  const byName = new Map(items.map((item) => [item.name, item]));
  const ordered: T[] = [];
  for (const part of spec.body) {
    if (part.part !== 'item' || !kinds.includes(part.kind)) continue;
    const item = byName.get(part.name);
    if (item && !ordered.includes(item)) ordered.push(item);
  }
  return [...ordered, ...items.filter((item) => !ordered.includes(item))];
}

/**
 * An enum as #defines, or (format 2 `c_enum:`) as a C enumeration. An enumerator prints its
 * expression only when every name in it is defined before it (in an included header, as a
 * constant of this one, or as an earlier enumerator), since an enum, unlike a macro, is
 * evaluated where it stands.
 */
function enumGroup(e: Enum, before: { own: Set<string>; defined: Set<string> }): GroupView {
  const { own, defined } = before;
  const items = e.values.map((v): ValueItem => {
    const computed = literal(v.value, e.cEnum ? 'int' : v.cType, e.storage.name, BigInt(v.value) > 0xffffn);
    const usable = v.expression !== undefined && (!e.cEnum || expressionNames(v.expression).every((n) => !own.has(n) || defined.has(n)));
    const item: ValueItem = { name: v.name, doc: v.doc, value: usable ? v.expression! : computed, ...(v.aliases ? { aliases: v.aliases } : {}), ...(v.legacy ? { legacy: v.legacy } : {}) };
    defined.add(v.name);
    for (const alias of v.aliases ?? []) defined.add(alias);
    return item;
  });
  const view = group(`enum ${e.name} (${e.storage.name})`, e.doc, valueDefines(items, e.cEnum ? '\t' : ''));
  if (e.cEnum) view.cEnum = { opening: e.cEnum === 'tagged' ? `enum ${e.name} {` : 'enum {' };
  return view;
}

function flagGroup(set: FlagSet, names: NameRegistry, local: Set<string>): GroupView {
  const defines: DefineView[] = [];
  /** How a macro names each field's position: the shift macro when this header has one, else the number. */
  const shiftOf = new Map<string, string>();
  for (const flag of set.flags) {
    const mask = literal(flag.mask, flag.cType, set.storage.name, true);
    defines.push(...valueDefines([{ name: flag.name, doc: flag.doc, value: mask, ...(flag.aliases ? { aliases: flag.aliases } : {}), ...(flag.legacy ? { legacy: flag.legacy } : {}) }]));
    const shift = shiftName(flag.name);
    if (flag.width > 1 && !names.has(shift) && names.claim(shift, `flag ${flag.name}`)) {
      // A standard that spells the shift itself (as Linux does) already defines it.
      defines.push({ doc: '', name: shift, value: String(flag.bit) });
      local.add(shift);
    }
    shiftOf.set(flag.name, local.has(shift) ? shift : String(flag.bit));
  }
  // Format 2 value layouts: function-like macros that take a value apart and put it together.
  for (const flag of set.flags) {
    if (!flag.getter) continue;
    const masked = `((v) & ${flag.name})`;
    defines.push({
      doc: docComment(`Bits ${flag.bit + flag.width - 1}:${flag.bit} of a ${set.name} value (${flag.name}).`),
      name: `${flag.getter}(v)`,
      value: flag.bit === 0 ? masked : `(${masked} >> ${shiftOf.get(flag.name)})`,
    });
  }
  if (set.make) {
    const byName = new Map(set.flags.map((f) => [f.name, f]));
    const parts = set.make.fields.map((field, i) => {
      const param = `(${set.make!.params[i]})`;
      return byName.get(field)!.bit === 0 ? `(${param} & ${field})` : `((${param} << ${shiftOf.get(field)}) & ${field})`;
    });
    defines.push({
      doc: docComment(set.make.doc || `A ${set.name} value from its fields.`),
      name: `${set.make.name}(${set.make.params.join(', ')})`,
      value: `(${parts.join(' | ')})`,
    });
  }
  return group(`flags ${set.name} (${set.storage.name})`, set.doc, defines);
}

function bitfieldGroup(struct: Struct, names: NameRegistry): GroupView | null {
  const defines: DefineView[] = [];
  for (const { field } of leafFields(struct)) {
    const storage = fieldStorage(field.type);
    for (const bf of field.bitfields) {
      const prefix = bitfieldMacroPrefix(struct.name, field.name, bf.name);
      const owner = `bit-field ${struct.name}.${field.name}.${bf.name}`;
      const enumNote = bf.enum ? `Holds a value of ${bf.enum}.` : '';
      const doc = [bf.doc, enumNote].filter((s) => s !== '').join('\n');
      if (names.claim(`${prefix}_SHIFT`, owner)) defines.push({ doc: docComment(doc), name: `${prefix}_SHIFT`, value: String(bf.bit) });
      if (names.claim(`${prefix}_MASK`, owner)) defines.push({ doc: '', name: `${prefix}_MASK`, value: cInteger(bf.mask, { type: storage, hex: true }) });
    }
  }
  return defines.length === 0 ? null : group(`bit fields of ${struct.kind} ${struct.name} (masks within the field's value)`, '', defines);
}

function fieldStorage(type: TypeRef): PrimitiveName | undefined {
  if (type.kind === 'primitive') return type.name;
  if (type.kind === 'enum' || type.kind === 'flags') return type.storage.name;
  return undefined;
}

function fieldDoc(field: Field, indent = '\t'): string {
  const notes: string[] = [];
  if (field.reserved) notes.push('Reserved: write zero, ignore on read.');
  if (field.type.kind === 'enum' || field.type.kind === 'flags') notes.push(`Values: ${field.type.name}.`);
  if (field.type.kind === 'inline' && field.type.doc !== '') notes.push(field.type.doc);
  if (field.afterCounted) notes.push(`On the wire it follows all of ${field.afterCounted} (offset for its declared length).`);
  return docComment([field.doc, ...notes].filter((s) => s !== '').join('\n'), indent);
}

function isFlexibleArray(type: TypeRef): boolean {
  return type.kind === 'array' && type.length === null;
}

/** A member's name in C: as written; a C++ keyword (`class`) is selected per language (docs/format.md). */
function memberName(name: string): string {
  return CPP_KEYWORDS.has(name) ? `HVSPEC_CXX_NAME(${name}, ${name}_)` : name;
}

/**
 * A counted array's declaration as Linux writes it: the count as a comment inside the brackets,
 * `[1/* + indirection_table_mask *\/]` when the declared length is the count's constant term.
 */
function countedDeclaration(field: Field, name: string): string {
  const declaration = cDeclaration(field.type, name);
  const count = field.count!;
  const length = field.type.kind === 'array' ? field.type.length : null;
  const comment = length !== null && count.scale === 1 && count.add === length ? `+ ${count.field}` : count.text;
  const at = declaration.indexOf('[');
  const close = declaration.indexOf(']', at);
  return `${declaration.slice(0, close)}/* ${comment} */${declaration.slice(close)}`;
}

/** The lines of one member at `depth` tabs: an inline member prints its own members inside braces. */
function memberText(field: Field, depth: number): string {
  const indent = '\t'.repeat(depth);
  const doc = fieldDoc(field, indent);
  const lines = doc === '' ? [] : [doc];
  if (field.type.kind === 'inline') {
    lines.push(`${indent}${field.anonymous ? 'HVSPEC_ANONYMOUS ' : ''}${field.type.aggregate} {`);
    for (const inner of field.type.fields) lines.push(memberText(inner, depth + 1));
    lines.push(`${indent}}${field.anonymous ? '' : ` ${field.name}`};`);
    return lines.join('\n');
  }
  const declare = (name: string): string => (field.count ? countedDeclaration(field, name) : cDeclaration(field.type, name));
  if (CPP_KEYWORDS.has(field.name)) {
    // Linux's name in C; C++ cannot declare it, so it gets a trailing underscore there.
    lines.push('#if defined(__cplusplus)', `${indent}${declare(`${field.name}_`)};`, '#else', `${indent}${declare(field.name)};`, '#endif');
  } else {
    lines.push(`${indent}${declare(field.name)};`);
  }
  return lines.join('\n');
}

function structView(struct: Struct, names: NameRegistry): StructView {
  const type = `${struct.kind} ${struct.name}`;
  const naturalAlign = struct.packed ? 1 : Math.max(1, ...struct.fields.map((f) => f.align));
  const attributes = [struct.packed ? 'HVSPEC_PACKED' : '', struct.align > naturalAlign ? `HVSPEC_ALIGNED(${struct.align})` : '']
    .filter((a) => a !== '').map((a) => ` ${a}`).join('');
  const asserts: AssertView[] = [{ condition: `sizeof(${type}) == ${struct.size}`, message: `size of ${type}` }];
  // Every member with a name, through inline members: `csum_start` (anonymous), `csum.start`.
  for (const { field, path } of walkFields(struct.fields)) {
    if (field.anonymous) continue;
    const member = path.split('.').map(memberName).join('.');
    asserts.push({ condition: `offsetof(${type}, ${member}) == ${field.offset}`, message: `offset of ${struct.name}.${path}` });
    if (!isFlexibleArray(field.type)) {
      asserts.push({ condition: `sizeof(((${type} *)0)->${member}) == ${field.size}`, message: `size of ${struct.name}.${path}` });
    }
  }
  return {
    doc: docComment(struct.doc),
    keyword: struct.kind,
    name: struct.name,
    flexible: struct.flexible,
    attributes,
    fields: struct.fields.map((field) => ({ text: memberText(field, 1) })),
    asserts,
    alignAssert: { type, align: struct.align },
    bitfields: bitfieldGroup(struct, names),
  };
}

/** Structs of the spec in source order, each after the structs of this spec it contains by value. */
function structsInDefinitionOrder(spec: Spec): Struct[] {
  const local = new Map(spec.structs.map((s) => [s.name, s]));
  const done = new Set<string>();
  const ordered: Struct[] = [];
  const visit = (struct: Struct): void => {
    if (done.has(struct.name)) return;
    done.add(struct.name);
    for (const { field } of walkFields(struct.fields)) {
      let t: TypeRef = field.type;
      while (t.kind === 'array') t = t.element;
      if ((t.kind === 'struct' || t.kind === 'union') && t.spec === spec.id) {
        const inner = local.get(t.name);
        if (inner) visit(inner);
      }
    }
    ordered.push(struct);
  };
  for (const struct of inSourceOrder(spec, ['struct', 'union'], spec.structs)) visit(struct);
  return ordered;
}

function protocolComments(spec: Spec): { comment: string }[] {
  return inSourceOrder(spec, ['protocol'], spec.protocols).map((p) => {
    const lines = [
      `Protocol ${p.name}: every message starts with struct ${p.header}; its field`,
      `\`${p.discriminator}\` holds a value of ${p.messageTypes}.`,
      ...commentLines(p.doc),
      '',
      ...p.messages.map((m) => {
        const parts = [`${m.name} (${cInteger(m.value)}), ${m.direction}`];
        parts.push(m.payload ? `payload struct ${m.payload}` : 'no payload');
        if (m.reply) parts.push(`reply ${m.reply}`);
        return `- ${parts.join('; ')}`;
      }),
    ];
    return { comment: ['/*', ...lines.map((l) => (l === '' ? ' *' : ` * ${commentLines(l).join(' ')}`)), ' */'].join('\n') };
  });
}

/** Reserves every name the model defines, so invented names can be checked against them. */
export function reserveModelNames(model: Model, names: NameRegistry): void {
  for (const spec of model.specs) {
    const owner = (what: string): string => `${what} in ${spec.id}`;
    const aliases = (item: { name: string; aliases?: string[] }, what: string): void => {
      for (const alias of item.aliases ?? []) names.reserve(alias, owner(`alias of ${what} ${item.name}`));
    };
    for (const g of spec.constants) for (const c of g.constants) { names.reserve(c.name, owner(`constant ${c.name}`)); aliases(c, 'constant'); }
    for (const e of spec.enums) for (const v of e.values) { names.reserve(v.name, owner(`enum value ${v.name}`)); aliases(v, 'enum value'); }
    for (const f of spec.flags) {
      for (const flag of f.flags) {
        names.reserve(flag.name, owner(`flag ${flag.name}`));
        aliases(flag, 'flag');
        if (flag.getter) names.reserve(flag.getter, owner(`accessor of ${flag.name}`));
      }
      if (f.make) names.reserve(f.make.name, owner(`constructor of ${f.name}`));
    }
    for (const s of spec.features) for (const f of s.features) { names.reserve(f.name, owner(`feature ${f.name}`)); aliases(f, 'feature'); }
    for (const d of spec.devices) {
      names.reserve(d.idName, owner(`device ${d.name}`));
      for (const f of d.features) { names.reserve(f.name, owner(`feature ${f.name}`)); aliases(f, 'feature'); }
    }
    for (const s of spec.structs) names.reserve(s.name, owner(`${s.kind} ${s.name}`));
    for (const h of spec.hypercalls) for (const fn of h.functions) names.reserve(fn.idName, owner(`function ${h.name}.${fn.name}`));
    for (const m of spec.registers ?? []) {
      for (const r of m.registers) {
        names.reserve(r.name, owner(`register ${m.name}.${r.name}`));
        for (const bf of r.bitfields) names.reserve(bf.name, owner(`bit field ${r.name}.${bf.name}`));
      }
    }
  }
}

/** Every integer name the spec itself defines (with aliases). */
function ownValueNames(spec: Spec): Set<string> {
  const out = new Set<string>();
  const add = (item: { name: string; aliases?: string[] }): void => { out.add(item.name); for (const a of item.aliases ?? []) out.add(a); };
  for (const g of spec.constants) g.constants.forEach(add);
  for (const e of spec.enums) e.values.forEach(add);
  for (const f of spec.flags) f.flags.forEach(add);
  for (const s of spec.features) s.features.forEach(add);
  for (const d of spec.devices) { out.add(d.idName); d.features.forEach(add); }
  for (const h of spec.hypercalls) for (const fn of h.functions) out.add(fn.idName);
  return out;
}

export function headerView(spec: Spec, names: NameRegistry): HeaderView {
  const banner = [
    `${headerFileName(spec.id)}: ${spec.title}`,
    `Standard ${spec.id} ${spec.version} (${spec.status}), from ${spec.file}.`,
    ...spec.sources.map((s) => `Source: ${s.title}${s.ref ? ` (${s.ref})` : ''}`),
  ].flatMap(commentLines);
  // Names defined before this header's enums: everything of the headers it includes, and its own constants.
  const local = new Set(spec.constants.flatMap((g) => g.constants.flatMap((c) => [c.name, ...(c.aliases ?? [])])));
  const definedBeforeEnums = { own: ownValueNames(spec), defined: new Set(local) };
  const featureItem = (f: Spec['features'][number]['features'][number]): ValueItem =>
    ({ name: f.name, doc: f.doc, value: String(f.bit), ...(f.aliases ? { aliases: f.aliases } : {}), ...(f.legacy ? { legacy: f.legacy } : {}) });
  return {
    fileName: headerFileName(spec.id),
    guard: includeGuard(spec.id),
    banner,
    includes: spec.requires.map(headerFileName),
    constants: inSourceOrder(spec, ['constants'], spec.constants).map((g) => group(`constants ${g.name}`, g.doc, valueDefines(g.constants.map((c) => ({
      name: c.name, doc: c.doc, value: constantValue(c), ...(c.aliases ? { aliases: c.aliases } : {}), ...(c.legacy ? { legacy: c.legacy } : {}),
    }))))),
    enums: inSourceOrder(spec, ['enum'], spec.enums).map((e) => enumGroup(e, definedBeforeEnums)),
    flags: inSourceOrder(spec, ['flags'], spec.flags).map((f) => flagGroup(f, names, local)),
    features: inSourceOrder(spec, ['features'], spec.features).map((s) => group(`${s.scope} feature bits ${s.name}`, s.doc, valueDefines(s.features.map(featureItem)))),
    devices: inSourceOrder(spec, ['device'], spec.devices).map((d) => {
      const queues = d.virtqueues.map((q) => `${q.index} ${q.name}`).join(', ');
      const parts = (types: TypeRef[]): string => (types.length === 0 ? 'nothing' : types.map((t) => cDeclaration(t, '').trimEnd().replace(/ \[/, '[')).join(', '));
      const requests = d.requests.map((r) => `- ${r.name} on ${r.queue}: device-readable ${parts(r.request)}; device-writable ${parts(r.response)}.`);
      const doc = [d.doc, queues ? `Virtqueues: ${queues}.` : '', d.config ? `Configuration space: struct ${d.config}.` : '', d.status ? `Request status: ${d.status}.` : '',
        ...(requests.length > 0 ? ['Requests (buffers in order):', ...requests] : [])]
        .filter((s) => s !== '').join('\n');
      return group(`device ${d.name}: ID and feature bits`, doc, [
        { doc: '', name: d.idName, value: String(d.id) },
        ...valueDefines(d.features.map(featureItem)),
      ]);
    }),
    registers: inSourceOrder(spec, ['registers'], spec.registers ?? []).map((m) => registerMapView(m, names)),
    structs: structsInDefinitionOrder(spec).map((s) => structView(s, names)),
    protocols: protocolComments(spec),
    hypercalls: inSourceOrder(spec, ['hypercalls'], spec.hypercalls).map((h) => hypercallView(h, names)),
  };
}
