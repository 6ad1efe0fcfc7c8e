/**
 * The generated part of a spec page: one renderer per item kind, printing the model's tables,
 * computed layouts, IDs and registers. Every user string goes through `renderDoc` (Markdown,
 * sanitized) or is escaped as text by `el`.
 */
import { inlineTypeText, walkFields } from '../../src/model/fields.ts';
import type {
  ConstantGroup,
  Device,
  Enum,
  FeatureSet,
  FlagSet,
  HypercallFunction,
  HypercallInterface,
  Protocol,
  Requirement,
  Spec,
  Struct,
  TypeRef,
} from '../../src/model/types.ts';
import { anchor } from './anchors.ts';
import { bitDiagram, structDiagram } from './diagrams.ts';
import { renderExample } from './examples.ts';
import { bitRange, bytes, decimalAndHex, el, escapeHtml, hex, raw, type Child, type Html } from './helpers.ts';
import { recordReference, renderDoc, type LinkContext } from './markdown.ts';
import { renderRegisters } from './registers.ts';
import { hrefOf } from './xref.ts';

export interface ItemContext extends LinkContext {
  spec: string;
  /** Heading level (2–6) for an item's own heading. */
  level: number;
}

/** A link to a definition by symbol name, or the bare name in code when it cannot be linked. */
export function refLink(name: string, context: LinkContext, key = name): Html {
  const target = context.symbols.get(key);
  const href = target ? hrefOf(target, context.spec, context.samePageOnly) : null;
  if (href) recordReference(context, key);
  return href ? el('a', { href, class: 'xref' }, el('code', {}, name)) : el('code', {}, name);
}

/** A field or argument type: primitive names as they are, named types linked, arrays with their length, in one code span. */
export function typeLink(type: TypeRef, context: LinkContext): Html {
  return el('code', { class: 'type' }, typeParts(type, context));
}

/** The parts of a type inside its one `<code>`: named types and length constants are links. */
function typeParts(type: TypeRef, context: LinkContext): Html {
  switch (type.kind) {
    case 'primitive':
      return raw(escapeHtml(type.name));
    case 'struct':
    case 'union':
    case 'enum':
    case 'flags':
      return nameLink(type.name, context);
    case 'array': {
      const length = type.length === null ? '' : type.lengthConstant ? nameLink(type.lengthConstant, context).html : String(type.length);
      return raw(`${typeParts(type.element, context).html}[${length}]`);
    }
    case 'inline':
      return raw(escapeHtml(inlineTypeText(type)));
  }
}

/** A link to a definition without its own code span (it sits inside one), or the escaped name. */
function nameLink(name: string, context: LinkContext): Html {
  const target = context.symbols.get(name);
  const href = target ? hrefOf(target, context.spec, context.samePageOnly) : null;
  if (href) recordReference(context, name);
  return href ? el('a', { href, class: 'xref' }, name) : raw(escapeHtml(name));
}

/**
 * A doc string, in a container that marks it as author text (the autolink test reads these):
 * a span for one inline paragraph, a div when it keeps its blocks.
 */
function doc(markdown: string, context: LinkContext): Html {
  const html = renderDoc(markdown, context);
  if (html === '') return raw('');
  return raw(/^<(p|div|ol|ul|pre|blockquote|table)\b/.test(html) ? `<div class="text">${html}</div>` : `<span class="text">${html}</span>`);
}

/**
 * Where the "Referenced by" panel of a definition goes: a marker the site replaces once every
 * page is rendered (a reference may come later on the page or from another standard). The PDF
 * book leaves the comment as it is.
 */
export function referencesMarker(key: string): Html {
  return raw(`<!--hvspec-refs:${key.replace(/[^A-Za-z0-9_.:-]/g, '')}-->`);
}

/** A permalink pilcrow after a heading or in a table's name cell. */
export function permalink(id: string, label: string): Html {
  return el('a', { class: 'permalink', href: `#${id}`, 'aria-label': `Permalink to ${label}` }, '¶');
}

export function heading(level: number, id: string, kindLabel: string, name: string, key = name): Html {
  const tag = `h${Math.min(Math.max(level, 2), 6)}`;
  return raw(el(tag, { id, class: 'item-heading' }, el('span', { class: 'kind' }, kindLabel), ' ', el('code', {}, name), ' ', permalink(id, `${kindLabel} ${name}`)).html + referencesMarker(key).html);
}

/**
 * Break opportunities after `_` and `.` in the text of code spans (not in tags or attributes):
 * a column of long C names can then narrow to a phone's width without breaking inside words.
 */
export function breakableCode(html: string): string {
  return html.replace(/(<code\b[^>]*>)([\s\S]*?)(<\/code>)/g, (_all, open: string, inner: string, close: string) =>
    open + inner.split(/(<[^>]*>)/).map((part) => (part.startsWith('<') ? part : part.replace(/([_.])(?=[^_.\s])/g, '$1<wbr>'))).join('') + close,
  );
}

export function table(caption: string, headers: string[], rows: Child[][], cls = ''): Html {
  return raw(breakableCode(tableHtml(caption, headers, rows, cls).html));
}

function tableHtml(caption: string, headers: string[], rows: Child[][], cls: string): Html {
  return el('div', { class: 'table-wrap' }, el(
    'table',
    { class: `generated ${cls}`.trim() },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
    // data-label: the column's name, shown beside each cell when a phone stacks the rows (site.css).
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell, i) => el('td', { 'data-label': headers[i] }, cell))))),
  ));
}

/** A row whose first cell carries the definition's anchor. */
function anchoredRow(id: string, name: string, rest: Child[], key = name): Child[] {
  const last = rest.length - 1;
  return [raw(`<span class="def" id="${id}">${el('code', {}, name).html}</span>${permalink(id, name).html}`), ...rest.slice(0, last), [rest[last]!, referencesMarker(key)]];
}

export function facts(entries: [string, Child][]): Html {
  return el('dl', { class: 'facts' }, entries.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

function figure(svg: Html, caption: string): Html {
  return el('figure', { class: 'diagram-figure' }, svg, el('figcaption', {}, caption));
}

export function renderStruct(struct: Struct, context: ItemContext): Html {
  const id = anchor.type(struct.name);
  const rows: Child[][] = [];
  // Through inline members: each row is named by its C path (`csum_start`, `csum.start`), and an
  // inline member gets a row of its own that says which kind of view it is.
  for (const { field, path, parents } of walkFields(struct.fields)) {
    const depth = parents.length;
    const description: Child[] = [];
    if (field.reserved) description.push(el('span', { class: 'tag' }, 'reserved'), ' ');
    description.push(doc(field.doc, context));
    if (field.type.kind === 'inline' && field.type.doc !== '') description.push(' ', doc(field.type.doc, context));
    if (field.count) description.push(' ', el('span', { class: 'count' }, 'Element count: ', el('code', {}, field.count.text), '.'));
    if (field.afterCounted) description.push(' ', el('span', { class: 'moves' }, `On the wire it follows all of ${field.afterCounted}; the offset is for its declared length.`));
    if (field.anonymous && field.type.kind === 'inline') {
      const what = `anonymous ${field.type.aggregate}`;
      rows.push([raw(`<span class="sub depth-${depth}">(${what})</span>`), String(field.offset), String(field.size), typeLink(field.type, context), [`Its fields are fields of ${struct.name}. `, ...description]]);
      continue;
    }
    const fieldId = anchor.field(struct.name, path);
    const flexible = field.type.kind === 'array' && field.type.length === null;
    const row = anchoredRow(fieldId, path, [String(field.offset), flexible ? 'flexible' : String(field.size), typeLink(field.type, context), description], `${struct.name}.${path}`);
    if (depth > 0) row[0] = raw(`<span class="depth-${depth}">${(row[0] as Html).html}</span>`);
    rows.push(row);
    for (const bits of field.bitfields) {
      const bitsId = anchor.bitfield(struct.name, path, bits.name);
      rows.push([
        raw(`<span class="def sub" id="${bitsId}">${el('code', {}, `${path}.${bits.name}`).html}</span>${permalink(bitsId, bits.name).html}`),
        `bits ${bitRange(bits.bit, bits.width)}`,
        `${bits.width} bit${bits.width === 1 ? '' : 's'}`,
        bits.enum ? refLink(bits.enum, context) : el('code', {}, hex(bits.mask)),
        doc(bits.doc, context),
      ]);
    }
  }
  const summary: [string, Child][] = [
    ['Size', `${bytes(struct.size)}${struct.flexible ? ' plus the flexible array' : ''}`],
    ['Alignment', bytes(struct.align)],
  ];
  if (struct.packed) summary.push(['Packed', 'yes (no padding)']);
  // The byte diagram shows the top-level members; an anonymous one is labelled by its kind.
  const drawn = { ...struct, fields: struct.fields.map((f) => (f.anonymous && f.type.kind === 'inline' ? { ...f, name: `(${f.type.aggregate})` } : f)) };
  const diagrams: Html[] = [figure(structDiagram(drawn, `fig-${id}`), `Byte layout of ${struct.name}`)];
  for (const field of struct.fields) {
    if (field.bitfields.length === 0) continue;
    const bits = field.size * 8;
    diagrams.push(
      figure(
        bitDiagram(`${struct.name}.${field.name}`, bits, field.bitfields, `fig-${anchor.field(struct.name, field.name)}`),
        `Bits of ${struct.name}.${field.name}`,
      ),
    );
  }
  return el(
    'section',
    { class: `item ${struct.kind}`, 'aria-labelledby': id },
    heading(context.level, id, struct.kind, struct.name),
    doc(struct.doc, context).html ? el('div', { class: 'doc' }, doc(struct.doc, context)) : null,
    facts(summary),
    table(`Fields of ${struct.kind} ${struct.name}`, ['Field', 'Offset', 'Size', 'Type', 'Description'], rows, 'fields'),
    diagrams,
  );
}

export function renderEnum(item: Enum, context: ItemContext): Html {
  const id = anchor.type(item.name);
  const rows = item.values.map((value) => anchoredRow(anchor.constant(value.name), value.name, [decimalAndHex(value.value), [doc(value.doc, context), ...valueNotes(value)]]));
  return el(
    'section',
    { class: 'item enum', 'aria-labelledby': id },
    heading(context.level, id, 'enum', item.name),
    el('div', { class: 'doc' }, doc(item.doc, context)),
    facts([['Stored as', el('code', {}, item.storage.name)]]),
    table(`Values of enum ${item.name}`, ['Name', 'Value', 'Description'], rows, 'values'),
  );
}

export function renderFlags(item: FlagSet, context: ItemContext): Html {
  const id = anchor.type(item.name);
  const rows = item.flags.map((flag) =>
    anchoredRow(anchor.constant(flag.name), flag.name, [bitRange(flag.bit, flag.width), el('code', {}, hex(flag.mask)), [doc(flag.doc, context), ...valueNotes(flag), ...(flag.getter ? [el('p', { class: 'note' }, 'Read with ', el('code', {}, `${flag.getter}(v)`), '.')] : [])]]),
  );
  return el(
    'section',
    { class: 'item flags', 'aria-labelledby': id },
    heading(context.level, id, 'flags', item.name),
    el('div', { class: 'doc' }, doc(item.doc, context)),
    facts([['Stored as', el('code', {}, item.storage.name)]]),
    table(`Flags of ${item.name}`, ['Name', 'Bits', 'Mask', 'Description'], rows, 'flags'),
    figure(bitDiagram(item.name, item.storage.size * 8, item.flags, `fig-${id}`), `Bits of ${item.name}`),
  );
}

/** Format 2 facts under an item's description: its expression, aliases and legacy guard. */
function valueNotes(item: { name: string; expression?: string; aliases?: string[]; legacy?: string }): Child[] {
  const notes: Child[] = [];
  if (item.expression) notes.push(el('p', { class: 'note' }, 'Defined as ', el('code', {}, item.expression), '.'));
  for (const alias of item.aliases ?? []) notes.push(el('p', { class: 'note' }, el('code', {}, alias), ' is an alias of ', el('code', {}, item.name), '.'));
  if (item.legacy) notes.push(el('p', { class: 'note' }, 'Legacy: hidden when ', el('code', {}, item.legacy), ' is defined.'));
  return notes;
}

export function renderConstants(group: ConstantGroup, context: ItemContext): Html {
  const id = anchor.constantGroup(group.name);
  const rows = group.constants.map((c) =>
    anchoredRow(anchor.constant(c.name), c.name, [decimalAndHex(c.value), c.type ? el('code', {}, c.type) : '', [doc(c.doc, context), ...valueNotes(c)]]),
  );
  return el(
    'section',
    { class: 'item constants', 'aria-labelledby': id },
    heading(context.level, id, 'constants', group.name),
    el('div', { class: 'doc' }, doc(group.doc, context)),
    table(`Constants ${group.name}`, ['Name', 'Value', 'Type', 'Description'], rows, 'constants'),
  );
}

function featureTable(caption: string, features: { bit: number; name: string; doc: string; aliases?: string[]; legacy?: string }[], context: ItemContext): Html {
  const rows = features.map((f) => anchoredRow(anchor.constant(f.name), f.name, [String(f.bit), [doc(f.doc, context), ...valueNotes(f)]]));
  return table(caption, ['Name', 'Bit', 'Description'], rows, 'features');
}

export function renderFeatureSet(set: FeatureSet, context: ItemContext): Html {
  const id = anchor.featureSet(set.name);
  return el(
    'section',
    { class: 'item features', 'aria-labelledby': id },
    heading(context.level, id, `${set.scope} features`, set.name),
    el('div', { class: 'doc' }, doc(set.doc, context)),
    featureTable(`Feature bits of ${set.name}`, set.features, context),
  );
}

export function renderDevice(device: Device, context: ItemContext): Html {
  const id = anchor.device(device.name);
  const summary: [string, Child][] = [['Device ID', [el('code', {}, device.idName), ` = ${device.id}`]]];
  if (device.config) summary.push(['Configuration space', refLink(device.config, context)]);
  if (device.status) summary.push(['Status codes', refLink(device.status, context)]);
  const parts = (types: TypeRef[]) => types.map((t, i) => [i > 0 ? ', ' : '', typeLink(t, context)]);
  return el(
    'section',
    { class: 'item device', 'aria-labelledby': id },
    heading(context.level, id, 'device', device.name, `device:${device.name}`),
    el('div', { class: 'doc' }, doc(device.doc, context)),
    facts(summary),
    device.virtqueues.length
      ? table(`Virtqueues of ${device.name}`, ['Index', 'Name', 'Description'], device.virtqueues.map((q) => [String(q.index), el('code', {}, q.name), doc(q.doc, context)]), 'virtqueues')
      : null,
    device.features.length ? featureTable(`Feature bits of ${device.name}`, device.features, context) : null,
    device.requests.length
      ? table(
          `Requests of ${device.name}`,
          ['Request', 'Queue', 'Device-readable', 'Device-writable', 'Description'],
          device.requests.map((r) => [el('code', {}, r.name), el('code', {}, r.queue), parts(r.request), parts(r.response), doc(r.doc, context)]),
          'requests',
        )
      : null,
  );
}

const ARCH_LABEL: Record<string, string> = { aarch64: 'AArch64', x86_64: 'x86-64' };

/** How the ID is put together, from the model's fields (SMCCC: DEN0028 §2.5 function identifiers). */
export function encodingBreakdown(fn: HypercallFunction, iface: HypercallInterface): string {
  if (iface.convention !== 'smccc') return `hypercall number ${fn.number}`;
  const parts = [
    `bit 31 = ${fn.fast === false ? '0 (yielding)' : '1 (fast)'}`,
    `bit 30 = ${fn.width === 64 ? '1 (SMC64/HVC64)' : '0 (SMC32/HVC32)'}`,
    `bits 29:24 = ${iface.entity ?? 0} (owning entity)`,
    `bits 15:0 = ${hex(fn.number, 4)} (function number)`,
  ];
  return parts.join(', ');
}

/** The same in a few words, for the functions table: `fast · SMC64 · entity 4 · number 0x0003`. */
export function encodingSummary(fn: HypercallFunction, iface: HypercallInterface): string {
  if (iface.convention !== 'smccc') return `number ${fn.number}`;
  return [fn.fast === false ? 'yielding' : 'fast', fn.width === 64 ? 'SMC64' : 'SMC32', `entity ${iface.entity ?? 0}`, `number ${hex(fn.number, 4)}`].join(' \u00b7 ');
}

export function renderHypercalls(iface: HypercallInterface, context: ItemContext): Html {
  const id = anchor.hypercalls(iface.name);
  const summary: [string, Child][] = [
    ['Convention', iface.convention === 'smccc' ? 'Arm SMC Calling Convention' : iface.convention === 'xen' ? 'Xen hypercall ABI' : 'KVM hypercall ABI'],
    ['Conduits', iface.conduits.map((c, i) => [i > 0 ? ', ' : '', el('code', {}, c)])],
  ];
  if (iface.entity !== undefined) summary.push(['Owning entity', String(iface.entity)]);
  if (iface.errors) summary.push(['Error codes', refLink(iface.errors, context)]);
  const abiRows = iface.abis.map((abi) => [
    ARCH_LABEL[abi.arch] ?? abi.arch,
    abi.instructions.map((ins, i) => [i > 0 ? ', ' : '', el('code', {}, ins)]),
    el('code', {}, abi.idRegister),
    el('code', {}, abi.argRegisters.join(', ')),
    el('code', {}, abi.resultRegisters.join(', ')),
    el('code', {}, abi.clobbers.join(', ')),
  ]);
  const fnRows = iface.functions.map((fn) => [
    raw(`<a class="xref" href="#${anchor.function(iface.name, fn.name)}">${el('code', {}, fn.name).html}</a>`),
    el('code', {}, hex(fn.id, 8)),
    el('code', {}, fn.idName),
    // Each part unbroken, the line free to wrap between parts (the table must fit a phone).
    raw(encodingSummary(fn, iface).split(' \u00b7 ').map((part) => el('span', { class: 'nowrap' }, part).html).join(' \u00b7 ')),
  ]);
  const archs = iface.abis.map((abi) => abi.arch);
  return el(
    'section',
    { class: 'item hypercalls', 'aria-labelledby': id },
    heading(context.level, id, 'hypercalls', iface.name),
    el('div', { class: 'doc' }, doc(iface.doc, context)),
    facts(summary),
    table(`Calling convention of ${iface.name} per architecture`, ['Architecture', 'Instruction', 'ID register', 'Arguments', 'Results', 'Clobbered'], abiRows, 'abis'),
    table(`Functions of ${iface.name}`, ['Function', 'ID', 'ID constant', 'Encoding'], fnRows, 'functions'),
    iface.functions.map((fn) => renderFunction(fn, iface, archs, { ...context, level: context.level + 1 })),
  );
}

function renderFunction(fn: HypercallFunction, iface: HypercallInterface, archs: string[], outer: ItemContext): Html {
  const id = anchor.function(iface.name, fn.name);
  const context: ItemContext = { ...outer, from: outer.from ? { spec: outer.from.spec, anchor: id, label: `function ${iface.name}.${fn.name}` } : undefined };
  const registerRows = (role: string, values: HypercallFunction['args']) =>
    values.map((v) => [
      role,
      el('code', {}, v.name),
      typeLink(v.type, context),
      ...archs.map((arch) => el('code', {}, v.registers[arch as 'aarch64' | 'x86_64'] ?? '—')),
      doc(v.doc, context),
    ]);
  const rows = [...registerRows('argument', fn.args), ...registerRows('result', fn.results)];
  const summary: [string, Child][] = [
    ['Function ID', [el('code', {}, hex(fn.id, 8)), ' (', el('code', {}, fn.idName), ')']],
    ['Encoding', encodingBreakdown(fn, iface)],
  ];
  if (fn.memory) summary.push(['Arguments in memory', refLink(fn.memory, context)]);
  return el(
    'section',
    { class: 'item function', 'aria-labelledby': id },
    heading(context.level, id, 'function', `${iface.name}.${fn.name}`),
    el('div', { class: 'doc' }, doc(fn.doc, context)),
    facts(summary),
    rows.length
      ? table(`Registers of ${fn.name}`, ['Role', 'Name', 'Type', ...archs.map((a) => `${ARCH_LABEL[a] ?? a} register`), 'Description'], rows, 'registers')
      : el('p', { class: 'note' }, noRegistersNote(fn, iface, context)),
  );
}

/**
 * What to say when the model lists no register arguments or results. A doc that defers to
 * another function ("Arguments as FFA_MEM_SHARE_32.") must not be contradicted by a flat "none":
 * the note then points at that function's registers instead.
 */
function noRegistersNote(fn: HypercallFunction, iface: HypercallInterface, context: ItemContext): Child[] {
  const words = new Set(fn.doc.split(/[^A-Za-z0-9_]+/));
  const others = iface.functions.filter((other) => other !== fn && words.has(other.name) && other.args.length + other.results.length > 0);
  if (others.length === 0) return ['The model lists no arguments or results in registers for this function besides the function ID.'];
  const links = others.map((other, i) => [i > 0 ? ', ' : '', el('a', { class: 'xref', href: `#${anchor.function(iface.name, other.name)}` }, el('code', {}, other.name))]);
  return ['Its registers are not listed separately: see the registers of ', links, ', which its description refers to.'];
}

export function renderProtocol(protocol: Protocol, context: ItemContext): Html {
  const id = anchor.protocol(protocol.name);
  // A column no message fills (the corpus names payloads in the description) is left out
  // rather than printed as a column of dashes.
  const withPayload = protocol.messages.some((m) => m.payload);
  const withReply = protocol.messages.some((m) => m.reply);
  const rows = protocol.messages.map((m) => [
    refLink(m.name, context),
    decimalAndHex(m.value),
    m.direction,
    ...(withPayload ? [m.payload ? refLink(m.payload, context) : 'none'] : []),
    ...(withReply ? [m.reply ? refLink(m.reply, context) : 'none'] : []),
    doc(m.doc, context),
  ]);
  const headers = ['Message', 'Value', 'Direction', ...(withPayload ? ['Payload'] : []), ...(withReply ? ['Reply'] : []), 'Description'];
  return el(
    'section',
    { class: 'item protocol', 'aria-labelledby': id },
    heading(context.level, id, 'protocol', protocol.name),
    el('div', { class: 'doc' }, doc(protocol.doc, context)),
    facts([
      ['Header', refLink(protocol.header, context)],
      ['Message type in', refLink(`${protocol.header}.${protocol.discriminator}`, context)],
      ['Message types', refLink(protocol.messageTypes, context)],
    ]),
    table(`Messages of ${protocol.name}`, headers, rows, 'messages'),
  );
}

/** Normative statements where the author placed them: anchored, with level and role. */
export function renderRequirements(requirements: Requirement[], context: LinkContext): Html {
  return el('ol', { class: 'requirements' }, requirements.map((r) => renderStatement(r, context, anchor.requirement(r.id))));
}

/** RFC 2119 keywords (with the synonyms the model accepts) to the level each states. */
const KEYWORDS: [RegExp, Requirement['level']][] = [
  [/^(MUST NOT|SHALL NOT)$/, 'MUST NOT'], [/^(MUST|REQUIRED|SHALL)$/, 'MUST'],
  [/^(SHOULD NOT|NOT RECOMMENDED)$/, 'SHOULD NOT'], [/^(SHOULD|RECOMMENDED)$/, 'SHOULD'], [/^(MAY|OPTIONAL)$/, 'MAY'],
];
const KEYWORD = /\b(MUST NOT|SHALL NOT|SHOULD NOT|NOT RECOMMENDED|MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED|MAY|OPTIONAL)\b/g;

/**
 * Every level a statement's text states, in the order it states them: "MUST … and MUST NOT …" has
 * both, and a badge showing only one would contradict the text. The model's level (the
 * strongest) comes first when the text names none (it cannot: HV5001).
 */
export function levelsOf(r: Requirement): Requirement['level'][] {
  const found: Requirement['level'][] = [];
  for (const match of r.text.matchAll(KEYWORD)) {
    const level = KEYWORDS.find(([pattern]) => pattern.test(match[1]!))![1];
    if (!found.includes(level)) found.push(level);
  }
  return found.length ? found : [r.level];
}

export function renderStatement(r: Requirement, context: LinkContext, id: string | null, backlink?: string): Html {
  const level = r.level.toLowerCase().replace(' ', '-');
  const badges = levelsOf(r).map((l, i) => [i > 0 ? ' ' : '', el('span', { class: `req-level level-${l.toLowerCase().replace(' ', '-')}` }, l)]);
  // An anchored statement is itself the place its mentions are recorded from.
  if (id && context.from) context = { ...context, from: { spec: context.from.spec, anchor: id, label: r.id } };
  return el(
    'li',
    { class: `requirement level-${level}`, id: id ?? undefined },
    el(
      'span',
      { class: 'req-meta' },
      badges,
      ' ',
      el('span', { class: 'req-role' }, r.role),
      ' ',
      backlink ? el('a', { class: 'req-id', href: backlink }, r.id) : el('a', { class: 'req-id', href: `#${id}` }, r.id),
    ),
    ' ',
    el('span', { class: 'req-text' }, raw(renderDoc(r.text, context))),
    id ? referencesMarker(`req:${r.id}`) : null,
  );
}

export function renderItem(spec: Spec, kind: string, name: string, context: ItemContext): Html | null {
  switch (kind) {
    case 'struct':
    case 'union': {
      const s = spec.structs.find((x) => x.name === name);
      return s ? renderStruct(s, context) : null;
    }
    case 'enum': {
      const e = spec.enums.find((x) => x.name === name);
      return e ? renderEnum(e, context) : null;
    }
    case 'flags': {
      const f = spec.flags.find((x) => x.name === name);
      return f ? renderFlags(f, context) : null;
    }
    case 'constants': {
      const c = spec.constants.find((x) => x.name === name);
      return c ? renderConstants(c, context) : null;
    }
    case 'features': {
      const f = spec.features.find((x) => x.name === name);
      return f ? renderFeatureSet(f, context) : null;
    }
    case 'device': {
      const d = spec.devices.find((x) => x.name === name);
      return d ? renderDevice(d, context) : null;
    }
    case 'hypercalls': {
      const h = spec.hypercalls.find((x) => x.name === name);
      return h ? renderHypercalls(h, context) : null;
    }
    case 'protocol': {
      const p = spec.protocols.find((x) => x.name === name);
      return p ? renderProtocol(p, context) : null;
    }
    case 'registers': {
      const m = spec.registers?.find((x) => x.name === name);
      return m ? renderRegisters(m, context) : null;
    }
    case 'example': {
      const x = spec.examples.find((e) => e.name === name);
      return x ? renderExample(x, context) : null;
    }
    default:
      return null;
  }
}
