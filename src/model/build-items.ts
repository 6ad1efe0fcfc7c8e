import type { Report } from '../diagnostics/report.ts';
import { quote } from '../diagnostics/report.ts';
import { closest } from '../names/suggest.ts';
import { upperSnakeCase } from '../names/identifiers.ts';
import type { Range } from '../diagnostics/types.ts';
import type {
  ConstantsData, DeviceData, EnumData, FeaturesData, FieldData, FlagsData, FrontMatterData, HypercallsData, NamedValueData, ProtocolData,
  RegisterData, RegisterMapData, RequirementsData, StructData,
} from '../validate/block-types.ts';
import {
  cTypeRange, evaluateExpression, fitsCType, parseExpression, plainCType, printExpression, sizedCType, type Expression, type TypedValue,
} from './expressions.ts';
import type { SpecContext } from './build.ts';
import { buildRegisterMap, type RegisterBuildContext } from './build-registers.ts';
import { callAbis, conduitAllowed, MAX_ARGS, registerView, smcccFunctionId } from './hypercall-abi.ts';
import { parseArrayCount } from './array-count.ts';
import { walkFields } from './fields.ts';
import { layoutAggregate, measure, type AggregateLayout, type Measure } from './layout.ts';
import { primitive, rangeOf } from './primitives.ts';
import { parseTypeExpression } from './type-expression.ts';
import type { Place, SourceIndex } from './source-index.ts';
import { Namespace, article, type BlockRef, type Definition } from './symbols.ts';
import type {
  BodyPart, Constant, ConstantGroup, CTypeName, Device, Enum, Feature, FeatureSet, Field, Flag, FlagSet, HypercallFunction, HypercallInterface,
  InlineType, Level, Message, Primitive, Protocol, RegisterValue, Requirement, Role, SourceRef, Struct, TypeRef,
} from './types.ts';

type Visible = (from: string, to: string) => boolean;

/** Kinds of C-level names (one namespace: a #define and a struct tag of the same name clash in C). */
type CKind = 'struct' | 'union' | 'enum' | 'flag set' | 'constant' | 'enum value' | 'flag' | 'feature' | 'device ID' | 'function ID'
  | 'register' | 'register bit field' | 'macro';
/** Kinds whose names stand for an integer, usable in a derived value's expression. */
const VALUE_KINDS: CKind[] = ['constant', 'enum value', 'flag', 'feature', 'device ID', 'function ID'];

/** How a document's constants get their C type when neither the item nor the block says (front matter `c_literals`). */
type LiteralStyle = 'sized' | 'plain';

/** A constant or enum value written as an expression, evaluated once every name is defined. */
interface PendingValue {
  made: Constant;
  expression: Expression;
  /** The expression text as written (to place diagnostics inside it). */
  text: string;
  block: BlockRef;
  /** `c_type:` of the item, if given. */
  explicit?: CTypeName;
  /** Declared storage type, range-checked after evaluation. */
  storage?: Primitive;
  /** An enumerator of a C enum: its type is int whatever the expression's. */
  cEnum?: boolean;
  state: 'pending' | 'visiting' | 'done' | 'failed';
}
const TYPE_KINDS: CKind[] = ['struct', 'union', 'enum', 'flag set'];

interface PendingStruct {
  struct: Struct;
  data: StructData;
  block: BlockRef;
  /** Fields whose type could not be resolved (laid out as 0 bytes, so one error is reported once). */
  failed: Set<Field>;
  /** The YAML each field was built from. */
  fieldData: Map<Field, FieldData>;
}

export function buildItems(contexts: SpecContext[], visible: Visible, sources: SourceIndex, report: Report): Map<string, BodyPart> {
  const body = new Map<string, BodyPart>();
  const cNames = new Namespace<object>('C identifier');
  const groups = new Namespace<object>('constant group');
  const devices = new Namespace<Device>('device');
  const interfaces = new Namespace<HypercallInterface>('hypercall interface');
  const protocols = new Namespace<Protocol>('protocol');
  const requirements = new Namespace<Requirement>('requirement', 'HV5002');
  const pendingStructs = new Map<string, PendingStruct>();
  const deferred: (() => void)[] = [];

  const place = (item: object, sub = 'name', which: 'key' | 'value' = 'value'): Place => sources.at(item, sub, which)!;
  const sourceRef = (block: BlockRef, path: string): SourceRef => {
    const p = block.yaml.positions.get(path === '' ? 'name' : `${path}/name`) ?? block.yaml.positions.get(path);
    return { file: block.file, line: p?.value.start.line ?? block.range.start.line };
  };
  const track = <T extends object>(item: T, block: BlockRef, path: string): T => {
    sources.set(item, block.file, block.yaml, path, block.range);
    return item;
  };
  const define = (ns: Namespace<object>, kind: string, name: string, item: object, block: BlockRef, path: string): void => {
    ns.define({ name, kind, spec: block.spec, block, path, data: item, place: place(item) }, report);
  };

  /** Resolve a C-level name used in `block`, expecting one of `kinds`; reports and returns undefined if impossible. */
  const resolve = (name: string, block: BlockRef, at: Place, kinds: CKind[], what: string): Definition<object> | undefined => {
    const def = cNames.get(name);
    if (!def) {
      // The search costs every name in the corpus: skip it for a diagnostic that will not be shown.
      let guess: string | undefined;
      if (report.accepts(at.file)) {
        const candidates = [...cNames.values()].filter((d) => kinds.includes(d.kind as CKind)).map((d) => d.name);
        if (kinds.includes('struct')) candidates.push('u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64', 'le16', 'le32', 'le64', 'be16', 'be32', 'be64');
        guess = closest(name, candidates);
      }
      report.add('HV3001', at.file, at.range, `Unknown ${what} ${quote(name)}.`,
        { hint: guess ? `Did you mean "${guess}"?` : `Define it, or require the spec that defines it.` });
      return undefined;
    }
    if (!kinds.includes(def.kind as CKind)) {
      report.add('HV3011', at.file, at.range, `${quote(name)} is ${article(def.kind)}, but ${article(what)} is expected here.`,
        { related: [{ file: def.place.file, range: def.place.range, message: 'defined here' }] });
      return undefined;
    }
    if (!visible(block.spec, def.spec)) {
      report.add('HV3005', at.file, at.range, `${quote(name)} is defined in spec "${def.spec}", which "${block.spec}" does not require.`,
        { hint: `Add ${def.spec} to \`requires\` in the front matter.`, related: [{ file: def.place.file, range: def.place.range, message: 'defined here' }] });
    }
    return def;
  };

  const exact = (item: object, sub: string, value: number): bigint => sources.exact(item, sub, value);
  const checkRange = (value: bigint, type: Primitive, at: Place, name: string): void => {
    const { min, max } = rangeOf(type);
    if (value < min || value > max) {
      report.add('HV4004', at.file, at.range, `Value ${value} of ${quote(name)} does not fit ${type.name} (${min} to ${max}).`,
        { hint: 'Use a wider type or a value in range.' });
    }
  };

  const registerContext: RegisterBuildContext = {
    sources, report, track, sourceRef,
    defineName: (kind, name, item, block, path, at) => cNames.define({ name, kind, spec: block.spec, block, path, data: item, place: at }, report),
    resolveEnum: (name, block, at) => resolve(name, block, at, ['enum'], 'enum')?.name,
    defer: (run) => deferred.push(run),
  };
  const pendingValues = new Map<object, PendingValue>();
  /** Names of the derived values being evaluated, outermost first (to spell out a cycle). */
  const evaluating: string[] = [];
  const afterValues: (() => void)[] = [];

  // Pass 1: create every item and define its names.
  for (const ctx of contexts) {
    const frontMatter = ctx.doc.parsed.frontMatter?.data as FrontMatterData | undefined;
    const style: LiteralStyle = frontMatter?.c_literals ?? 'sized';
    const documentGuard = frontMatter?.legacy_guard;
    for (const block of ctx.blocks) {
      const key = `${ctx.spec.id}#${block.index}`;
      const data = block.yaml.data;
      switch (block.kind) {
        case 'constants': {
          const d = data as ConstantsData;
          const group: ConstantGroup = track({ name: d.name, doc: d.doc ?? '', constants: [], source: sourceRef(block, '') }, block, '');
          define(groups, 'constant group', d.name, group, block, '');
          const type = d.type ? primitive(d.type)! : undefined;
          const settings: ValueSettings = { style, blockCType: d.c_type, guard: d.legacy_guard ?? documentGuard };
          d.items.forEach((item, i) => {
            const constant: Constant = namedValue(item, `items/${i}`, block, type, 'constant', settings);
            if (type) constant.type = type.name;
            group.constants.push(constant);
          });
          ctx.spec.constants.push(group);
          body.set(key, { part: 'item', kind: 'constants', name: d.name });
          break;
        }
        case 'enum': {
          const d = data as EnumData;
          const storage = primitive(d.type)!;
          const e: Enum = track({ name: d.name, doc: d.doc ?? '', storage, values: [], source: sourceRef(block, '') }, block, '');
          if (d.c_enum) e.cEnum = d.c_enum;
          define(cNames, 'enum', d.name, e, block, '');
          if (d.c_enum && d.c_type && d.c_type !== 'int') {
            report.add('HV4127', block.file, place(e, 'c_type').range, `${quote(d.name)} is printed as a C enum, whose values have type int, not ${d.c_type}.`,
              { hint: 'Remove `c_type:`, or remove `c_enum:` to print the values as #defines of that type.' });
          }
          const settings: ValueSettings = { style, blockCType: d.c_enum ? 'int' : d.c_type, guard: d.legacy_guard ?? documentGuard, cEnum: d.c_enum !== undefined };
          d.values.forEach((v, i) => e.values.push(namedValue(v, `values/${i}`, block, storage, 'enum value', settings)));
          // After derived values are known: two values of one enum must differ.
          afterValues.push(() => {
            const seen = new Map<string, object>();
            for (const value of e.values) {
              const twin = seen.get(value.value);
              if (twin) {
                const first = place(twin);
                report.add('HV4005', block.file, place(value, 'value').range, `${quote(value.name)} has the value ${value.value}, like ${quote((twin as { name: string }).name)}.`,
                  { hint: 'Give each value of an enum its own number.', related: [{ file: first.file, range: first.range, message: 'same value here' }] });
              } else seen.set(value.value, value);
            }
          });
          ctx.spec.enums.push(e);
          body.set(key, { part: 'item', kind: 'enum', name: d.name });
          break;
        }
        case 'flags': {
          const d = data as FlagsData;
          const storage = primitive(d.type)!;
          const set: FlagSet = track({ name: d.name, doc: d.doc ?? '', storage, flags: [], source: sourceRef(block, '') }, block, '');
          define(cNames, 'flag set', d.name, set, block, '');
          const guard = d.legacy_guard ?? documentGuard;
          d.flags.forEach((f, i) => {
            const path = `flags/${i}`;
            const width = f.width ?? 1;
            const flag: Flag = track({ name: f.name, bit: f.bit, width, mask: '0', doc: f.doc ?? '', source: sourceRef(block, path) }, block, path);
            if (checkBits(exact(flag, 'bit', f.bit), exact(flag, 'width', width), storage.size * 8, place(flag, 'bit'), f.name, report)) flag.mask = mask(f.bit, width).toString();
            flag.cType = chooseCType(BigInt(flag.mask), f.c_type ?? d.c_type, style, storage, flag, f.c_type !== undefined ? 'c_type' : 'bit', f.name) ?? 'unsigned long long';
            define(cNames, 'flag', f.name, flag, block, path);
            valueExtras(flag, f, block, guard, 'flag', path);
            if (f.get !== undefined) {
              flag.getter = f.get;
              define(cNames, 'macro', f.get, flag, block, `${path}/get`);
            }
            set.flags.push(flag);
          });
          if (d.make) buildMake(set, d, block);
          checkOverlaps(set.flags, (f) => place(f, 'bit'), (f) => sources.decimal(f, 'bit', f.bit), report);
          set.flags.sort((a, b) => a.bit - b.bit);
          ctx.spec.flags.push(set);
          body.set(key, { part: 'item', kind: 'flags', name: d.name });
          break;
        }
        case 'struct':
        case 'union': {
          const d = data as StructData;
          const struct: Struct = track({
            kind: block.kind, name: d.name, doc: d.doc ?? '', size: 0, align: 1, packed: d.packed ?? false, flexible: false,
            fields: [], source: sourceRef(block, ''),
          }, block, '');
          define(cNames, block.kind, d.name, struct, block, '');
          if (!pendingStructs.has(d.name)) pendingStructs.set(d.name, { struct, data: d, block, failed: new Set(), fieldData: new Map() });
          ctx.spec.structs.push(struct);
          body.set(key, { part: 'item', kind: block.kind, name: d.name });
          break;
        }
        case 'features': {
          const d = data as FeaturesData;
          const set: FeatureSet = track({ name: d.name, scope: d.scope, doc: d.doc ?? '', features: [], source: sourceRef(block, '') }, block, '');
          define(groups, 'feature set', d.name, set, block, '');
          const guard = d.legacy_guard ?? documentGuard;
          set.features = buildFeatures(d.features, block, 'features', track, sourceRef, (f, data, path) => {
            define(cNames, 'feature', f.name, f, block, '');
            valueExtras(f, data, block, guard, 'feature', path);
          });
          ctx.spec.features.push(set);
          body.set(key, { part: 'item', kind: 'features', name: d.name });
          break;
        }
        case 'device': {
          const d = data as DeviceData;
          const device: Device = track({
            name: d.name, id: d.id, idName: d.id_name ?? defaultDeviceIdName(d.name), doc: d.doc ?? '',
            virtqueues: d.virtqueues.map((q) => ({ index: q.index, name: q.name, doc: q.doc ?? '' })),
            features: [], config: d.config ?? null, requests: [], status: d.status ?? null, source: sourceRef(block, ''),
          }, block, '');
          devices.define({ name: d.name, kind: 'device', spec: block.spec, block, path: '', data: device, place: place(device) }, report);
          cNames.define({ name: device.idName, kind: 'device ID', spec: block.spec, block, path: '', data: device, place: place(device, d.id_name ? 'id_name' : 'name') }, report);
          const guard = d.legacy_guard ?? documentGuard;
          device.features = buildFeatures(d.features ?? [], block, 'features', track, sourceRef, (f, data, path) => {
            define(cNames, 'feature', f.name, f, block, '');
            valueExtras(f, data, block, guard, 'feature', path);
          });
          ctx.spec.devices.push(device);
          body.set(key, { part: 'item', kind: 'device', name: d.name });
          deferred.push(() => resolveDevice(device, d, block));
          break;
        }
        case 'hypercalls': {
          const d = data as HypercallsData;
          const iface: HypercallInterface = track({
            name: d.name, doc: d.doc ?? '', convention: d.convention, conduits: [...d.conduits], errors: d.errors ?? null,
            abis: callAbis(d.convention, d.conduits, d.smccc_version), functions: [], source: sourceRef(block, ''),
          }, block, '');
          if (d.entity !== undefined) iface.entity = d.entity;
          if (d.convention === 'smccc') iface.smcccVersion = d.smccc_version ?? '1.0';
          interfaces.define({ name: d.name, kind: 'hypercall interface', spec: block.spec, block, path: '', data: iface, place: place(iface) }, report);
          ctx.spec.hypercalls.push(iface);
          body.set(key, { part: 'item', kind: 'hypercalls', name: d.name });
          buildInterface(iface, d, block);
          break;
        }
        case 'protocol': {
          const d = data as ProtocolData;
          const protocol: Protocol = track({
            name: d.name, doc: d.doc ?? '', header: d.header, discriminator: d.discriminator, messageTypes: d.types, messages: [],
            source: sourceRef(block, ''),
          }, block, '');
          protocols.define({ name: d.name, kind: 'protocol', spec: block.spec, block, path: '', data: protocol, place: place(protocol) }, report);
          ctx.spec.protocols.push(protocol);
          body.set(key, { part: 'item', kind: 'protocol', name: d.name });
          deferred.push(() => resolveProtocol(protocol, d, block));
          break;
        }
        case 'registers': {
          const map = buildRegisterMap(data as RegisterMapData, block, registerContext);
          (ctx.spec.registers ??= []).push(map);
          body.set(key, { part: 'item', kind: 'registers', name: map.name });
          break;
        }
        case 'requirements': {
          const d = data as RequirementsData;
          const ids: string[] = [];
          d.items.forEach((item, i) => {
            const path = `items/${i}`;
            const requirement: Requirement = track({
              id: item.id, level: 'MAY', role: (item.role ?? d.role ?? 'device') as Role, section: d.section, text: item.text,
              source: { file: block.file, line: block.yaml.positions.get(`${path}/id`)?.value.start.line ?? block.range.start.line },
            }, block, path);
            const level = levelOf(item.text);
            if (level) requirement.level = level;
            else report.add('HV5001', block.file, place(requirement, 'text').range, `Requirement "${item.id}" has no RFC 2119 keyword.`,
              { hint: 'State the level in capitals: MUST, MUST NOT, SHOULD, SHOULD NOT or MAY.' });
            if (!item.role && !d.role) {
              report.add('HV5004', block.file, place(requirement, 'id').range, `Requirement "${item.id}" has no role.`,
                { hint: 'Add `role:` to the block or to the item (device, driver, hypervisor, guest, caller, …).' });
            }
            const def = { name: item.id, kind: 'requirement', spec: block.spec, block, path, data: requirement, place: place(requirement, 'id') };
            requirements.define(def, report);
            ctx.spec.requirements.push(requirement);
            ids.push(item.id);
          });
          body.set(key, { part: 'requirements', ids });
          break;
        }
      }
    }
  }

  // Derived values need every name defined; array lengths (pass 2) may use them.
  for (const pending of pendingValues.values()) evaluatePending(pending);
  for (const run of afterValues) run();

  // Pass 2: struct field types, then layouts in dependency order.
  for (const pending of pendingStructs.values()) resolveFields(pending);
  computeLayouts();
  for (const run of deferred) run();

  // Sort each list for a deterministic model (body keeps source order).
  for (const ctx of contexts) {
    const byName = <T extends { name: string }>(list: T[]): T[] => list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    byName(ctx.spec.constants); byName(ctx.spec.enums); byName(ctx.spec.flags); byName(ctx.spec.structs); byName(ctx.spec.features);
    byName(ctx.spec.devices); byName(ctx.spec.hypercalls); byName(ctx.spec.protocols);
    if (ctx.spec.registers) byName(ctx.spec.registers);
    ctx.spec.requirements.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return body;

  // --- helpers that close over the namespaces -------------------------------------------------

  /**
   * A constant or enum value: its exact value (range-checked against `type` if given) and C type,
   * defined by name. A value written as an expression is parsed now and evaluated after pass 1.
   */
  function namedValue(item: NamedValueData, path: string, block: BlockRef,
    type: Primitive | undefined, kind: 'constant' | 'enum value', settings: ValueSettings): Constant {
    const made: Constant = track({ name: item.name, value: '0', doc: item.doc ?? '', source: sourceRef(block, path) }, block, path);
    if (settings.cEnum && item.c_type !== undefined && item.c_type !== 'int') {
      report.add('HV4127', block.file, place(made, 'c_type').range, `${quote(item.name)} is an enumerator of a C enum, so its type is int, not ${item.c_type}.`,
        { hint: 'Remove `c_type:`, or print the enum as #defines (no `c_enum:`).' });
    }
    const explicit = settings.cEnum ? undefined : item.c_type;
    if (typeof item.value === 'string') {
      made.cType = explicit ?? 'int';
      const parsed = parseExpression(item.value);
      if ('error' in parsed) {
        report.add('HV4120', block.file, inside(place(made, 'value'), item.value, parsed.error.offset, parsed.error.length),
          `The value of ${quote(item.name)} is not a valid expression: ${parsed.error.message}.`,
          { hint: 'Write integers (decimal or 0x hex, optional U/L/UL/ULL), names of constants, + - * & | ^ << >> ~ and parentheses.' });
      } else {
        pendingValues.set(made, { made, expression: parsed.expression, text: item.value, block, explicit, storage: type, cEnum: settings.cEnum, state: 'pending' });
      }
    } else {
      const value = exact(made, 'value', item.value);
      made.value = value.toString();
      if (type) checkRange(value, type, place(made, 'value'), item.name);
      made.cType = settings.cEnum ? enumeratorType(made, value)
        : chooseCType(value, explicit ?? settings.blockCType, settings.style, type, made, item.c_type !== undefined ? 'c_type' : 'value', item.name) ?? 'long long';
    }
    define(cNames, kind, item.name, made, block, path);
    valueExtras(made, item, block, settings.guard, kind, path);
    return made;
  }

  /**
   * The C type of a literal value: the type asked for (item or block `c_type`), else the document's
   * style. Reports HV4123 when the value does not fit the type asked for.
   */
  function chooseCType(value: bigint, asked: CTypeName | undefined, style: LiteralStyle, storage: Primitive | undefined,
    item: object, key: string, name: string): CTypeName | undefined {
    if (asked !== undefined) {
      if (fitsCType(value, asked)) return asked;
      const { min, max } = cTypeRange(asked);
      const at = place(item, key);
      report.add('HV4123', at.file, at.range, `Value ${value} of ${quote(name)} does not fit its C type ${asked} (${min} to ${max}).`,
        { hint: 'Choose a wider `c_type:`, or leave it out and let the value decide.' });
      return asked;
    }
    return style === 'plain' ? plainCType(value) : sizedCType(storage?.name, value);
  }

  /** A C enumerator is an int (C11 6.7.2.2): its value must fit. */
  function enumeratorType(made: Constant, value: bigint): CTypeName {
    if (!fitsCType(value, 'int')) {
      const at = place(made, 'value');
      report.add('HV4127', at.file, at.range, `${quote(made.name)} = ${value} does not fit int, the type of a C enumerator.`,
        { hint: 'Remove `c_enum:` from the enum: its values are then printed as #defines of their own C type.' });
    }
    return 'int';
  }

  /** Aliases (more C names for the same item) and the legacy guard. */
  function valueExtras(item: Constant | Flag | Feature, data: { aliases?: string[]; legacy?: boolean }, block: BlockRef,
    guard: string | undefined, kind: CKind, path: string): void {
    if (data.aliases) {
      item.aliases = [...data.aliases];
      data.aliases.forEach((alias, i) => {
        cNames.define({ name: alias, kind, spec: block.spec, block, path, data: item, place: place(item, `aliases/${i}`) }, report);
      });
    }
    if (data.legacy) {
      if (guard) item.legacy = guard;
      else {
        report.add('HV4126', block.file, place(item, 'legacy', 'key').range, `${quote(item.name)} is legacy, but no guard macro is named for it.`,
          { hint: 'Add `legacy_guard: VIRTIO_…_NO_LEGACY` to the block, or once to the front matter.' });
      }
    }
  }

  /** `make:` of a flag set: the function-like macro building a value from the named fields. */
  function buildMake(set: FlagSet, d: FlagsData, block: BlockRef): void {
    const make = d.make!;
    const fields: string[] = [];
    make.fields.forEach((name, i) => {
      if (d.flags.some((f) => f.name === name)) fields.push(name);
      else {
        const guess = closest(name, d.flags.map((f) => f.name));
        report.add('HV3001', block.file, place(set, `make/fields/${i}`).range, `${quote(d.name)} has no entry ${quote(name)}.`,
          { hint: guess ? `Did you mean "${guess}"?` : 'Name entries (masks) of this flags block.' });
      }
    });
    let params = make.params ? [...make.params] : defaultParams(make.fields);
    if (params.length !== make.fields.length) {
      report.add('HV3001', block.file, place(set, 'make/params').range, `\`make.params\` has ${params.length} names for ${make.fields.length} fields.`,
        { hint: 'Give one parameter name per field, in the same order.' });
      params = defaultParams(make.fields);
    }
    set.make = { name: make.name, params, fields, doc: make.doc ?? '' };
    cNames.define({ name: make.name, kind: 'macro', spec: block.spec, block, path: 'make', data: set, place: place(set, 'make/name') }, report);
  }

  /** Evaluates a derived value (once), after the values it names; a cycle is reported at the name that closes it. */
  function evaluatePending(pending: PendingValue): TypedValue | undefined {
    if (pending.state === 'done') return { value: BigInt(pending.made.value), type: pending.made.cType! };
    if (pending.state === 'failed') return undefined;
    pending.state = 'visiting';
    evaluating.push(pending.made.name);
    try {
      return evaluateOnce(pending);
    } finally {
      evaluating.pop();
    }
  }

  function evaluateOnce(pending: PendingValue): TypedValue | undefined {
    const { made, block, text } = pending;
    const at = place(made, 'value');
    const lookup = (name: string, offset: number): TypedValue | undefined => {
      const where = { file: at.file, range: inside(at, text, offset, name.length) };
      const def = resolve(name, block, where, VALUE_KINDS, 'constant');
      if (!def) return undefined;
      return valueOf(def.data, def.kind as CKind, name, where);
    };
    const result = evaluateExpression(pending.expression, lookup);
    if (!result) {
      pending.state = 'failed';
      return undefined;
    }
    if ('error' in result) {
      report.add(result.code, block.file, inside(at, text, result.error.offset, result.error.length), `The value of ${quote(made.name)} is not defined in C: ${result.error.message}.`,
        { hint: result.code === 'HV4124' ? 'Shift by 0 to the width minus 1, and shift unsigned values (1U << 31).' : 'Use an unsigned or wider operand (1U, 1ULL).' });
      pending.state = 'failed';
      return undefined;
    }
    made.value = result.value.toString();
    made.expression = printExpression(pending.expression);
    made.cType = pending.cEnum ? enumeratorType(made, result.value) : result.type;
    if (pending.explicit !== undefined && pending.explicit !== result.type) {
      const where = place(made, 'c_type');
      report.add('HV4125', where.file, where.range, `The expression of ${quote(made.name)} has C type ${result.type}, but \`c_type:\` says ${pending.explicit}.`,
        { hint: `Write the literals with the suffix the type needs (1U, 1UL), or remove \`c_type:\`.` });
      made.cType = pending.explicit;
    }
    if (pending.storage) checkRange(result.value, pending.storage, at, made.name);
    pending.state = 'done';
    return result;
  }

  /** The value and C type a name stands for in an expression. */
  function valueOf(data: object, kind: CKind, name: string, where: Place): TypedValue | undefined {
    switch (kind) {
      case 'constant':
      case 'enum value': {
        const constant = data as Constant;
        const pending = pendingValues.get(constant);
        if (pending) {
          if (pending.state === 'visiting') {
            const cycle = [...evaluating.slice(evaluating.indexOf(pending.made.name)), pending.made.name].join(' → ');
            report.add('HV4122', where.file, where.range, `${quote(pending.made.name)} is defined in terms of itself: ${cycle}.`,
              { hint: 'A derived value may use other values, but not, directly or indirectly, itself.' });
            return undefined;
          }
          return evaluatePending(pending);
        }
        return { value: BigInt(constant.value), type: constant.cType ?? 'long long' };
      }
      case 'flag': return { value: BigInt((data as Flag).mask), type: (data as Flag).cType ?? 'unsigned long long' };
      case 'feature': return { value: BigInt((data as Feature).bit), type: 'int' };
      case 'device ID': return { value: BigInt((data as Device).id), type: 'int' };
      case 'function ID': {
        // As the C generator prints function IDs: SMCCC IDs are u32-typed, others plain.
        const fn = data as HypercallFunction;
        const value = BigInt(fn.id);
        return { value, type: (fn.width !== undefined ? sizedCType('u32', value) : plainCType(value)) ?? 'unsigned long long' };
      }
      default: return undefined;
    }
  }


  function resolveType(text: string, block: BlockRef, at: Place, allowFlexible: boolean): TypeRef | undefined {
    const expr = parseTypeExpression(text);
    if (!expr) {
      report.add('HV2004', at.file, at.range, `Type ${quote(text)} is not a valid type expression.`,
        { hint: 'Write a type name, optionally with array suffixes: u8, le32, my_struct, u8[16], u8[].' });
      return undefined;
    }
    let base: TypeRef | undefined = primitive(expr.base) ?? undefined;
    if (!base) {
      const def = resolve(expr.base, block, at, TYPE_KINDS, 'type');
      if (!def) return undefined;
      if (def.kind === 'enum' || def.kind === 'flag set') {
        const item = def.data as Enum | FlagSet;
        base = { kind: def.kind === 'enum' ? 'enum' : 'flags', name: item.name, spec: def.spec, storage: item.storage };
      } else {
        base = { kind: def.kind as 'struct' | 'union', name: def.name, spec: def.spec };
      }
    }
    let type: TypeRef = base;
    for (let i = expr.dims.length - 1; i >= 0; i--) {
      const dim = expr.dims[i]!;
      if (dim === null) {
        if (i !== 0) {
          // C order: only the outermost dimension can be unknown (`u8[][6]`, not `u8[6][]`).
          const fixed = `${expr.base}[]${expr.dims.filter((d) => d !== null).map((d) => `[${d}]`).join('')}`;
          report.add('HV4104', at.file, at.range, `Only the first dimension of an array can be flexible; ${quote(text)} has \`[]\` in dimension ${i + 1}.`,
            { hint: `Array suffixes read as in C (the last index varies fastest): write ${quote(fixed)} for a flexible array of ${expr.base}${expr.dims.filter((d) => d !== null).map((d) => `[${d}]`).join('')}.` });
          return undefined;
        }
        if (!allowFlexible) {
          report.add('HV4002', at.file, at.range, `A flexible array (${quote(text)}) is only allowed as the last field of a struct.`,
            { hint: 'Give the array a length, or move it to the end of the struct.' });
          return undefined;
        }
        type = { kind: 'array', element: type, length: null };
      } else if (typeof dim === 'number') {
        if (dim < 1 || dim > 0xffffff) {
          report.add('HV4009', at.file, at.range, `Array length ${expr.exactDims[i]} in ${quote(text)} is not allowed.`, { hint: 'Use a length from 1 to 16777215, or `[]` for a trailing flexible array.' });
          return undefined;
        }
        type = { kind: 'array', element: type, length: dim };
      } else {
        const def = resolve(dim, block, at, ['constant'], 'constant');
        if (!def) return undefined;
        const length = Number((def.data as Constant).value);
        if (!(length >= 1 && length <= 0xffffff)) {
          report.add('HV4009', at.file, at.range, `Array length ${dim} = ${(def.data as Constant).value} is not allowed.`, { hint: 'Array lengths are from 1 to 16777215.' });
          return undefined;
        }
        type = { kind: 'array', element: type, length, lengthConstant: dim };
      }
    }
    return type;
  }

  /** Builds the struct's fields (inline members included), checks names and counts. */
  function resolveFields(pending: PendingStruct): void {
    const { struct, data, block } = pending;
    struct.fields = buildFieldList(pending, data.fields, 'fields', struct.kind, struct.name, true);
    checkFieldNames(struct.fields, struct.name);
    resolveCounts(pending, struct.fields);
  }

  /** The fields of a struct, union or inline member; `top`: the fields of a named struct (a flexible array may end them). */
  function buildFieldList(pending: PendingStruct, list: FieldData[], path: string, kind: 'struct' | 'union', owner: string, top: boolean): Field[] {
    const { block } = pending;
    return list.map((f, i) => {
      const at = `${path}/${i}`;
      const field: Field = track({
        name: f.name ?? '', doc: f.doc ?? '', type: { kind: 'primitive', name: 'u8', size: 1, align: 1, signed: false, endian: 'native' } as TypeRef,
        offset: 0, size: 0, align: 1, reserved: f.reserved ?? false, bitfields: [], source: sourceRef(block, at),
      }, block, at);
      pending.fieldData.set(field, f);
      const aggregate = f.struct ? 'struct' : f.union ? 'union' : undefined;
      if (aggregate) {
        if (f.struct && f.union) {
          report.add('HV2002', block.file, place(field, 'union', 'key').range, '`union:` cannot be given beside `struct:`; an inline member is one or the other.',
            { hint: 'Nest them: `union: { fields: [ { struct: { … } } ] }`.' });
        }
        for (const key of ['type', 'reserved', 'bitfields', 'count'] as const) {
          if (f[key] !== undefined) report.add('HV2002', block.file, place(field, key, 'key').range, `\`${key}\` is not allowed on an inline \`${aggregate}:\` member.`, { hint: `Remove \`${key}\`; an inline member's type is its \`${aggregate}:\`.` });
        }
        if (pending.struct.packed) {
          report.add('HV4103', block.file, place(field, aggregate, 'key').range, `${quote(owner)} is packed, so it cannot have an inline ${aggregate}.`,
            { hint: 'Declare the inner type as its own block and use it by name.' });
        }
        const inline = (f.struct ?? f.union)!;
        if (f.name === undefined) field.anonymous = true;
        field.type = {
          kind: 'inline', aggregate, doc: inline.doc ?? '', size: 0, align: 1,
          fields: buildFieldList(pending, inline.fields, `${at}/${aggregate}/fields`, aggregate, f.name ?? owner, false),
        };
        return field;
      }
      if (f.name === undefined) {
        report.add('HV2001', block.file, place(field).range, 'Missing key "name" in a field.', { hint: 'Add `name:`; only an inline `struct:`/`union:` member may be anonymous.' });
      }
      if (f.type === undefined) {
        report.add('HV2001', block.file, place(field, 'name', 'key').range, `Missing key "type" in field ${quote(field.name)}.`,
          { hint: 'Add `type:` (u8, le32, a type name, u8[16], …) or make it an inline `struct:`/`union:` member.' });
        pending.failed.add(field);
        return field;
      }
      const isLast = top && i === list.length - 1;
      const type = resolveType(f.type, block, place(field, 'type'), kind === 'struct' && isLast);
      if (type) field.type = type;
      else pending.failed.add(field);
      return field;
    });
  }

  /**
   * Names are unique in each scope, as C requires: a struct's fields and the fields of its
   * anonymous members share one; a named inline member opens its own.
   */
  function checkFieldNames(fields: Field[], owner: string): void {
    const scope = new Map<string, { field: Field; viaAnonymous: boolean }>();
    const visit = (list: Field[], viaAnonymous: boolean): void => {
      for (const field of list) {
        const inline = field.type.kind === 'inline' ? field.type : undefined;
        if (field.anonymous && inline) { visit(inline.fields, true); continue; }
        if (inline) checkFieldNames(inline.fields, field.name);
        if (field.name === '') continue;
        const twin = scope.get(field.name);
        if (!twin) { scope.set(field.name, { field, viaAnonymous }); continue; }
        const first = place(twin.field);
        if (viaAnonymous || twin.viaAnonymous) {
          report.add('HV4100', first.file, place(field).range, `Field ${quote(field.name)} is defined twice in ${quote(owner)} (fields of an anonymous member share the enclosing scope).`,
            { hint: 'Rename one, or give the inline member a `name:`.', related: [{ file: first.file, range: first.range, message: 'first defined here' }] });
        } else {
          report.add('HV3002', first.file, place(field).range, `Field ${quote(field.name)} is defined twice in ${quote(owner)}.`,
            { related: [{ file: first.file, range: first.range, message: 'first defined here' }] });
        }
      }
    };
    visit(fields, false);
  }

  /** `count:` of each array: an earlier integer field of the same scope (through anonymous members). */
  function resolveCounts(pending: PendingStruct, fields: Field[]): void {
    const { block } = pending;
    const earlier = new Map<string, Field>();
    const visit = (list: Field[]): void => {
      for (const field of list) {
        const inline = field.type.kind === 'inline' ? field.type : undefined;
        if (inline) {
          if (field.anonymous) visit(inline.fields);
          else resolveCounts(pending, inline.fields);
          continue;
        }
        const text = pending.fieldData.get(field)?.count;
        if (text !== undefined && !pending.failed.has(field)) {
          const at = place(field, 'count');
          const count = parseArrayCount(text);
          const counter = count ? earlier.get(count.field) : undefined;
          const integer = counter && (counter.type.kind === 'enum' || (counter.type.kind === 'primitive' && counter.type.name !== 'char'));
          if (field.type.kind !== 'array') {
            report.add('HV4102', block.file, at.range, `${quote(field.name)} is not an array, so it has no element count.`, { hint: 'Remove `count:`, or declare the field as an array.' });
          } else if (!count) {
            report.add('HV4101', block.file, at.range, `\`count: ${text}\` is not a field name, optionally with \`+ N\`, \`- N\` or \`* N\`.`, { hint: 'Write e.g. `count: hash_key_length` or `count: indirection_table_mask + 1`.' });
          } else if (!integer) {
            const guess = closest(count.field, [...earlier.keys()]);
            report.add('HV4101', block.file, at.range, counter ? `${quote(count.field)} is not an integer field, so it cannot count ${quote(field.name)}.`
              : `No field ${quote(count.field)} is declared before ${quote(field.name)}.`,
            { hint: guess && !counter ? `Did you mean "${guess}"?` : 'Name an integer field declared before the array.' });
          } else {
            field.count = count;
          }
        }
        if (field.name !== '') earlier.set(field.name, field);
      }
    };
    visit(fields);
  }

  /** Layout every struct after the structs it contains; a struct that contains itself is an error. */
  function computeLayouts(): void {
    const done = new Map<string, Measure>();
    const state = new Map<string, 'visiting' | 'done' | 'broken'>();
    const dependencies = (p: PendingStruct): { name: string; field: Field }[] => {
      const out: { name: string; field: Field }[] = [];
      for (const { field } of walkFields(p.struct.fields)) {
        let inner: TypeRef = field.type;
        while (inner.kind === 'array') inner = inner.element;
        if (!p.failed.has(field) && (inner.kind === 'struct' || inner.kind === 'union')) out.push({ name: inner.name, field });
      }
      return out;
    };
    for (const root of pendingStructs.keys()) {
      if (state.has(root)) continue;
      const stack: { name: string; deps: { name: string; field: Field }[]; next: number }[] = [];
      const push = (name: string): void => { state.set(name, 'visiting'); stack.push({ name, deps: dependencies(pendingStructs.get(name)!), next: 0 }); };
      push(root);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.next < top.deps.length) {
          const dep = top.deps[top.next++]!;
          if (!pendingStructs.has(dep.name)) continue;
          const s = state.get(dep.name);
          if (s === 'visiting') {
            const p = pendingStructs.get(top.name)!;
            report.add('HV4001', p.block.file, place(dep.field, 'type').range,
              dep.name === top.name ? `${quote(top.name)} contains itself.` : `${quote(top.name)} contains ${quote(dep.name)}, which contains ${quote(top.name)}.`,
              { hint: 'A struct cannot contain itself by value; refer to it by index or address instead.' });
            state.set(top.name, 'broken');
          } else if (s === undefined) push(dep.name);
          continue;
        }
        stack.pop();
        if (state.get(top.name) === 'broken' || top.deps.some((d) => state.get(d.name) === 'broken')) { state.set(top.name, 'broken'); continue; }
        done.set(top.name, layoutStruct(pendingStructs.get(top.name)!, done));
        state.set(top.name, 'done');
      }
    }
  }

  function layoutStruct(p: PendingStruct, done: Map<string, Measure>): Measure {
    const { struct, data, block } = p;
    const layout = layoutFields(p, struct.fields, struct.kind, done, data.align);
    const last = struct.fields[struct.fields.length - 1];
    struct.flexible = struct.kind === 'struct' && last !== undefined && !p.failed.has(last) && last.type.kind === 'array' && last.type.length === null;
    struct.size = layout.size;
    struct.align = layout.align;
    if (layout.tailPadding > 0 && !struct.flexible) {
      report.add('HV4017', block.file, place(struct).range, `${layout.tailPadding} byte${layout.tailPadding > 1 ? 's' : ''} of implicit padding at the end of ${quote(struct.name)}.`,
        { hint: `Add a trailing field of type u8[${layout.tailPadding}] with reserved: true.` });
    }
    if (data.size !== undefined && data.size !== struct.size) {
      report.add('HV4003', block.file, place(struct, 'size').range, `${quote(struct.name)} is ${struct.size} bytes, but \`size:\` says ${sources.decimal(struct, 'size', data.size)}.`,
        { hint: 'Check the field types and padding against the standard; the computed layout follows the C rules.' });
    }
    return { size: struct.size, align: struct.align };
  }

  /**
   * Places `fields` from offset 0 (inline members are laid out first, like nested structs, then
   * moved to where they land), so every offset ends up counted from the outermost struct.
   */
  function layoutFields(p: PendingStruct, fields: Field[], kind: 'struct' | 'union', done: Map<string, Measure>, minAlign: number | undefined): AggregateLayout {
    const { struct, block } = p;
    const structMeasure = (name: string): Measure => done.get(name) ?? { size: 0, align: 1 };
    const measures = fields.map((f): Measure => {
      if (p.failed.has(f)) return { size: 0, align: 1 };
      if (f.type.kind === 'inline') {
        const inner = layoutFields(p, f.type.fields, f.type.aggregate, done, undefined);
        f.type.size = inner.size;
        f.type.align = inner.align;
        if (inner.tailPadding > 0 && f.type.aggregate === 'struct') {
          report.add('HV4017', block.file, place(f, f.anonymous ? 'struct' : 'name', 'key').range, `${inner.tailPadding} byte${inner.tailPadding > 1 ? 's' : ''} of implicit padding at the end of the inline struct ${f.anonymous ? '' : `${quote(f.name)} `}in ${quote(struct.name)}.`,
            { hint: `Add a trailing field of type u8[${inner.tailPadding}] with reserved: true.` });
        }
        return { size: inner.size, align: inner.align };
      }
      return measure(f.type, structMeasure);
    });
    const layout = layoutAggregate(kind, measures, struct.packed, minAlign);
    let afterCounted: string | undefined;
    fields.forEach((field, i) => {
      field.offset = layout.members[i]!.offset;
      field.size = measures[i]!.size;
      field.align = struct.packed ? 1 : measures[i]!.align;
      if (field.type.kind === 'inline') for (const { field: inner } of walkFields(field.type.fields)) inner.offset += field.offset;
      if (kind === 'struct' && afterCounted !== undefined) {
        field.afterCounted = afterCounted;
        if (field.type.kind === 'inline') for (const { field: inner } of walkFields(field.type.fields)) inner.afterCounted = afterCounted;
      }
      if (kind === 'struct' && field.count && field.type.kind === 'array' && field.type.length !== null) afterCounted = field.name;
      const padding = layout.members[i]!.paddingBefore;
      if (padding > 0) {
        const what = field.anonymous ? `an anonymous ${(field.type as InlineType).aggregate}` : quote(field.name);
        report.add('HV4017', block.file, place(field).range, `${padding} byte${padding > 1 ? 's' : ''} of implicit padding before ${what} (offset ${field.offset}).`,
          { hint: `Add a field { name: reserved…, type: u8[${padding}], reserved: true } before it.` });
      }
      let inner: TypeRef = field.type;
      while (inner.kind === 'array') inner = inner.element;
      if (!p.failed.has(field) && (inner.kind === 'struct' || inner.kind === 'union') && pendingStructs.get(inner.name)?.struct.flexible) {
        report.add('HV4002', block.file, place(field, 'type').range, `${quote(inner.name)} ends in a flexible array and cannot be nested in another struct.`,
          { hint: 'Put its fields here directly, or make the flexible array a fixed one.' });
      }
      if (field.type.kind !== 'inline') buildBitfields(field, p.fieldData.get(field)!, block, p.failed.has(field) ? undefined : field.type);
    });
    return layout;
  }

  function buildBitfields(field: Field, data: FieldData, block: BlockRef, type: TypeRef | undefined): void {
    if (!data.bitfields || !type) return;
    const storage = type.kind === 'primitive' ? type : type.kind === 'enum' || type.kind === 'flags' ? type.storage : undefined;
    if (!storage) {
      report.add('HV4008', block.file, place(field, 'bitfields', 'key').range, `Field ${quote(field.name)} is not an integer, so it cannot have bit fields.`);
      return;
    }
    const made = data.bitfields.map((b, i) => {
      const sub = `bitfields/${i}`;
      const bf = { name: b.name, bit: b.bit, width: b.width, mask: '0', doc: b.doc ?? '' } as Field['bitfields'][number];
      const at = sources.at(field, `${sub}/bit`)!;
      if (checkBits(exact(field, `${sub}/bit`, b.bit), exact(field, `${sub}/width`, b.width), storage.size * 8, at, b.name, report)) bf.mask = mask(b.bit, b.width).toString();
      if (b.enum !== undefined) {
        const def = resolve(b.enum, block, sources.at(field, `${sub}/enum`)!, ['enum'], 'enum');
        if (def) bf.enum = def.name;
      }
      return { bf, at, bitText: exact(field, `${sub}/bit`, b.bit).toString() };
    });
    checkOverlaps(made.map((m) => ({ ...m.bf, at: m.at, bitText: m.bitText })), (m) => m.at, (m) => m.bitText, report);
    field.bitfields = made.map((m) => m.bf).sort((a, b) => a.bit - b.bit);
  }

  function resolveDevice(device: Device, d: DeviceData, block: BlockRef): void {
    if (d.config !== undefined) resolve(d.config, block, place(device, 'config'), ['struct'], 'struct');
    if (d.status !== undefined) resolve(d.status, block, place(device, 'status'), ['enum'], 'enum');
    device.requests = (d.requests ?? []).map((r, i) => {
      const path = `requests/${i}`;
      if (!d.virtqueues.some((q) => q.name === r.queue)) {
        const guess = closest(r.queue, d.virtqueues.map((q) => q.name));
        report.add('HV3001', block.file, place(device, `${path}/queue`).range, `Device ${quote(d.name)} has no virtqueue ${quote(r.queue)}.`,
          { hint: guess ? `Did you mean "${guess}"?` : 'Name one of the device\'s virtqueues.' });
      }
      const parts = (list: string[], key: string): TypeRef[] => list.flatMap((t, k) => {
        const type = resolveType(t, block, place(device, `${path}/${key}/${k}`), true);
        return type ? [type] : [];
      });
      return { name: r.name, queue: r.queue, doc: r.doc ?? '', request: parts(r.request, 'request'), response: parts(r.response, 'response') };
    });
  }

  function buildInterface(iface: HypercallInterface, d: HypercallsData, block: BlockRef): void {
    d.conduits.forEach((c, i) => {
      if (!conduitAllowed(d.convention, c)) {
        report.add('HV2004', block.file, place(iface, `conduits/${i}`).range, `The ${d.convention} convention is not called with ${c}.`,
          { hint: d.convention === 'smccc' ? 'SMCCC uses smc or hvc.' : d.convention === 'kvm' ? 'KVM x86 hypercalls use vmcall or vmmcall.' : 'Xen uses hvc (arm64) or vmcall/vmmcall (x86).' });
      }
    });
    if (d.convention !== 'smccc' && d.smccc_version !== undefined) {
      report.add('HV2004', block.file, place(iface, 'smccc_version', 'key').range, '`smccc_version` applies only to SMCCC interfaces.', { hint: 'Remove `smccc_version`.' });
    }
    if (d.convention === 'smccc' && d.entity === undefined) {
      report.add('HV2001', block.file, place(iface, 'convention').range,
        'Missing key "entity" in the hypercalls block (the SMCCC owning entity, bits 29:24 of the function ID).',
        { hint: 'Add e.g. `entity: 4` for standard secure services (PSCI) or `entity: 6` for vendor hypervisor services.' });
    }
    const names = new Map<string, object>();
    d.functions.forEach((f, i) => {
      const path = `functions/${i}`;
      const fn: HypercallFunction = track({
        name: f.name, doc: f.doc ?? '', number: f.number, id: '0', idName: f.id_name ?? `${upperSnakeCase(f.name)}_FUNC_ID`,
        args: [], results: [], memory: f.memory ?? null, source: sourceRef(block, path),
      }, block, path);
      const twin = names.get(f.name);
      if (twin) {
        const first = place(twin);
        report.add('HV3002', block.file, place(fn).range, `Function ${quote(f.name)} is defined twice in ${quote(d.name)}.`,
          { related: [{ file: first.file, range: first.range, message: 'first defined here' }] });
      } else names.set(f.name, fn);
      if (d.convention === 'smccc') {
        fn.fast = f.fast ?? true;
        fn.width = f.width ?? 32;
        if (f.number > 0xffff) {
          report.add('HV4015', block.file, place(fn, 'number').range, `SMCCC function number ${sources.decimal(fn, 'number', f.number)} does not fit bits 15:0.`, { hint: 'Function numbers are 0 to 0xFFFF.' });
        }
        fn.id = smcccFunctionId(fn.fast, fn.width, d.entity ?? 0, f.number & 0xffff).toString();
      } else {
        for (const key of ['width', 'fast'] as const) {
          if (f[key] !== undefined) report.add('HV2004', block.file, place(fn, key, 'key').range, `\`${key}\` applies only to SMCCC functions.`, { hint: `Remove \`${key}\`.` });
        }
        fn.id = String(f.number);
      }
      cNames.define({ name: fn.idName, kind: 'function ID', spec: block.spec, block, path, data: fn, place: place(fn, f.id_name ? 'id_name' : 'name') }, report);
      deferred.push(() => {
        fn.args = registers(f.args ?? [], `${path}/args`, fn, iface, block, 'args');
        fn.results = registers(f.results ?? [], `${path}/results`, fn, iface, block, 'results');
        if (f.memory !== undefined) resolve(f.memory, block, place(fn, 'memory'), ['struct', 'union'], 'struct');
      });
      iface.functions.push(fn);
    });
    deferred.push(() => {
      if (d.errors !== undefined) resolve(d.errors, block, place(iface, 'errors'), ['enum'], 'enum');
      iface.functions.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : a.name < b.name ? -1 : 1));
    });
  }

  function registers(list: RegisterData[], path: string, fn: HypercallFunction, iface: HypercallInterface, block: BlockRef, which: 'args' | 'results'): RegisterValue[] {
    // The ABI's registers (SMCCC: per version); without an ABI (no usable conduit), the convention's most.
    const limit = which === 'args'
      ? (iface.abis.length > 0 ? Math.max(...iface.abis.map((a) => a.argRegisters.length)) : MAX_ARGS[iface.convention])
      : Math.max(1, ...iface.abis.map((a) => a.resultRegisters.length));
    if (list.length > limit) {
      const convention = iface.smcccVersion === undefined ? `the ${iface.convention} convention` : `SMCCC ${iface.smcccVersion}`;
      report.add('HV4016', block.file, place(fn, which, 'key').range, `${quote(fn.name)} has ${list.length} ${which === 'args' ? 'arguments' : 'results'}; ${convention} has ${limit} registers for them.`,
        { hint: iface.smcccVersion !== undefined && iface.smcccVersion !== '1.2'
          ? 'SMCCC 1.2 passes x1–x17 and returns x0–x17 (`smccc_version: "1.2"`); otherwise pass the rest in memory (`memory:`).'
          : 'Pass the rest in memory (`memory:` names a struct whose address is passed).' });
    }
    const seen = new Map<string, number>();
    return list.slice(0, limit).map((r, index) => {
      const at = sources.at(fn, `${which}/${index}/type`)!;
      const twin = seen.get(r.name);
      if (twin !== undefined) {
        const here = sources.at(fn, `${which}/${index}/name`)!;
        const first = sources.at(fn, `${which}/${twin}/name`)!;
        report.add('HV3002', here.file, here.range, `${which === 'args' ? 'Argument' : 'Result'} ${quote(r.name)} is defined twice in ${quote(fn.name)}.`,
          { related: [{ file: first.file, range: first.range, message: 'first defined here' }] });
      } else seen.set(r.name, index);
      const type = resolveType(r.type, block, at, false);
      const value: RegisterValue = { name: r.name, doc: r.doc ?? '', type: type ?? primitive('u64')!, index, registers: {} };
      sources.set(value, block.file, block.yaml, `${path}/${index}`, block.range);
      if (type && type.kind !== 'primitive' && type.kind !== 'enum' && type.kind !== 'flags') {
        report.add('HV4018', at.file, at.range, `${quote(r.name)} is ${type.kind === 'array' ? 'an array' : `a ${type.kind}`}; registers hold integers.`,
          { hint: 'Pass it in memory with `memory:`.' });
      }
      const size = type?.kind === 'primitive' ? type.size : type?.kind === 'enum' || type?.kind === 'flags' ? type.storage.size : 8;
      if (fn.width === 32 && size > 4) {
        report.add('HV4019', at.file, at.range, `${quote(r.name)} is 64-bit, but ${quote(fn.name)} is an SMC32/HVC32 call.`,
          { hint: 'Declare the function `width: 64`, or use a 32-bit type.' });
      }
      for (const abi of iface.abis) {
        const regs = which === 'args' ? abi.argRegisters : abi.resultRegisters;
        const reg = regs[index];
        if (reg) value.registers[abi.arch] = registerView(reg, fn.width);
      }
      return value;
    });
  }

  function resolveProtocol(protocol: Protocol, d: ProtocolData, block: BlockRef): void {
    const header = resolve(d.header, block, place(protocol, 'header'), ['struct'], 'struct');
    if (header) {
      const struct = header.data as Struct;
      if (!struct.fields.some((f) => f.name === d.discriminator)) {
        const guess = closest(d.discriminator, struct.fields.map((f) => f.name));
        report.add('HV3001', block.file, place(protocol, 'discriminator').range, `${quote(d.header)} has no field ${quote(d.discriminator)}.`,
          { hint: guess ? `Did you mean "${guess}"?` : 'Name the header field that holds the message type.' });
      }
    }
    const types = resolve(d.types, block, place(protocol, 'types'), ['enum'], 'enum');
    const typeEnum = types?.data as Enum | undefined;
    protocol.messages = d.messages.map((m, i): Message => {
      const path = `messages/${i}`;
      const value = typeEnum?.values.find((v) => v.name === m.name);
      if (typeEnum && !value) {
        const guess = closest(m.name, typeEnum.values.map((v) => v.name));
        report.add('HV3001', block.file, place(protocol, `${path}/name`).range, `${quote(m.name)} is not a value of ${quote(typeEnum.name)}.`,
          { hint: guess ? `Did you mean "${guess}"?` : 'Messages are named by their message-type value.' });
      }
      if (m.payload !== undefined) resolve(m.payload, block, place(protocol, `${path}/payload`), ['struct', 'union'], 'struct');
      if (m.reply !== undefined && !d.messages.some((x) => x.name === m.reply)) resolve(m.reply, block, place(protocol, `${path}/reply`), ['struct', 'union'], 'message or struct');
      return { name: m.name, value: value?.value ?? '0', direction: m.direction as Message['direction'], doc: m.doc ?? '', payload: m.payload ?? null, reply: m.reply ?? null };
    });
  }
}

interface ValueSettings {
  style: LiteralStyle;
  blockCType?: CTypeName;
  guard?: string;
  /** The values are enumerators of a C enum (type int). */
  cEnum?: boolean;
}

/** Default parameter names of a `make:` macro: the field names without their shared words and `_MASK`, lower case. */
function defaultParams(fields: string[]): string[] {
  const words = fields.map((f) => f.replace(/_MASK$/, '').toLowerCase().split('_'));
  let shared = 0;
  while (words.every((w) => w.length > shared + 1 && w[shared] === words[0]![shared])) shared++;
  const names = words.map((w) => w.slice(shared).join('_') || 'value');
  return names.map((n, i) => (names.indexOf(n) === i ? n : `${n}_${i}`));
}

/**
 * The range of `length` characters at `offset` of `text` inside the scalar at `at`: exact when the
 * scalar is plain or simply quoted on one line, else the whole scalar.
 */
function inside(at: Place, text: string, offset: number, length: number): Range {
  const { start, end } = at.range;
  if (start.line !== end.line) return at.range;
  const width = end.column - start.column;
  const shift = width === text.length ? 0 : width === text.length + 2 ? 1 : -1;
  if (shift < 0) return at.range;
  const column = start.column + shift + offset;
  return { start: { line: start.line, column }, end: { line: start.line, column: column + Math.max(1, length) } };
}

function buildFeatures(list: { bit: number; name: string; doc?: string; aliases?: string[]; legacy?: boolean }[], block: BlockRef, key: string,
  track: <T extends object>(item: T, block: BlockRef, path: string) => T,
  sourceRef: (block: BlockRef, path: string) => SourceRef,
  define: (f: Feature, data: { aliases?: string[]; legacy?: boolean }, path: string) => void): Feature[] {
  const features = list.map((f, i) => {
    const path = `${key}/${i}`;
    const feature: Feature = track({ bit: f.bit, name: f.name, doc: f.doc ?? '', source: sourceRef(block, path) }, block, path);
    define(feature, f, path);
    return feature;
  });
  return features.sort((a, b) => a.bit - b.bit || (a.name < b.name ? -1 : 1));
}

/** Default constant name of a device ID: `i2c-adapter` → `VIRTIO_ID_I2C_ADAPTER`. */
function defaultDeviceIdName(device: string): string {
  return `VIRTIO_ID_${upperSnakeCase(device)}`;
}

function mask(bit: number, width: number): bigint {
  return ((1n << BigInt(width)) - 1n) << BigInt(bit);
}

/** Bit numbers arrive exact (bigint), so a message never quotes a rounded float. */
function checkBits(bit: bigint, width: bigint, bits: number, at: Place, name: string, report: Report): boolean {
  if (bit + width > BigInt(bits)) {
    report.add('HV4006', at.file, at.range, `${quote(name)} uses bit${width > 1n ? `s ${bit}–${bit + width - 1n}` : ` ${bit}`}, outside the ${bits}-bit type.`,
      { hint: `Bits are numbered 0 to ${bits - 1}; use a wider type or a lower bit.` });
    return false;
  }
  return true;
}

function checkOverlaps<T extends { name: string; bit: number; width: number }>(items: T[], at: (item: T) => Place, bitText: (item: T) => string, report: Report): void {
  const sorted = [...items].sort((a, b) => a.bit - b.bit);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.bit < prev.bit + prev.width) {
      const p = at(cur);
      const q = at(prev);
      report.add('HV4007', p.file, p.range, `${quote(cur.name)} overlaps ${quote(prev.name)} (bit ${bitText(cur)}).`,
        { hint: 'Each bit belongs to one flag or field.', related: [{ file: q.file, range: q.range, message: 'overlapping definition' }] });
    }
  }
}

const LEVELS: [RegExp, Level][] = [
  [/\b(MUST NOT|SHALL NOT)\b/, 'MUST NOT'], [/\b(MUST|REQUIRED|SHALL)\b/, 'MUST'],
  [/\b(SHOULD NOT|NOT RECOMMENDED)\b/, 'SHOULD NOT'], [/\b(SHOULD|RECOMMENDED)\b/, 'SHOULD'], [/\b(MAY|OPTIONAL)\b/, 'MAY'],
];

/** The strongest RFC 2119 keyword of a statement. */
export function levelOf(text: string): Level | undefined {
  for (const [pattern, level] of LEVELS) if (pattern.test(text)) return level;
  return undefined;
}
