/**
 * How model names become Rust names, in one place so every template agrees:
 * - types (structs, unions, enums, flag sets): PascalCase (`virtio_i2c_out_hdr` → `VirtioI2cOutHdr`);
 * - fields, methods, modules: the name as written, as a raw identifier when it is a keyword
 *   (`type` → `r#type`; `self` → `self_`), via escapeRust from src/names;
 * - constants: exactly the model's name (`VIRTIO_ID_I2C_ADAPTER`), so C users find them;
 * - enum variants and flag constants: the value names without their common prefix
 *   (`VIRTIO_I2C_MSG_OK` in `virtio_i2c_msg_status` → `Ok`), falling back to the full name
 *   wherever stripping would give an invalid or duplicate name.
 */
import { escapeRust, pascalCase, snakeCase, upperSnakeCase } from '../../src/names/identifiers.ts';
import type { Model } from '../../src/model/types.ts';

/** Module names of the crate's own shared modules; a spec id equal to one gets `_spec` appended. */
export const SHARED_MODULES = ['endian', 'hypercall'] as const;

/** `virtio-i2c` → `virtio_i2c`: the spec's module name (its file drops a leading `r#`). */
export function moduleName(specId: string): string {
  const snake = snakeCase(specId);
  return escapeRust((SHARED_MODULES as readonly string[]).includes(snake) ? `${snake}_spec` : snake);
}

/**
 * Prelude names the generated code uses unqualified (`Result`, `Ok(...)`, `impl From`...): a
 * type of the standard with one of these names would shadow it in its module, so it gets a
 * trailing `_` (`result` → `Result_`).
 */
const PRELUDE_NAMES: ReadonlySet<string> = new Set([
  'Option', 'Some', 'None', 'Result', 'Ok', 'Err', 'From', 'Into', 'TryFrom', 'TryInto', 'Default',
  'Clone', 'Copy', 'PartialEq', 'Eq', 'Sized', 'Send', 'Sync', 'Drop', 'Fn', 'FnMut', 'FnOnce',
  'Iterator', 'IntoIterator', 'AsRef', 'AsMut', 'Debug', 'Hash',
]);

/** A type name (struct, enum, flags) as a Rust type name. */
export function typeName(name: string): string {
  const pascal = pascalCase(name);
  return PRELUDE_NAMES.has(pascal) ? `${pascal}_` : escapeRust(pascal);
}

/** A field, argument or method name as a Rust identifier. */
export function valueName(name: string): string {
  return escapeRust(name);
}

/** A function name as a snake-case method name: `CPU_ON` → `cpu_on`. */
export function methodName(name: string): string {
  return escapeRust(snakeCase(name));
}

const RUST_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The underscore-separated words all `names` start with, kept only if every name keeps at least
 * one word and every remainder starts with a letter. One name: no prefix.
 */
function commonPrefixWords(names: string[]): number {
  if (names.length < 2) return 0;
  const split = names.map((name) => name.split('_'));
  let count = 0;
  const shortest = Math.min(...split.map((words) => words.length));
  while (count < shortest - 1 && split.every((words) => words[count] === split[0]![count] && words[count] !== '')) count++;
  while (count > 0 && !split.every((words) => /^[A-Za-z]/.test(words[count]!))) count--;
  return count;
}

function uniqueOrFallback(short: string[], full: string[]): string[] {
  const valid = short.every((name) => RUST_IDENT.test(name)) && new Set(short).size === short.length;
  const chosen = valid ? short : full;
  // Even full names can collide after case conversion (FOO_BAR / FOO__BAR); number the later ones.
  const seen = new Map<string, number>();
  return chosen.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}${count + 1}`;
  });
}

/** Enum value names as variant names: `PSCI_RET_NOT_SUPPORTED` → `NotSupported`. */
export function variantNames(valueNames: string[]): string[] {
  const strip = commonPrefixWords(valueNames);
  const short = valueNames.map((name) => escapeRust(pascalCase(name.split('_').slice(strip).join('_'))));
  const full = valueNames.map((name) => escapeRust(pascalCase(name)));
  return uniqueOrFallback(short, full);
}

/** Flag names as associated constants of their flag type: `VIRTIO_I2C_FLAGS_M_RD` → `M_RD`. */
export function flagConstNames(flagNames: string[]): string[] {
  const strip = commonPrefixWords(flagNames);
  const short = flagNames.map((name) => upperSnakeCase(name.split('_').slice(strip).join('_')));
  return uniqueOrFallback(short, flagNames.map((name) => upperSnakeCase(name)));
}

export type TypeKind = 'struct' | 'union' | 'enum' | 'flags';

/**
 * Finds which spec defines a type named only by a string (protocol headers, device configs,
 * error enums): the referring spec first, then the specs it requires, then any spec.
 */
export class TypeIndex {
  private readonly bySpec = new Map<string, Map<string, TypeKind>>();
  private readonly requires = new Map<string, string[]>();
  private readonly specOrder: string[];

  constructor(model: Model) {
    this.specOrder = model.specs.map((spec) => spec.id);
    for (const spec of model.specs) {
      const names = new Map<string, TypeKind>();
      for (const item of spec.structs) names.set(item.name, item.kind);
      for (const item of spec.enums) names.set(item.name, 'enum');
      for (const item of spec.flags) names.set(item.name, 'flags');
      this.bySpec.set(spec.id, names);
      this.requires.set(spec.id, spec.requires);
    }
  }

  /** The id of the spec defining `name` as seen from `fromSpec`, or null. */
  find(name: string, fromSpec: string): string | null {
    const visited = new Set<string>();
    const queue = [fromSpec];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (visited.has(id)) continue;
      visited.add(id);
      if (this.bySpec.get(id)?.has(name)) return id;
      queue.push(...(this.requires.get(id) ?? []));
    }
    return this.specOrder.find((id) => this.bySpec.get(id)?.has(name)) ?? null;
  }

  kind(name: string, spec: string): TypeKind | null {
    return this.bySpec.get(spec)?.get(name) ?? null;
  }
}

/** Path of a type as written in module `fromSpec`: bare in its own module, `crate::m::T` elsewhere. */
export function typePath(name: string, spec: string, fromSpec: string): string {
  return spec === fromSpec ? typeName(name) : `crate::${moduleName(spec)}::${typeName(name)}`;
}
