/**
 * The page's own ids. Every id the generator writes starts with one of these prefixes; ids that
 * come from the source (Markdown) are prefixed `u-` by the sanitizer, so they can never equal one
 * of ours, nor `search`, `toc` or any other id of the page shell.
 */
import type { ItemKind } from '../../src/model/types.ts';

export const USER_ID_PREFIX = 'u-';

/** A file name for a spec page: spec ids are `[a-z][a-z0-9-]*`, so they are safe as they are. */
export function specPage(specId: string): string {
  return `${specId}.html`;
}

export const anchor = {
  /** A prose section; `slug` comes from github-slugger and is unique within the page. */
  section: (slug: string) => `sec-${slug}`,
  /** Struct, union, enum and flag set names share C's tag namespace. */
  type: (name: string) => `type-${name}`,
  field: (struct: string, field: string) => `field-${struct}.${field}`,
  bitfield: (struct: string, field: string, bits: string) => `field-${struct}.${field}.${bits}`,
  /** Constants, enum values, flags, feature bits: C's ordinary identifier namespace. */
  constant: (name: string) => `const-${name}`,
  constantGroup: (name: string) => `consts-${name}`,
  featureSet: (name: string) => `features-${name}`,
  device: (name: string) => `dev-${name}`,
  hypercalls: (name: string) => `hc-${name}`,
  function: (iface: string, name: string) => `fn-${iface}.${name}`,
  protocol: (name: string) => `proto-${name}`,
  example: (name: string) => `example-${name}`,
  registers: (name: string) => `regs-${name}`,
  register: (name: string) => `reg-${name}`,
  requirement: (id: string) => `req-${id}`,
  conformance: () => 'conformance',
  conformanceRole: (role: string) => `conformance-${role}`,
};

/** The anchor of the definition a body part places. */
export function itemAnchor(kind: ItemKind, name: string): string {
  switch (kind) {
    case 'struct':
    case 'union':
    case 'enum':
    case 'flags':
      return anchor.type(name);
    case 'constants':
      return anchor.constantGroup(name);
    case 'features':
      return anchor.featureSet(name);
    case 'device':
      return anchor.device(name);
    case 'hypercalls':
      return anchor.hypercalls(name);
    case 'protocol':
      return anchor.protocol(name);
    case 'example':
      return anchor.example(name);
    case 'registers':
      return anchor.registers(name);
  }
}
