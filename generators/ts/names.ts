/**
 * TypeScript names of everything a spec module exports, decided once per corpus so a module that
 * uses another spec's types refers to them by the same names that module exports.
 *
 * Rules (docs/ts.md, "Names"):
 * - Constants, enum values, flags, feature bits, device IDs and function IDs keep their C names
 *   (`VIRTIO_I2C_MSG_OK`), so what a reader finds in the standard is what they import.
 * - Types (structs, unions, enums, flag sets) are PascalCase (`VirtioI2cOutHdr`); functions are
 *   camelCase verbs on the type name (`encodeVirtioI2cOutHdr`); sizes are `NAME_SIZE`.
 * - Struct fields become camelCase property keys (`fence_id` → `fenceId`); keywords such as
 *   `type` stay as they are, since any word is a valid property key.
 * - A binding that is a TypeScript reserved word gets a trailing `_` (escapeTs); so does one that
 *   would shadow a global the generated code uses (`DataView`, `Uint8Array`, …).
 * - Names the author wrote (constants, then types) are claimed first; a derived name (`*_SIZE`,
 *   `encode*`, …) that collides with one gets a trailing `_`, so author names never move.
 */
import type { Model, Spec } from '../../src/model/types.ts';
import { camelCase, escapeTs, pascalCase, snakeCase, tsPropertyName } from '../../src/names/identifiers.ts';

/** Globals the generated modules use: a type or constant of this name would shadow them. */
export const SHADOWED_GLOBALS: ReadonlySet<string> = new Set([
  'Array', 'ArrayLike', 'BigInt', 'DataView', 'Error', 'Infinity', 'Math', 'NaN', 'Number', 'Object',
  'Uint8Array', 'globalThis', 'undefined',
]);

/** A binding name (variable, function, type) that compiles and shadows nothing we use. */
export function tsBinding(name: string): string {
  let binding = escapeTs(/^[0-9]/.test(name) ? `_${name}` : name);
  if (SHADOWED_GLOBALS.has(binding)) binding = `${binding}_`;
  return binding;
}

/** The property key of a struct field: camelCase, kept as written when it is a keyword. */
export const propertyName = tsPropertyName;

/** `virtio_i2c_out_hdr` → `VirtioI2cOutHdr`; device names with dashes work too (`i2c-adapter`). */
export function typeName(name: string): string {
  return pascalCase(name.replace(/-/g, '_'));
}

/** `virtio_i2c_out_hdr` → `VIRTIO_I2C_OUT_HDR`. */
export function upperName(name: string): string {
  return snakeCase(name).toUpperCase();
}

/** The module alias a spec is imported under: `$` keeps it apart from every name a spec defines. */
export function moduleAlias(specId: string): string {
  return `$${snakeCase(specId)}`;
}

/** Keys of the table: what is named (`size`, `encode`, …) and the model name it belongs to. */
export type NameKind =
  | 'const' | 'type' | 'is' | 'mask' | 'size' | 'sizeOf' | 'encode' | 'decode' | 'bits' | 'features' | 'device'
  | 'functions' | 'args' | 'results' | 'message' | 'messageTypes' | 'encodeMessage' | 'decodeMessage';

/** Every exported binding of one spec module. */
export class SpecNames {
  readonly specId: string;
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(specId: string) {
    this.specId = specId;
  }

  /** Claims a binding; a taken name gets trailing `_` until it is free. */
  claim(kind: NameKind, name: string, preferred: string): string {
    const key = `${kind}:${name}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    let binding = tsBinding(preferred);
    while (this.taken.has(binding)) binding = `${binding}_`;
    this.taken.add(binding);
    this.byKey.set(key, binding);
    return binding;
  }

  get(kind: NameKind, name: string): string {
    const binding = this.byKey.get(`${kind}:${name}`);
    if (binding === undefined) throw new Error(`ts generator: no ${kind} name for ${name} in ${this.specId}`);
    return binding;
  }
}

/** `PSCI_VERSION_MAJOR` → `psciVersionMajor`: a C macro name as a TypeScript function name. */
export function camelName(name: string): string {
  const pascal = typeName(name.toLowerCase());
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Names for every spec of the model, keyed by spec id. */
export function nameCorpus(model: Model): Map<string, SpecNames> {
  return new Map(model.specs.map((spec) => [spec.id, nameSpec(spec)]));
}

function nameSpec(spec: Spec): SpecNames {
  const names = new SpecNames(spec.id);
  // 1. Author names: C constants of every kind keep their spelling.
  for (const group of spec.constants) for (const c of group.constants) names.claim('const', c.name, c.name);
  for (const e of spec.enums) for (const v of e.values) names.claim('const', v.name, v.name);
  for (const f of spec.flags) for (const flag of f.flags) names.claim('const', flag.name, flag.name);
  for (const set of spec.features) for (const feature of set.features) names.claim('const', feature.name, feature.name);
  for (const device of spec.devices) {
    names.claim('const', device.idName, device.idName);
    for (const feature of device.features) names.claim('const', feature.name, feature.name);
  }
  for (const iface of spec.hypercalls) for (const fn of iface.functions) names.claim('const', fn.idName, fn.idName);
  // Format 2: aliases keep their C spelling too; value-layout accessors are camelCase functions.
  const aliases = (item: { aliases?: string[] }): void => { for (const alias of item.aliases ?? []) names.claim('const', alias, alias); };
  for (const group of spec.constants) group.constants.forEach(aliases);
  for (const e of spec.enums) e.values.forEach(aliases);
  for (const f of spec.flags) f.flags.forEach(aliases);
  for (const set of spec.features) set.features.forEach(aliases);
  for (const device of spec.devices) device.features.forEach(aliases);
  for (const f of spec.flags) {
    for (const flag of f.flags) if (flag.getter) names.claim('const', flag.getter, camelName(flag.getter));
    if (f.make) names.claim('const', f.make.name, camelName(f.make.name));
  }
  // 2. Author type names, PascalCase.
  for (const s of spec.structs) names.claim('type', s.name, typeName(s.name));
  for (const e of spec.enums) names.claim('type', e.name, typeName(e.name));
  for (const f of spec.flags) names.claim('type', f.name, typeName(f.name));
  // 3. Derived names, in a fixed order.
  for (const e of spec.enums) names.claim('is', e.name, `is${typeName(e.name)}`);
  for (const f of spec.flags) names.claim('mask', f.name, `${typeName(f.name)}Mask`);
  for (const s of spec.structs) {
    const pascal = typeName(s.name);
    names.claim('size', s.name, `${upperName(s.name)}_SIZE`);
    names.claim('encode', s.name, `encode${pascal}`);
    names.claim('decode', s.name, `decode${pascal}`);
    if (s.flexible) names.claim('sizeOf', s.name, `sizeOf${pascal}`);
    for (const field of s.fields) {
      if (field.bitfields.length > 0) names.claim('bits', `${s.name}.${field.name}`, `${pascal}${typeName(field.name)}Bits`);
    }
  }
  for (const set of spec.features) names.claim('features', set.name, typeName(set.name));
  for (const device of spec.devices) names.claim('device', device.name, `${typeName(device.name)}Device`);
  for (const iface of spec.hypercalls) {
    const pascal = typeName(iface.name);
    names.claim('functions', iface.name, `${pascal}Functions`);
    for (const fn of iface.functions) {
      // `ffa` + `FFA_VERSION_32` → `FfaVersion32Args`, not `FfaFfaVersion32Args`.
      const prefix = `${iface.name.toUpperCase()}_`;
      const own = fn.name.toUpperCase().startsWith(prefix) && fn.name.length > prefix.length ? fn.name.slice(prefix.length) : fn.name;
      const base = `${pascal}${typeName(own)}`;
      if (fn.args.length > 0) names.claim('args', `${iface.name}.${fn.name}`, `${base}Args`);
      if (fn.results.length > 0) names.claim('results', `${iface.name}.${fn.name}`, `${base}Results`);
    }
  }
  for (const protocol of spec.protocols) {
    const pascal = typeName(protocol.name);
    names.claim('message', protocol.name, `${pascal}Message`);
    names.claim('messageTypes', protocol.name, `${pascal}MessageTypes`);
    names.claim('encodeMessage', protocol.name, `encode${pascal}Message`);
    names.claim('decodeMessage', protocol.name, `decode${pascal}Message`);
  }
  return names;
}
