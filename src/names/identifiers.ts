import { C_KEYWORDS, CPP_KEYWORDS, RUST_KEYWORDS, RUST_NON_RAW, TS_KEYWORDS } from './keywords.ts';

/** The identifier rule of the format: C identifiers, ASCII only. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** C99 guarantees 63 significant characters for internal identifiers. */
export const MAX_IDENTIFIER_LENGTH = 63;

/**
 * Why a name cannot be used as a C/C++ identifier, or null if it can. A keyword can never be a
 * name; a reserved prefix is formally the implementation's, which platform headers (Xen's
 * `__HYPERVISOR_*`) use anyway, so the checker lets constants keep one.
 */
export function reservedInC(name: string): { kind: 'keyword' | 'cpp-keyword' | 'reserved-prefix'; reason: string } | null {
  if (C_KEYWORDS.has(name)) return { kind: 'keyword', reason: 'a C keyword' };
  if (CPP_KEYWORDS.has(name)) return { kind: 'cpp-keyword', reason: 'a C++ keyword' };
  if (/^__/.test(name) || /^_[A-Z]/.test(name)) return { kind: 'reserved-prefix', reason: 'reserved for the C implementation (leading "__" or "_" and a capital)' };
  return null;
}

/** `virtio_i2c_out_hdr` → `VirtioI2cOutHdr`; `VIRTIO_ID_NET` → `VirtioIdNet`. Type names in Rust and TS. */
export function pascalCase(name: string): string {
  return name
    .split(/_+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join('') || '_';
}

/** `VIRTIO_I2C_MSG_OK` → `virtioI2cMsgOk`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

/**
 * The TypeScript property key of a struct field or register value: camelCase (`wall_clock_low` →
 * `wallClockLow`), `_`-prefixed when it would start with a digit. The rules check that the members
 * of one struct or call stay distinct under it, so the generator can rely on that.
 */
export function tsPropertyName(name: string): string {
  const camel = camelCase(name);
  return /^[0-9]/.test(camel) ? `_${camel}` : camel;
}

/** `VirtioI2cOutHdr` or `virtio_i2c_out_hdr` → `VIRTIO_I2C_OUT_HDR`. */
export function upperSnakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();
}

/** `virtio-i2c` → `virtio_i2c` (module and file names). */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
}

/** A name as a Rust identifier: raw identifier for keywords, trailing `_` where raw is not allowed. */
export function escapeRust(name: string): string {
  if (RUST_NON_RAW.has(name)) return `${name}_`;
  if (RUST_KEYWORDS.has(name)) return `r#${name}`;
  return name;
}

/** A name as a TypeScript binding (variable, function, type): trailing `_` for reserved words. */
export function escapeTs(name: string): string {
  return TS_KEYWORDS.has(name) ? `${name}_` : name;
}
