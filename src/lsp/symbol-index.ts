/**
 * Every name the corpus defines and every place one is written, read off the model as built (its
 * SourceIndex knows where each item's name is) and the documents' YAML positions and `[[…]]`
 * references. Hover, definition, references, rename, symbols and completion all answer from it.
 *
 * Keys: `c:NAME` for the one C namespace (structs, unions, enums and their values, flag sets and
 * flags, constants, features, device and function ID constants), `field:STRUCT.FIELD`, `spec:ID`,
 * `req:ID`, `device:NAME`, `iface:NAME`, `fn:IFACE.NAME`, `protocol:NAME`, `queue:DEVICE.NAME`,
 * `group:NAME` (constant groups and feature sets).
 */
import { walkFields } from '../model/fields.ts';
import type { Range } from '../diagnostics/types.ts';
import { CROSS_REFERENCE, referenceName } from '../parse/reference-syntax.ts';
import type { Place, SourceIndex } from '../model/source-index.ts';
import type {
  Constant, ConstantGroup, Device, Enum, EnumValue, Feature, FeatureSet, Field, Flag, FlagSet, HypercallFunction,
  HypercallInterface, Model, Protocol, Requirement, Spec, Struct, Virtqueue,
} from '../model/types.ts';
import type { ValidDocument } from '../validate/valid-document.ts';

export type SymbolKindName =
  | 'struct' | 'union' | 'field' | 'enum' | 'enum value' | 'flag set' | 'flag' | 'constant' | 'constant group' | 'feature'
  | 'feature set' | 'device' | 'device ID' | 'virtqueue' | 'hypercall interface' | 'function' | 'function ID' | 'protocol'
  | 'requirement' | 'spec';

/** The model objects behind a symbol, by kind. */
export type SymbolItem =
  | { kind: 'struct' | 'union'; struct: Struct }
  | { kind: 'field'; struct: Struct; field: Field }
  | { kind: 'enum'; enum: Enum }
  | { kind: 'enum value'; enum: Enum; value: EnumValue }
  | { kind: 'flag set'; flags: FlagSet }
  | { kind: 'flag'; flags: FlagSet; flag: Flag }
  | { kind: 'constant'; group: ConstantGroup; constant: Constant }
  | { kind: 'constant group'; group: ConstantGroup }
  | { kind: 'feature'; feature: Feature; owner: Device | FeatureSet }
  | { kind: 'feature set'; set: FeatureSet }
  | { kind: 'device' | 'device ID'; device: Device }
  | { kind: 'virtqueue'; device: Device; queue: Virtqueue }
  | { kind: 'hypercall interface'; iface: HypercallInterface }
  | { kind: 'function' | 'function ID'; iface: HypercallInterface; fn: HypercallFunction }
  | { kind: 'protocol'; protocol: Protocol }
  | { kind: 'requirement'; requirement: Requirement }
  | { kind: 'spec'; spec: Spec };

export interface SymbolEntry {
  key: string;
  /** The name as written, e.g. `virtio_i2c_out_hdr`, `addr`, `virtio-i2c`. */
  name: string;
  /** Dotted name for display and workspace symbols: `virtio_i2c_out_hdr.addr`. */
  qualified: string;
  spec: Spec;
  /** Where its name is written (its definition). */
  place?: Place;
  item: SymbolItem;
}

export interface Occurrence {
  file: string;
  range: Range;
  key: string;
  definition: boolean;
}

export class CorpusIndex {
  readonly symbols = new Map<string, SymbolEntry>();
  private readonly byFile = new Map<string, Occurrence[]>();
  private readonly byKey = new Map<string, Occurrence[]>();

  add(occurrence: Occurrence): void {
    push(this.byFile, occurrence.file, occurrence);
    push(this.byKey, occurrence.key, occurrence);
  }

  /** The occurrence under a 1-based position, the narrowest if several overlap. */
  at(file: string, line: number, column: number): Occurrence | undefined {
    let best: Occurrence | undefined;
    for (const o of this.byFile.get(file) ?? []) {
      const r = o.range;
      if (r.start.line !== line || column < r.start.column || column > r.end.column) continue;
      if (!best || r.end.column - r.start.column < best.range.end.column - best.range.start.column) best = o;
    }
    return best;
  }

  occurrences(key: string): Occurrence[] {
    return this.byKey.get(key) ?? [];
  }

  inFile(file: string): Occurrence[] {
    return this.byFile.get(file) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

/** Keys whose value names something defined elsewhere (a type, a constant, an enum, …). */
const NAME_REFERENCE_KEYS = new Set(['type', 'config', 'status', 'errors', 'memory', 'header', 'types', 'payload', 'reply', 'enum', 'request', 'response']);
const IDENTIFIER_TOKEN = /[A-Za-z_][A-Za-z0-9_]*/g;

export function indexCorpus(model: Model, sources: SourceIndex, documents: ValidDocument[]): CorpusIndex {
  const index = new CorpusIndex();
  /** Exact place of `sub` below an item; undefined when the key is not written (SourceIndex would fall back). */
  const exactly = (item: object, sub: string): Place | undefined => {
    const own = sources.at(item, sub);
    const whole = sources.at(item, '');
    if (!own || (whole && sameRange(own.range, whole.range))) return undefined;
    return own;
  };
  const define = (key: string, name: string, qualified: string, spec: Spec, item: SymbolItem, place: Place | undefined): void => {
    if (index.symbols.has(key)) return; // a duplicate definition: the checker reports it; the first one wins, as in the model
    index.symbols.set(key, { key, name, qualified, spec, item, ...(place ? { place } : {}) });
    if (place) index.add({ file: place.file, range: place.range, key, definition: true });
  };

  const documentByFile = new Map(documents.map((d) => [d.parsed.file, d]));
  for (const spec of model.specs) {
    const doc = documentByFile.get(spec.file);
    const specRange = doc?.parsed.frontMatter?.positions.get('spec')?.value;
    define(`spec:${spec.id}`, spec.id, spec.id, spec, { kind: 'spec', spec }, specRange ? { file: spec.file, range: specRange } : undefined);
    for (const group of spec.constants) {
      define(`group:${group.name}`, group.name, group.name, spec, { kind: 'constant group', group }, exactly(group, 'name'));
      for (const constant of group.constants) define(`c:${constant.name}`, constant.name, constant.name, spec, { kind: 'constant', group, constant }, exactly(constant, 'name'));
    }
    for (const e of spec.enums) {
      define(`c:${e.name}`, e.name, e.name, spec, { kind: 'enum', enum: e }, exactly(e, 'name'));
      for (const value of e.values) define(`c:${value.name}`, value.name, value.name, spec, { kind: 'enum value', enum: e, value }, exactly(value, 'name'));
    }
    for (const set of spec.flags) {
      define(`c:${set.name}`, set.name, set.name, spec, { kind: 'flag set', flags: set }, exactly(set, 'name'));
      for (const flag of set.flags) define(`c:${flag.name}`, flag.name, flag.name, spec, { kind: 'flag', flags: set, flag }, exactly(flag, 'name'));
    }
    for (const struct of spec.structs) {
      define(`c:${struct.name}`, struct.name, struct.name, spec, { kind: struct.kind, struct }, exactly(struct, 'name'));
      // Through inline members, by C path (`csum.start`); an anonymous member has no name to find.
      for (const { field, path } of walkFields(struct.fields)) {
        if (field.anonymous) continue;
        define(`field:${struct.name}.${path}`, field.name, `${struct.name}.${path}`, spec, { kind: 'field', struct, field }, exactly(field, 'name'));
      }
    }
    for (const set of spec.features) {
      define(`group:${set.name}`, set.name, set.name, spec, { kind: 'feature set', set }, exactly(set, 'name'));
      for (const feature of set.features) define(`c:${feature.name}`, feature.name, feature.name, spec, { kind: 'feature', feature, owner: set }, exactly(feature, 'name'));
    }
    for (const device of spec.devices) {
      define(`device:${device.name}`, device.name, device.name, spec, { kind: 'device', device }, exactly(device, 'name'));
      define(`c:${device.idName}`, device.idName, device.idName, spec, { kind: 'device ID', device }, exactly(device, 'id_name'));
      device.virtqueues.forEach((queue, i) => {
        define(`queue:${device.name}.${queue.name}`, queue.name, `${device.name}.${queue.name}`, spec, { kind: 'virtqueue', device, queue }, exactly(device, `virtqueues/${i}/name`));
      });
      for (const feature of device.features) define(`c:${feature.name}`, feature.name, feature.name, spec, { kind: 'feature', feature, owner: device }, exactly(feature, 'name'));
    }
    for (const iface of spec.hypercalls) {
      define(`iface:${iface.name}`, iface.name, iface.name, spec, { kind: 'hypercall interface', iface }, exactly(iface, 'name'));
      for (const fn of iface.functions) {
        define(`fn:${iface.name}.${fn.name}`, fn.name, `${iface.name}.${fn.name}`, spec, { kind: 'function', iface, fn }, exactly(fn, 'name'));
        define(`c:${fn.idName}`, fn.idName, fn.idName, spec, { kind: 'function ID', iface, fn }, exactly(fn, 'id_name'));
      }
    }
    for (const protocol of spec.protocols) define(`protocol:${protocol.name}`, protocol.name, protocol.name, spec, { kind: 'protocol', protocol }, exactly(protocol, 'name'));
    for (const requirement of spec.requirements) define(`req:${requirement.id}`, requirement.id, requirement.id, spec, { kind: 'requirement', requirement }, exactly(requirement, 'id'));
  }

  for (const doc of documents) {
    const file = doc.parsed.file;
    const fm = doc.parsed.frontMatter;
    if (fm && doc.frontMatterValid) {
      const requires = (fm.data as { requires?: unknown }).requires;
      if (Array.isArray(requires)) requires.forEach((id, i) => {
        const at = fm.positions.get(`requires/${i}`)?.value;
        if (typeof id === 'string' && at && index.symbols.has(`spec:${id}`)) index.add({ file, range: unquoted(at, id), key: `spec:${id}`, definition: false });
      });
    }
    for (const blockIndex of doc.validBlocks) {
      const block = doc.parsed.blocks[blockIndex]!;
      const data = block.yaml.data as Record<string, unknown>;
      const positions = block.yaml.positions;
      // Walk the data, not every position: only values under reference keys are looked up.
      const visit = (value: unknown, segments: string[], key: string): void => {
        if (typeof value === 'string' && (key === 'doc' || key === 'text')) {
          // `[[name]]` in doc strings and requirement text count as references (rules/references.ts checks them).
          if (!value.includes('[[')) return;
          const located = positions.get(segments.join('/'))?.value;
          const width = located ? located.end.column - located.start.column : -1;
          if (!located || located.start.line !== located.end.line || (width !== value.length && width !== value.length + 2)) return;
          const column = located.start.column + (width === value.length ? 0 : 1);
          for (const m of value.matchAll(CROSS_REFERENCE)) {
            const start = column + m.index!;
            addProseReference(index, file, referenceName(m[1]!), { start: { line: located.start.line, column: start }, end: { line: located.start.line, column: start + m[0].length } });
          }
          return;
        }
        if (typeof value === 'string') {
          const interesting = NAME_REFERENCE_KEYS.has(key) || key === 'discriminator' || key === 'queue'
            || (key === 'name' && block.kind === 'protocol' && segments[0] === 'messages' && segments.length === 3)
            // An example names its struct or function, and writes enum values and flags by name.
            || (block.kind === 'example' && (((key === 'struct' || key === 'function') && segments.length === 1)
              || (['values', 'args', 'results'].includes(segments[0]!) && /^[A-Za-z_]\w*$/.test(value))));
          if (!interesting) return;
          const path = segments.join('/');
          const located = positions.get(path);
          if (!located || located.value.start.line !== located.value.end.line) return;
          const range = unquoted(located.value, value);
          if (key === 'name') addToken(index, file, range, value, 0, `c:${value}`);
          else if (key === 'discriminator') { if (block.kind === 'protocol' && typeof data.header === 'string') addToken(index, file, range, value, 0, `field:${data.header}.${value}`); }
          else if (key === 'queue') { if (block.kind === 'device' && typeof data.name === 'string') addToken(index, file, range, value, 0, `queue:${data.name}.${value}`); }
          else for (const m of value.matchAll(IDENTIFIER_TOKEN)) addToken(index, file, range, m[0], m.index!, `c:${m[0]}`);
          return;
        }
        if (Array.isArray(value)) {
          value.forEach((item, i) => { segments.push(String(i)); visit(item, segments, key); segments.pop(); });
        } else if (value !== null && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) {
            if (k === 'title') continue;
            segments.push(k); visit(v, segments, k); segments.pop();
          }
        }
      };
      visit(data, [], '');
    }
    for (const ref of doc.parsed.references) addProseReference(index, file, ref.name, ref.range);
  }
  return index;
}

/** `[[name]]` in prose: the name's parts, each pointing at what it names (`[[s.f]]` is both `s` and `s.f`). */
function addProseReference(index: CorpusIndex, file: string, name: string, whole: Range): void {
  // Without the text, a padded `[[ name ]]` is located by its brackets; unpadded is exact.
  const padded = whole.end.column - whole.start.column !== name.length + 4;
  const nameStart = whole.start.column + 2;
  const at = (offset: number, length: number): Range => padded
    ? { start: { line: whole.start.line, column: nameStart }, end: { line: whole.end.line, column: whole.end.column - 2 } }
    : { start: { line: whole.start.line, column: nameStart + offset }, end: { line: whole.start.line, column: nameStart + offset + length } };
  const add = (key: string, offset: number, length: number): boolean => {
    if (!index.symbols.has(key)) return false;
    index.add({ file, range: at(offset, length), key, definition: false });
    return true;
  };
  const prefixed = /^(spec|req|device):(.+)$/.exec(name);
  if (prefixed) { add(`${prefixed[1]}:${prefixed[2]}`, prefixed[1]!.length + 1, prefixed[2]!.length); return; }
  const dot = name.indexOf('.');
  if (dot > 0) {
    const owner = name.slice(0, dot);
    const member = name.slice(dot + 1);
    if (add(`field:${name}`, dot + 1, member.length)) { if (!padded) add(`c:${owner}`, 0, owner.length); return; }
    if (add(`fn:${name}`, dot + 1, member.length)) { if (!padded) add(`iface:${owner}`, 0, owner.length); return; }
    return;
  }
  if (add(`c:${name}`, 0, name.length)) return;
  if (add(`iface:${name}`, 0, name.length)) return;
  add(`protocol:${name}`, 0, name.length);
}

function addToken(index: CorpusIndex, file: string, range: Range, token: string, offset: number, key: string): void {
  if (!index.symbols.has(key)) return;
  const column = range.start.column + offset;
  index.add({ file, range: { start: { line: range.start.line, column }, end: { line: range.start.line, column: column + token.length } }, key, definition: false });
}

/** The range of a scalar's text without its quotes (a quoted scalar's range includes them). */
function unquoted(range: Range, value: string): Range {
  const width = range.end.column - range.start.column;
  if (range.start.line === range.end.line && width === value.length + 2) {
    return { start: { line: range.start.line, column: range.start.column + 1 }, end: { line: range.end.line, column: range.end.column - 1 } };
  }
  return { start: range.start, end: { line: range.start.line, column: range.start.column + value.length } };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}
