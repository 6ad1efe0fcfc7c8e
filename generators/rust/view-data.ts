/**
 * Template views of a spec's data items: constants, enums, flag sets, structs and unions. Every
 * number comes from the model (sizes, offsets, masks, values); nothing here computes layout.
 */
import type { ConstantGroup, Enum, Field, FlagSet, Struct } from '../../src/model/types.ts';
import { defaultConstType, docComment, hexGrouped, intLiteral, type RustInt } from './helpers.ts';
import { flagConstNames, typeName, valueName, variantNames } from './naming.ts';
import { endianType, hostInt, integerPrimitive, storageType, unsignedInt } from './types.ts';

/**
 * The module-level constant names already written: the same name from two sources (a device ID
 * that is also listed in a constants block) is written once, first source wins, instead of
 * failing to compile. The checker is where duplicates are reported.
 */
export class ConstNames {
  private readonly names = new Set<string>();
  claim(name: string): boolean {
    if (this.names.has(name)) return false;
    this.names.add(name);
    return true;
  }
}

export interface ConstView {
  doc: string;
  name: string;
  type: RustInt;
  literal: string;
  /** Note of `#[deprecated]` for a legacy item (format 2), or ''. */
  deprecated: string;
}

/** Format 2 facts of a value: its aliases and its legacy guard. */
export interface ValueExtrasView { aliases?: string[]; legacy?: string }

export function constView(name: string, value: string | bigint, type: RustInt, doc: string, names: ConstNames, extras: ValueExtrasView = {}): ConstView[] {
  if (!names.claim(name)) return [];
  const deprecated = extras.legacy ? `legacy: C hides it under ${extras.legacy}` : '';
  // Keyword names (`let`) become raw identifiers; C code can still use the plain name.
  const views: ConstView[] = [{ doc: docComment(doc), name: valueName(name), type, literal: intLiteral(value, type), deprecated }];
  // A legacy alias repeats the value: naming the deprecated original would itself warn.
  for (const alias of extras.aliases ?? []) {
    if (names.claim(alias)) views.push({ doc: docComment(`Alias of [\`${valueName(name)}\`].`), name: valueName(alias), type, literal: deprecated ? intLiteral(value, type) : valueName(name), deprecated });
  }
  return views;
}

/** A `pub const fn` of a value layout (format 2): a getter or the constructor of a flag set. */
export interface LayoutFnView {
  doc: string;
  name: string;
  params: string;
  repr: RustInt;
  body: string;
}

export interface ConstGroupView {
  doc: string;
  constants: ConstView[];
}

export function constGroupView(group: ConstantGroup, names: ConstNames): ConstGroupView {
  const heading = group.doc === '' ? group.name : `${group.name}: ${group.doc}`;
  return {
    doc: docComment(heading, '', false).replace(/^\/\/\//gm, '//'),
    constants: group.constants.flatMap((constant) => {
      const value = BigInt(constant.value);
      const type = constant.type !== undefined ? hostIntOfName(constant.type) : defaultConstType(value);
      return constView(constant.name, value, type, constant.doc, names, constant);
    }),
  };
}

function hostIntOfName(name: string): RustInt {
  const match = /^(u|i|le|be)(\d+)$/.exec(name)!;
  return `${match[1] === 'i' ? 'i' : 'u'}${match[2]}` as RustInt;
}

export interface EnumView {
  doc: string;
  name: string;
  repr: RustInt;
  variants: { doc: string; name: string; literal: string }[];
  constants: ConstView[];
  /** Used as an interface's error enum: also implements StatusCode. */
  isStatus: boolean;
  /** Written negated in the status register (errno style: Xen, KVM). */
  negated: boolean;
  /** `crate::endian::Le16` when the storage has an explicit byte order: TryFrom it too. */
  storageType: string | null;
}

/** `status`: null when no interface uses the enum for errors, else whether it is negated on the wire. */
export function enumView(item: Enum, names: ConstNames, status: boolean | null): EnumView {
  const repr = hostInt(item.storage);
  const variants = variantNames(item.values.map((value) => value.name));
  return {
    doc: docComment(item.doc),
    name: typeName(item.name),
    repr,
    variants: item.values.map((value, index) => ({
      doc: docComment(value.doc ? `${value.doc}\n\n\`${value.name}\`` : `\`${value.name}\``, '    '),
      name: variants[index]!,
      literal: intLiteral(value.value, repr),
    })),
    constants: item.values.flatMap((value) => constView(value.name, value.value, repr, value.doc, names, value)),
    isStatus: status !== null,
    negated: status === true,
    storageType: endianPath(item.storage),
  };
}

function endianPath(storage: Enum['storage']): string | null {
  const endian = endianType(storage);
  return endian === null ? null : `crate::endian::${endian}`;
}

export interface FlagsView {
  doc: string;
  name: string;
  repr: RustInt;
  /** `crate::endian::Le32` when the storage has an explicit byte order: convert from it too. */
  storageType: string | null;
  flags: { doc: string; name: string; mask: string }[];
  allMask: string;
  constants: ConstView[];
  /** Accessor functions of the value layout (format 2 `get:` and `make:`). */
  functions: LayoutFnView[];
}

export function flagsView(item: FlagSet, names: ConstNames): FlagsView {
  const repr = unsignedInt(item.storage);
  const constNames = flagConstNames(item.flags.map((flag) => flag.name));
  const all = item.flags.reduce((mask, flag) => mask | BigInt(flag.mask), 0n);
  const describe = (bit: number, width: number): string =>
    width === 1 ? `Bit ${bit}.` : `Bits ${bit + width - 1}:${bit} (a ${width}-bit field).`;
  return {
    doc: docComment(item.doc),
    name: typeName(item.name),
    repr,
    flags: item.flags.map((flag, index) => ({
      doc: docComment(`${flag.doc}\n\n${describe(flag.bit, flag.width)} \`${flag.name}\``, '    '),
      name: constNames[index]!,
      mask: intLiteral(flag.mask, repr),
    })),
    allMask: intLiteral(all, repr),
    storageType: endianPath(item.storage),
    constants: item.flags.flatMap((flag) => constView(flag.name, flag.mask, repr, flag.doc, names, flag)),
    functions: layoutFunctions(item, repr),
  };
}

/** `PSCI_VERSION_MAJOR` → `pub const fn psci_version_major(v: u32) -> u32`, masks and shifts from the model. */
function layoutFunctions(item: FlagSet, repr: RustInt): LayoutFnView[] {
  const out: LayoutFnView[] = [];
  for (const flag of item.flags) {
    if (!flag.getter) continue;
    const masked = `v & ${intLiteral(flag.mask, repr)}`;
    out.push({ doc: docComment(`Bits ${flag.bit + flag.width - 1}:${flag.bit} of a \`${item.name}\` value (C: \`${flag.getter}(v)\`).`),
      name: flag.getter.toLowerCase(), params: `v: ${repr}`, repr, body: flag.bit === 0 ? masked : `(${masked}) >> ${flag.bit}` });
  }
  if (item.make) {
    const byName = new Map(item.flags.map((f) => [f.name, f]));
    const params = item.make.params.map((p) => valueName(p.toLowerCase()));
    const parts = item.make.fields.map((field, i) => {
      const flag = byName.get(field)!;
      return flag.bit === 0 ? `(${params[i]} & ${intLiteral(flag.mask, repr)})` : `((${params[i]} << ${flag.bit}) & ${intLiteral(flag.mask, repr)})`;
    });
    out.push({ doc: docComment(`${item.make.doc || `A \`${item.name}\` value from its fields.`} (C: \`${item.make.name}\`)`),
      name: item.make.name.toLowerCase(), params: params.map((p) => `${p}: ${repr}`).join(', '), repr, body: parts.join(' | ') });
  }
  return out;
}

export interface FieldView {
  doc: string;
  ident: string;
  type: string;
  offset: number;
  end: number;
  flexible: boolean;
}

export interface BitFieldView {
  doc: string;
  getter: string;
  setter: string;
  field: string;
  raw: RustInt;
  /** `.get()` for byte-order-explicit storage, empty for native integers. */
  read: string;
  /** Wraps a host integer back into the field's storage type. */
  wrapOpen: string;
  wrapClose: string;
  /** The field's storage is signed: converted to and from `raw` with `as`. */
  storageInt: RustInt;
  mask: string;
  bit: number;
}

export interface StructView {
  doc: string;
  name: string;
  repr: string;
  size: number;
  align: number;
  fields: FieldView[];
  encoded: FieldView[];
  bitfields: BitFieldView[];
  flexibleNote: string;
}

function fieldDoc(field: Field): string {
  const notes: string[] = [];
  if (field.reserved) notes.push('Reserved: write zero.');
  if (field.type.kind === 'enum') notes.push(`Holds a [\`${typeName(field.type.name)}\`] value.`);
  if (field.type.kind === 'flags') notes.push(`Holds [\`${typeName(field.type.name)}\`] bits.`);
  if (field.type.kind === 'array' && field.type.length === null) {
    notes.push('Flexible array: zero-length here; the elements follow the struct in the buffer.');
  }
  if (field.type.kind === 'array' && field.type.lengthConstant !== undefined) notes.push(`Length: \`${field.type.lengthConstant}\`.`);
  return [field.doc, ...notes].filter((part) => part !== '').join('\n\n');
}

function fieldView(field: Field, fromSpec: string, endianUses: Set<string>): FieldView {
  return {
    doc: docComment(fieldDoc(field), '    '),
    ident: valueName(field.name),
    type: storageType(field.type, fromSpec, endianUses),
    offset: field.offset,
    end: field.offset + field.size,
    flexible: field.type.kind === 'array' && field.type.length === null,
  };
}

function bitFieldViews(field: Field): BitFieldView[] {
  const primitive = integerPrimitive(field.type);
  if (primitive === null) return [];
  const raw = unsignedInt(primitive);
  const endian = endianType(primitive) !== null;
  return field.bitfields.map((bits) => ({
    doc: docComment(`${bits.doc}\n\nBits ${bits.bit + bits.width - 1}:${bits.bit} of \`${field.name}\`${bits.enum ? ` (a \`${bits.enum}\` value)` : ''}.`, '    '),
    getter: valueName(`${field.name}_${bits.name}`),
    setter: valueName(`set_${field.name}_${bits.name}`),
    field: valueName(field.name),
    raw,
    read: endian ? '.get()' : '',
    // A native field takes the cast as it is: `(new as i8)` would trip rustc's unused_parens.
    wrapOpen: endian ? `${endianType(primitive)}::new(` : '',
    wrapClose: endian ? ')' : '',
    storageInt: hostInt(primitive),
    mask: hexGrouped(BigInt(bits.mask)),
    bit: bits.bit,
  }));
}

export function structView(item: Struct, fromSpec: string, endianUses: Set<string>): StructView {
  const repr = ['C'];
  if (item.packed) repr.push('packed');
  else if (item.align > 1 && needsExplicitAlign(item)) repr.push(`align(${item.align})`);
  const fields = item.fields.map((field) => fieldView(field, fromSpec, endianUses));
  return {
    doc: docComment(item.doc),
    name: typeName(item.name),
    repr: repr.join(', '),
    size: item.size,
    align: item.align,
    fields,
    encoded: fields.filter((field) => !field.flexible && field.end > field.offset),
    bitfields: item.fields.flatMap(bitFieldViews),
    flexibleNote: item.flexible
      ? `\`SIZE\`, \`to_bytes\` and \`from_bytes\` cover the fixed part (${item.size} bytes); the flexible array's elements follow it in the buffer.`
      : '',
  };
}

/**
 * `align(N)` is written whenever the model's alignment is larger than the largest field
 * alignment, i.e. when the standard raised it; a plain repr(C) already gives the natural one.
 */
export function needsExplicitAlign(item: Struct): boolean {
  return item.fields.every((field) => field.align < item.align);
}

export interface UnionView {
  doc: string;
  name: string;
  /** `u64` etc.: a `[u64; 0]` field gives the union its alignment; null when not needed. */
  alignElement: string | null;
  repr: string;
  size: number;
  align: number;
  members: { doc: string; getter: string; setter: string; type: string; size: number }[];
}

/**
 * A union is a byte array with the union's size and alignment plus one getter/setter pair per
 * member: reading a member decodes its bytes, so no `unsafe` and no read of uninitialised
 * padding is ever needed.
 */
const ALIGN_ELEMENT: Record<number, string> = { 2: 'u16', 4: 'u32', 8: 'u64' };

export function unionView(item: Struct, fromSpec: string, endianUses: Set<string>): UnionView {
  // Alignment 2, 4 or 8 comes from a zero-length integer array rather than `repr(align)`, so the
  // union can still sit inside a packed struct (Rust forbids repr(align) types there, C does not).
  const alignElement = ALIGN_ELEMENT[item.align] ?? null;
  return {
    doc: docComment(item.doc),
    name: typeName(item.name),
    alignElement,
    repr: item.align > 1 && alignElement === null ? `C, align(${item.align})` : 'C',
    size: item.size,
    align: item.align,
    members: item.fields
      .filter((field) => !(field.type.kind === 'array' && field.type.length === null))
      .map((field) => ({
        doc: docComment(fieldDoc(field), '    '),
        getter: valueName(field.name),
        setter: valueName(`set_${field.name}`),
        type: storageType(field.type, fromSpec, endianUses),
        size: field.size,
      })),
  };
}
