/**
 * The canonical model: the one value every generator reads.
 *
 * It is plain JSON (no classes, no bigint, no undefined), sorted deterministically, and described
 * by `schemas/model.schema.json`; `hvspec model` prints it. Layout (sizes, offsets, bit positions,
 * function IDs, registers) is computed here once; generators print it and never recompute it.
 *
 * Integer *values* (constants, enum values, flag masks, function IDs) are carried as decimal
 * strings (`"3288334339"`), because JSON numbers lose precision above 2^53 and 64-bit masks and
 * IDs are common. Parse them with `BigInt(value)`. Sizes, offsets, bit numbers and indexes are
 * small and stay plain numbers.
 */

/**
 * Version of the model's shape; bumped when a generator would need to change. 2: format 2 (inline
 * members as `TypeRef` kind `inline`, `char`, counted arrays, C types of values, register maps,
 * aliases and legacy items): a generator written for 1 would silently mis-lay those out.
 */
export const MODEL_FORMAT = 2;

export interface Model {
  /** Always MODEL_FORMAT. */
  hvspecModel: 2;
  /** Standards, sorted by id. */
  specs: Spec[];
}

/** Where an item was defined: a path relative to the standards root (forward slashes), 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

export type SpecStatus = 'draft' | 'standard' | 'deprecated';

export interface Spec {
  /** e.g. `virtio-i2c`: lower-case, digits and dashes. */
  id: string;
  title: string;
  /** Semver, e.g. `1.0.0`. */
  version: string;
  status: SpecStatus;
  /** Spec ids this one requires directly, sorted. */
  requires: string[];
  editors: string[];
  /** SPDX licence expression the document states (front matter `license:`), e.g. `Apache-2.0`. */
  license?: string;
  /** Primary sources the standard follows (spec sections, headers), as written in front matter. */
  sources: Citation[];
  /** Path of the document, relative to the standards root, e.g. `standards/virtio-i2c.md`. */
  file: string;
  /**
   * Present when the spec comes from a standard library (an npm package, e.g. `hvspec`) rather than
   * this repository: it is checked and may be required, but this repository does not publish it.
   */
  library?: string;
  /** Breaking changes this version accepts (front matter `breaking:`), read by `hvspec diff`. */
  breaking: Suppression[];
  /** The document in source order: prose and the items its blocks define. */
  body: BodyPart[];
  /** Every item the spec defines, by kind, each list sorted by name (requirements by id). */
  constants: ConstantGroup[];
  enums: Enum[];
  flags: FlagSet[];
  structs: Struct[];
  features: FeatureSet[];
  devices: Device[];
  hypercalls: HypercallInterface[];
  protocols: Protocol[];
  requirements: Requirement[];
  /** Golden vectors (`example` blocks), sorted by name. */
  examples: Example[];
  /** Register maps (`registers` blocks), sorted by name; absent when the spec has none (format 2). */
  registers?: RegisterMap[];
}

/** A reviewed breaking change: a diff rule (code or id), optionally limited to one item, and why. */
export interface Suppression {
  rule: string;
  item?: string;
  reason: string;
}

export interface Citation {
  title: string;
  /** A URL or a reference such as "VIRTIO 1.3 §5.19". */
  ref?: string;
}

/**
 * One piece of the document in order. `prose` is the Markdown source text between blocks, with its
 * first line; `item` points at something a block defined (kind + name, or the requirements block's
 * ids), so a publisher can place the generated table where the author put the block.
 */
export type BodyPart =
  | { part: 'prose'; markdown: string; line: number }
  | { part: 'item'; kind: ItemKind; name: string }
  | { part: 'requirements'; ids: string[] };

export type ItemKind = 'constants' | 'enum' | 'flags' | 'struct' | 'union' | 'features' | 'device' | 'hypercalls' | 'protocol' | 'registers' | 'example';

// ---------------------------------------------------------------------------------------------
// Types

export type PrimitiveName =
  | 'u8' | 'u16' | 'u32' | 'u64'
  /** One byte of text (`char debug_name[64]` in virtio_gpu.h): stored like `u8`, printed as C `char`. */
  | 'char'
  | 'i8' | 'i16' | 'i32' | 'i64'
  | 'le16' | 'le32' | 'le64'
  | 'be16' | 'be32' | 'be64';

/** `native` for the u and i types (host order, as in registers and in-memory hypercall arguments). */
export type Endian = 'little' | 'big' | 'native';

export interface Primitive {
  kind: 'primitive';
  name: PrimitiveName;
  /** Bytes: 1, 2, 4 or 8. */
  size: number;
  /** Natural alignment in bytes (equal to size). */
  align: number;
  signed: boolean;
  endian: Endian;
}

/** A reference to a named type; `spec` is the id of the spec that defines it. */
export interface NamedTypeRef {
  kind: 'struct' | 'union';
  name: string;
  spec: string;
}

/** An enum or flag set used as a field type: stored as its underlying primitive. */
export interface ValueTypeRef {
  kind: 'enum' | 'flags';
  name: string;
  spec: string;
  storage: Primitive;
}

export interface ArrayType {
  kind: 'array';
  element: TypeRef;
  /** Element count; null for a trailing flexible array (`u8[]`). */
  length: number | null;
  /** When the length was written as a constant's name (`u8[VIRTIO_FOO_LEN]`), that name. */
  lengthConstant?: string;
}

/**
 * A struct or union type written inline in a field (`union { … };`, `struct { … } csum;` in
 * virtio_net.h's `virtio_net_hdr_v1`). Its fields' offsets are from the start of the outermost
 * named struct, like every other field of it.
 */
export interface InlineType {
  kind: 'inline';
  aggregate: 'struct' | 'union';
  /** Doc of the inline type (`union: { doc }`), '' if none. */
  doc: string;
  fields: Field[];
  size: number;
  align: number;
}

export type TypeRef = Primitive | NamedTypeRef | ValueTypeRef | ArrayType | InlineType;

/**
 * The element count of a counted array: `field * scale + add`, e.g. `indirection_table_mask + 1`
 * (virtio_net.h `virtio_net_rss_config`). The array's declared length still gives the C layout.
 */
export interface ArrayCount {
  /** An earlier integer field of the same struct (through anonymous members). */
  field: string;
  scale: number;
  add: number;
  /** As written, normalised: `indirection_table_mask + 1`. */
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Items

/**
 * The C type of a constant's macro (format 2): what `_Generic` sees in the established header,
 * e.g. `int` for Linux's `#define VIRTIO_ID_NET 1`, `unsigned long` for `_BITUL(0)`. `long` is
 * 64-bit (LP64).
 */
export type CTypeName = 'int' | 'unsigned int' | 'long' | 'unsigned long' | 'long long' | 'unsigned long long';

export interface Constant {
  name: string;
  /** Second names for the same value (C: `#define ALIAS NAME`), e.g. `VIRTIO_BLK_F_WCE` for `VIRTIO_BLK_F_FLUSH`. */
  aliases?: string[];
  /** Present for a legacy item: the guard macro it is printed under (`#ifndef VIRTIO_BLK_NO_LEGACY`). */
  legacy?: string;
  /** Decimal string, exact. */
  value: string;
  /** Declared type, when the author gave one (e.g. `u32`); generators may use it for the literal suffix. */
  type?: PrimitiveName;
  /** C type of the macro (always set by the builder; see CTypeName). */
  cType?: CTypeName;
  /**
   * When the value was written as an expression, that expression as C prints it, e.g.
   * `(1U << PSCI_VERSION_MAJOR_SHIFT) - 1`; `value` is its computed result.
   */
  expression?: string;
  doc: string;
  source: SourceRef;
}

/** A `constants` block: a named group of constants (the name is for documentation only). */
export interface ConstantGroup {
  name: string;
  doc: string;
  constants: Constant[];
  source: SourceRef;
}

export interface EnumValue {
  /** Full constant name, e.g. `VIRTIO_I2C_MSG_OK`. */
  name: string;
  /** Second names for the same value (C: `#define ALIAS NAME`), e.g. `VIRTIO_BLK_F_WCE` for `VIRTIO_BLK_F_FLUSH`. */
  aliases?: string[];
  /** Present for a legacy item: the guard macro it is printed under (`#ifndef VIRTIO_BLK_NO_LEGACY`). */
  legacy?: string;
  /** Decimal string, exact. */
  value: string;
  /** C type of the value's macro or enumerator (always set by the builder). */
  cType?: CTypeName;
  /** The expression the value was written as, if any (see Constant.expression). */
  expression?: string;
  doc: string;
  source: SourceRef;
}

/** An enum, e.g. `virtio_i2c_msg_status` or an error-code set. Values in source order. */
export interface Enum {
  name: string;
  doc: string;
  /** Underlying type: the size and byte order of the value in memory or in a register. */
  storage: Primitive;
  /** C spelling (format 2): `enum name { … };` (tagged) or `enum { … };` (anonymous); absent: `#define`s. */
  cEnum?: 'tagged' | 'anonymous';
  /** Values in the order written. */
  values: EnumValue[];
  source: SourceRef;
}

export interface Flag {
  /** Full constant name of the mask, e.g. `VIRTIO_I2C_FLAGS_M_RD`. */
  name: string;
  /** Second names for the same value (C: `#define ALIAS NAME`), e.g. `VIRTIO_BLK_F_WCE` for `VIRTIO_BLK_F_FLUSH`. */
  aliases?: string[];
  /** Present for a legacy item: the guard macro it is printed under (`#ifndef VIRTIO_BLK_NO_LEGACY`). */
  legacy?: string;
  /** Lowest bit position (0 = least significant). */
  bit: number;
  /** Number of bits (1 for a plain flag; more for a multi-bit field). */
  width: number;
  /** `((1 << width) - 1) << bit`, decimal string. */
  mask: string;
  /** C type of the mask macro (always set by the builder). */
  cType?: CTypeName;
  /** Name of the function-like macro extracting the field from a value, e.g. `PSCI_VERSION_MAJOR`. */
  getter?: string;
  doc: string;
  source: SourceRef;
}

/** A function-like macro building a value from fields of a flag set, e.g. `PSCI_VERSION(maj, min)`. */
export interface ValueConstructor {
  name: string;
  /** Parameter names, one per field, in order. */
  params: string[];
  /** Flag (field) names the parameters fill, in order. */
  fields: string[];
  doc: string;
}

/** A set of bit flags (or small multi-bit fields) in an integer, e.g. `virtio_i2c_flags`. */
export interface FlagSet {
  name: string;
  doc: string;
  storage: Primitive;
  /** In bit order. */
  flags: Flag[];
  /** Format 2: the macro that builds a value from the fields (`make:`). */
  make?: ValueConstructor;
  source: SourceRef;
}

/** A named bit range inside an integer field (bit 0 = least significant of the field's value). */
export interface BitField {
  name: string;
  bit: number;
  width: number;
  /** Decimal string mask within the field's value. */
  mask: string;
  doc: string;
  /** When the bits hold an enum's value, that enum's name. */
  enum?: string;
}

export interface Field {
  name: string;
  doc: string;
  type: TypeRef;
  /**
   * Byte offset from the start of the (outermost named) struct; 0 for every member of a named
   * union. Fields inside inline members count from the outermost struct too.
   */
  offset: number;
  /** Bytes; 0 for a flexible array. */
  size: number;
  align: number;
  /** Reserved or padding: writers put zero, readers ignore (the standard's rule says which). */
  reserved: boolean;
  /** Sub-fields inside an integer field, in bit order. */
  bitfields: BitField[];
  /** An inline member without a name (C11 anonymous struct/union): `name` is ''. */
  anonymous?: true;
  /** For a counted array: the field that holds its element count. */
  count?: ArrayCount;
  /**
   * Name of the nearest earlier counted array with a declared length: on the wire this field
   * moves with that array's count; `offset` is for the declared length (as in C).
   */
  afterCounted?: string;
  source: SourceRef;
}

/** A struct or union with its computed C layout. */
export interface Struct {
  kind: 'struct' | 'union';
  name: string;
  doc: string;
  /** Total size including tail padding; for a struct with a flexible array, the size without it. */
  size: number;
  align: number;
  /** `packed` was asked for: no padding, alignment 1. */
  packed: boolean;
  /** Whether the last field is a flexible array. */
  flexible: boolean;
  fields: Field[];
  source: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Virtio

export interface Feature {
  /** Bit number, 0..127 (VIRTIO 1.3 §2.2). */
  bit: number;
  name: string;
  /** Second names for the same value (C: `#define ALIAS NAME`), e.g. `VIRTIO_BLK_F_WCE` for `VIRTIO_BLK_F_FLUSH`. */
  aliases?: string[];
  /** Present for a legacy item: the guard macro it is printed under (`#ifndef VIRTIO_BLK_NO_LEGACY`). */
  legacy?: string;
  doc: string;
  source: SourceRef;
}

/** Feature bits not tied to one device: the transport range (VIRTIO 1.3 §6), declared in a `features` block. */
export interface FeatureSet {
  name: string;
  scope: 'transport' | 'device';
  doc: string;
  features: Feature[];
  source: SourceRef;
}

export interface Virtqueue {
  index: number;
  name: string;
  doc: string;
}

/** One request kind a device serves: the device-readable part and the device-writable part. */
export interface DeviceRequest {
  name: string;
  /** Virtqueue name the request travels on. */
  queue: string;
  doc: string;
  /** Device-readable parts the driver puts first, in order (structs, or e.g. a `u8[]` buffer). */
  request: TypeRef[];
  /** Device-writable parts that follow, in order. */
  response: TypeRef[];
}

export interface Device {
  /** e.g. `i2c-adapter`. */
  name: string;
  /** VIRTIO device ID, e.g. 34. */
  id: number;
  /** Constant naming the ID, e.g. `VIRTIO_ID_I2C_ADAPTER`. */
  idName: string;
  doc: string;
  virtqueues: Virtqueue[];
  /** In bit order. */
  features: Feature[];
  /** Config-space struct name, if the device has one. */
  config: string | null;
  requests: DeviceRequest[];
  /** Enum of the request status codes, if any. */
  status: string | null;
  source: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Hypercalls

export type Conduit = 'smc' | 'hvc' | 'vmcall' | 'vmmcall';
export type SmcccVersion = '1.0' | '1.1' | '1.2';
export type Convention = 'smccc' | 'xen' | 'kvm';
export type Arch = 'aarch64' | 'x86_64';

/** How one architecture performs calls of an interface: computed from convention and conduits. */
export interface CallAbi {
  arch: Arch;
  /** e.g. `hvc #0`, `smc #0`, `hvc #0xea1`, `vmcall`, `vmmcall`. */
  instructions: string[];
  /** Register holding the function ID / hypercall number. */
  idRegister: string;
  /** Argument registers in order (64-bit names). */
  argRegisters: string[];
  /** Result registers in order (64-bit names). */
  resultRegisters: string[];
  /** Registers the call may change beyond the results (for inline-asm clobber lists). */
  clobbers: string[];
}

export interface RegisterValue {
  name: string;
  doc: string;
  type: TypeRef;
  /** Position among the call's arguments or results (0-based). */
  index: number;
  /** Register per architecture the interface supports, e.g. `{ aarch64: 'x1', x86_64: 'rbx' }`. */
  registers: Partial<Record<Arch, string>>;
}

export interface HypercallFunction {
  name: string;
  doc: string;
  /** Function number as written (SMCCC bits 15:0; Xen/KVM: the hypercall number). */
  number: number;
  /** Computed function ID (SMCCC: with type, width and entity bits), decimal string. */
  id: string;
  /** SMCCC only: fast call (bit 31 set) or yielding. */
  fast?: boolean;
  /** SMCCC only: SMC32/HVC32 (32) or SMC64/HVC64 (64) calling convention (bit 30). */
  width?: 32 | 64;
  /** Constant naming the ID, e.g. `PSCI_0_2_FN64_CPU_ON`. */
  idName: string;
  args: RegisterValue[];
  results: RegisterValue[];
  /** Struct passed by guest-physical address, when the call's arguments live in memory. */
  memory: string | null;
  source: SourceRef;
}

export interface HypercallInterface {
  name: string;
  doc: string;
  convention: Convention;
  /** Instructions the interface may be reached through, e.g. PSCI: smc and hvc. */
  conduits: Conduit[];
  /** SMCCC owning entity number (bits 29:24), e.g. 4 for standard secure services. */
  entity?: number;
  /**
   * SMCCC only: the calling-convention version callers may assume (front of DEN0028), which sets
   * the registers in `abis`: 1.0 and 1.1 pass arguments in x1–x7 and results in x0–x3, 1.0 may
   * corrupt x4–x17 and 1.1 preserves them; 1.2 passes x1–x17 and returns x0–x17, preserving the
   * registers a function does not return in.
   */
  smcccVersion?: SmcccVersion;
  /** Enum of error/return codes, if any. */
  errors: string | null;
  abis: CallAbi[];
  /** Sorted by computed ID. */
  functions: HypercallFunction[];
  source: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Message protocols

export type Direction = 'driver-to-device' | 'device-to-driver' | 'guest-to-host' | 'host-to-guest' | 'either';

export interface Message {
  /** Name of the message-type enum value that identifies it. */
  name: string;
  /** Its value (decimal string), copied from the enum. */
  value: string;
  direction: Direction;
  doc: string;
  /** Struct following the header, if any. */
  payload: string | null;
  /** Name of the message (or struct) that answers it, if any. */
  reply: string | null;
}

export interface Protocol {
  name: string;
  doc: string;
  /** Header struct every message starts with. */
  header: string;
  /** Header field holding the message type. */
  discriminator: string;
  /** Enum of message types. */
  messageTypes: string;
  messages: Message[];
  source: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Normative statements

/** RFC 2119 / 8174 level, strongest keyword of the statement. */
export type Level = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY';
export type Role = 'device' | 'driver' | 'hypervisor' | 'guest' | 'caller' | 'callee' | 'backend' | 'frontend' | 'firmware';

export interface Requirement {
  /** Stable id, unique across the corpus, e.g. `i2c-dev-status`. */
  id: string;
  level: Level;
  role: Role;
  /** Section title the statement belongs to, e.g. "Device Operation". */
  section: string;
  /** Markdown text of the statement. */
  text: string;
  source: SourceRef;
}

// ---------------------------------------------------------------------------------------------
// Examples (golden vectors)

/**
 * One scalar of an example, placed in the bytes by the model's layout: every leaf the author gave
 * (nested structs, array elements, the chosen union member), in offset order. Bytes no leaf
 * covers (padding, reserved fields left out) are 0. Generators print these; they never lay out again.
 */
export interface ExampleLeaf {
  /** C access path from the struct, e.g. `hdr.type`, `data[2]`, `u.cmd`. */
  path: string;
  /** Byte offset from the start of the example. */
  offset: number;
  size: number;
  /** The value as stored: unsigned, two's complement for signed types, decimal string, exact. */
  value: string;
  signed: boolean;
  /** Byte order in the bytes: `native` (u/i types) is written little-endian, as on aarch64 and x86_64. */
  endian: Endian;
  reserved: boolean;
  /** The enum value or flag names the author wrote, for documentation and generated comments. */
  symbol?: string;
}

/** A struct (or union) instance and its exact bytes. */
export interface StructExample {
  kind: 'struct';
  /** Unique across the corpus, e.g. `i2c-read-register`. */
  name: string;
  doc: string;
  /** The struct or union, and the spec that defines it. */
  type: NamedTypeRef;
  direction: Direction | null;
  /** The bytes as written, lower-case hex without separators. */
  bytes: string;
  leaves: ExampleLeaf[];
  source: SourceRef;
}

export interface CallValue {
  name: string;
  /** Decimal string, exact; as the register holds it (two's complement for negative values). */
  value: string;
  symbol?: string;
}

/** A hypercall: the function ID and argument registers in, the result registers out. */
export interface CallExample {
  kind: 'call';
  name: string;
  doc: string;
  /** The function's ID constant, e.g. `PSCI_0_2_FN64_CPU_ON`, and its interface. */
  function: string;
  interface: string;
  /** Function ID, decimal string (checked against the computed ID). */
  id: string;
  args: CallValue[];
  results: CallValue[];
  source: SourceRef;
}

export type Example = StructExample | CallExample;

// ---------------------------------------------------------------------------------------------
// Register maps (format 2)

/** Who may access a register, as the driver sees it: read-only, write-only or read-write. */
export type RegisterAccess = 'RO' | 'WO' | 'RW';

/**
 * One register of a map, e.g. `VIRTIO_MMIO_STATUS` at 0x070, 32 bits, RW (linux/virtio_mmio.h,
 * VIRTIO 1.3 §4.2.2), or a byte window such as the device configuration space at 0x100.
 */
export interface Register {
  /** The C name of the offset constant, exactly as the established header spells it. */
  name: string;
  /** Byte offset from the base of the map. */
  offset: number;
  /** Access width in bits (8, 16, 32 or 64); 0 for a window. */
  width: number;
  /** Bytes the register covers: width / 8, or the window's size (0 when the window is open-ended). */
  size: number;
  window: boolean;
  access: RegisterAccess;
  /** Value after reset, decimal string, exact; absent when the standard states none. */
  reset?: string;
  doc: string;
  /** Only in the legacy interface (emitted under the map's legacy guard). */
  legacy: boolean;
  /** Prose: the feature or condition the register depends on. */
  condition?: string;
  /** The register whose bytes this one shares (a second view of the same offset). */
  aliasOf?: string;
  /** Named bits inside the register's value, in bit order; masks within the register. */
  bitfields: BitField[];
  source: SourceRef;
}

/** A `registers` block: a memory-mapped register map such as the virtio-mmio register block. */
export interface RegisterMap {
  name: string;
  doc: string;
  /** Byte order of every register (VIRTIO 1.x transports: little). */
  endian: Endian;
  /** C macro that hides the legacy registers when defined, e.g. `VIRTIO_MMIO_NO_LEGACY`. */
  legacyGuard?: string;
  /** How C prints the offsets: `0x00c` (radix 16, 3 digits, as virtio_mmio.h) or `12` (radix 10, as virtio_pci.h). */
  cOffsets: { radix: 10 | 16; digits: number };
  /** In offset order (aliases after the register they alias). */
  registers: Register[];
  source: SourceRef;
}
