/**
 * Pairs the items of two models before any rule runs, so every rule compares the same things:
 * specs by id, types/constants/devices/interfaces by name (type names are corpus-wide C names),
 * feature bits by bit number, hypercall functions by computed ID, requirements by id.
 */
import { flattenedStruct } from '../model/fields.ts';
import type {
  Constant, ConstantGroup, Device, Enum, Feature, FeatureSet, FlagSet, HypercallFunction,
  HypercallInterface, Model, Requirement, Spec, Struct,
} from '../model/types.ts';

/** An item with the spec that defines it. */
export interface Located<T> {
  item: T;
  spec: Spec;
}

export interface Pair<T> {
  old: T;
  new: T;
  oldSpec: Spec;
  newSpec: Spec;
}

export interface Matching<T> {
  matched: Pair<T>[];
  removed: Located<T>[];
  added: Located<T>[];
}

/** A constant with the name of the group that holds it. */
export interface GroupedConstant extends Constant {
  group: string;
}

/**
 * A feature bit with its owner. A device's bits are keyed by its device ID (`device:34`), the identity
 * peers negotiate with, so renaming a device keeps its bits matched; transport bits share one space.
 */
export interface OwnedFeature extends Feature {
  owner: string;
  /** For messages: `device i2c-adapter`, `the transport range`, `feature set foo`. */
  ownerLabel: string;
}

export interface FunctionOf {
  interface: HypercallInterface;
  fn: HypercallFunction;
}

export interface DiffIndex {
  specs: Matching<Spec>;
  structs: Matching<Struct>;
  enums: Matching<Enum>;
  flags: Matching<FlagSet>;
  constants: Matching<GroupedConstant>;
  devices: Matching<Device>;
  hypercalls: Matching<HypercallInterface>;
  requirements: Matching<Requirement>;
  /** Feature bits matched by owner and bit number. */
  features: Matching<OwnedFeature>;
  /** Functions matched by computed ID (SMCCC: corpus-wide; Xen, KVM: within the interface). */
  functions: Matching<FunctionOf>;
  /** Enums used as error codes (hypercall `errors`) or status codes (device `status`), by name. */
  codeEnums: { old: Set<string>; new: Set<string> };
  /** Looks an item's spec up by id. */
  oldSpec(id: string): Spec | undefined;
  newSpec(id: string): Spec | undefined;
}

/** Every item of a kind across the corpus, each with its spec. */
export function collect<T>(model: Model, pick: (spec: Spec) => readonly T[]): Located<T>[] {
  return model.specs.flatMap((spec) => pick(spec).map((item) => ({ item, spec })));
}

/** Pairs two lists by a key; the first occurrence of a key wins (the checker rejects duplicates). */
export function matchBy<T>(olds: Located<T>[], news: Located<T>[], key: (item: T) => string): Matching<T> {
  const newByKey = new Map<string, Located<T>>();
  for (const entry of news) if (!newByKey.has(key(entry.item))) newByKey.set(key(entry.item), entry);
  const oldKeys = new Set<string>();
  const matched: Pair<T>[] = [];
  const removed: Located<T>[] = [];
  for (const entry of olds) {
    const k = key(entry.item);
    if (oldKeys.has(k)) continue;
    oldKeys.add(k);
    const partner = newByKey.get(k);
    if (partner) matched.push({ old: entry.item, new: partner.item, oldSpec: entry.spec, newSpec: partner.spec });
    else removed.push(entry);
  }
  const added = [...newByKey.entries()].filter(([k]) => !oldKeys.has(k)).map(([, entry]) => entry);
  return { matched, removed, added };
}

function constantsOf(spec: Spec): GroupedConstant[] {
  return spec.constants.flatMap((group: ConstantGroup) => group.constants.map((c) => ({ ...c, group: group.name })));
}

const TRANSPORT = 'transport';

function featuresOf(spec: Spec): OwnedFeature[] {
  const fromDevices = spec.devices.flatMap((d) =>
    d.features.map((f) => ({ ...f, owner: `device:${d.id}`, ownerLabel: `device ${d.name}` })));
  // Transport bits form one corpus-wide space; device-scoped sets are keyed by their own name.
  const fromSets = spec.features.flatMap((set: FeatureSet) =>
    set.features.map((f) => set.scope === 'transport'
      ? { ...f, owner: TRANSPORT, ownerLabel: 'the transport range' }
      : { ...f, owner: `set:${set.name}`, ownerLabel: `feature set ${set.name}` }));
  return [...fromDevices, ...fromSets];
}

function functionsOf(spec: Spec): FunctionOf[] {
  return spec.hypercalls.flatMap((iface) => iface.functions.map((fn) => ({ interface: iface, fn })));
}

/**
 * SMCCC function IDs carry their owning entity and are unique across the corpus, so an SMCCC function
 * stays matched when its interface is renamed or split; Xen and KVM numbers only mean something
 * within their interface.
 */
function functionKey(f: FunctionOf): string {
  return f.interface.convention === 'smccc' ? `smccc#${f.fn.id}` : `${f.interface.convention}:${f.interface.name}#${f.fn.id}`;
}

function codeEnumNames(model: Model): Set<string> {
  const names = new Set<string>();
  for (const spec of model.specs) {
    for (const iface of spec.hypercalls) if (iface.errors) names.add(iface.errors);
    for (const device of spec.devices) if (device.status) names.add(device.status);
  }
  return names;
}

export function buildIndex(oldModel: Model, newModel: Model): DiffIndex {
  const both = <T>(pick: (spec: Spec) => readonly T[]) => [collect(oldModel, pick), collect(newModel, pick)] as const;
  const byName = <T extends { name: string }>(pick: (spec: Spec) => readonly T[]) =>
    matchBy(...both(pick), (item) => item.name);
  const oldSpecs = new Map(oldModel.specs.map((s) => [s.id, s]));
  const newSpecs = new Map(newModel.specs.map((s) => [s.id, s]));
  return {
    specs: matchBy(...both((s) => [s]), (s) => s.id),
    // Inline members are compared by their leaves (C paths), so moving a field into an anonymous member is no change.
    structs: byName((s) => s.structs.map(flattenedStruct)),
    enums: byName((s) => s.enums),
    flags: byName((s) => s.flags),
    constants: byName(constantsOf),
    devices: byName((s) => s.devices),
    hypercalls: byName((s) => s.hypercalls),
    requirements: matchBy(...both((s) => s.requirements), (r) => r.id),
    features: matchBy(...both(featuresOf), (f) => `${f.owner}#${f.bit}`),
    functions: matchBy(...both(functionsOf), functionKey),
    codeEnums: { old: codeEnumNames(oldModel), new: codeEnumNames(newModel) },
    oldSpec: (id) => oldSpecs.get(id),
    newSpec: (id) => newSpecs.get(id),
  };
}
