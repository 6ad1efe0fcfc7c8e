/**
 * `registers` blocks → RegisterMap: each register's offset, width and bit fields, with the layout
 * checks of a register map (HV4160–HV4179). A driver computes `base + offset` and accesses the
 * width the map states; a misaligned, overlapping or too-narrow register is a transport a driver
 * cannot implement, so each is reported at the key the author wrote.
 */
import type { Report } from '../diagnostics/report.ts';
import { quote } from '../diagnostics/report.ts';
import { closest } from '../names/suggest.ts';
import type { RegisterMapData } from '../validate/block-types.ts';
import type { Place, SourceIndex } from './source-index.ts';
import type { BlockRef } from './symbols.ts';
import type { BitField, Register, RegisterMap, SourceRef } from './types.ts';

/** What the register builder needs from the item builder (build-items.ts): positions and the C namespace. */
export interface RegisterBuildContext {
  sources: SourceIndex;
  report: Report;
  track<T extends object>(item: T, block: BlockRef, path: string): T;
  sourceRef(block: BlockRef, path: string): SourceRef;
  /** Define a C-level name (registers and bit fields share the namespace of constants). */
  defineName(kind: 'register' | 'register bit field', name: string, item: object, block: BlockRef, path: string, place: Place): void;
  /** Resolve an enum name for a bit field; undefined (already reported) when it is not one. */
  resolveEnum(name: string, block: BlockRef, at: Place): string | undefined;
  /** Run after every block has defined its names (enum references may point forward). */
  defer(run: () => void): void;
}

const DEFAULT_C_OFFSETS = { radix: 16 as const, digits: 3 };

export function buildRegisterMap(data: RegisterMapData, block: BlockRef, ctx: RegisterBuildContext): RegisterMap {
  const { sources, report } = ctx;
  const place = (item: object, sub = '', which: 'key' | 'value' = 'value'): Place => sources.at(item, sub, which)!;
  const map: RegisterMap = ctx.track({
    name: data.name, doc: data.doc ?? '', endian: data.endian ?? 'little',
    ...(data.legacy_guard !== undefined ? { legacyGuard: data.legacy_guard } : {}),
    cOffsets: { radix: data.c_offsets?.radix ?? DEFAULT_C_OFFSETS.radix, digits: data.c_offsets?.digits ?? (data.c_offsets?.radix === 10 ? 1 : DEFAULT_C_OFFSETS.digits) },
    registers: [], source: ctx.sourceRef(block, ''),
  }, block, '');

  data.registers.forEach((r, i) => {
    const path = `registers/${i}`;
    const window = r.window !== undefined;
    const width = r.width ?? 0;
    const register: Register = ctx.track({
      name: r.name, offset: r.offset, width, size: window ? r.window! : width / 8, window, access: r.access, doc: r.doc ?? '',
      legacy: r.legacy ?? false, bitfields: [], source: ctx.sourceRef(block, path),
    } as Register, block, path);
    if (r.reset !== undefined) register.reset = sources.exact(register, 'reset', r.reset).toString();
    if (r.condition !== undefined) register.condition = r.condition;
    if (r.alias_of !== undefined) register.aliasOf = r.alias_of;
    ctx.defineName('register', r.name, register, block, path, place(register, 'name'));

    if (window === (r.width !== undefined)) {
      report.add('HV4166', block.file, place(register, 'name').range,
        window ? `${quote(r.name)} has both \`width\` and \`window\`.` : `${quote(r.name)} has neither \`width\` nor \`window\`.`,
        { hint: 'A register has `width: 8|16|32|64`; a byte window (e.g. the device configuration space) has `window: <bytes>` (0 when open-ended).' });
    }
    const offset = sources.exact(register, 'offset', r.offset);
    if (!window && width > 0 && offset % BigInt(width / 8) !== 0n) {
      report.add('HV4160', block.file, place(register, 'offset').range,
        `${quote(r.name)} is ${width}-bit but its offset ${hex(offset)} is not a multiple of ${width / 8}.`,
        { hint: `Registers are naturally aligned, so a ${width}-bit access at base + offset is one bus access; use an offset that is a multiple of ${width / 8}.` });
    }
    if (register.reset !== undefined) {
      const reset = BigInt(register.reset);
      if (!window && width > 0 && reset >= 1n << BigInt(width)) {
        report.add('HV4164', block.file, place(register, 'reset').range, `Reset value ${hex(reset)} of ${quote(r.name)} does not fit its ${width} bits.`,
          { hint: 'Check the value against the standard, or widen the register.' });
      }
      if (r.access === 'WO') {
        report.add('HV4168', block.file, place(register, 'reset').range, `${quote(r.name)} is write-only, so its reset value cannot be read.`,
          { hint: 'Remove `reset`, or make the register RW if the driver can read it back.' });
      }
    }
    if (register.legacy && data.legacy_guard === undefined) {
      report.add('HV4167', block.file, place(register, 'legacy', 'key').range, `${quote(r.name)} is legacy, but the map has no \`legacy_guard\`.`,
        { hint: 'Add `legacy_guard: <MACRO>` to the block (e.g. VIRTIO_MMIO_NO_LEGACY), so C code can hide the legacy registers.' });
    }
    if (r.bitfields) {
      if (window) {
        report.add('HV4169', block.file, place(register, 'bitfields', 'key').range, `${quote(r.name)} is a window, so it cannot have bit fields.`,
          { hint: 'Describe the bytes of a window with a struct (e.g. the device\'s configuration struct).' });
      } else register.bitfields = buildBitfields(register, r.bitfields, path, block, ctx);
    }
    map.registers.push(register);
  });

  checkAliases(map, block, ctx);
  checkOverlaps(map, ctx);
  map.registers.sort((a, b) => a.offset - b.offset || Number(a.aliasOf !== undefined) - Number(b.aliasOf !== undefined) || (a.name < b.name ? -1 : 1));
  return map;
}

function buildBitfields(register: Register, list: NonNullable<RegisterMapData['registers'][number]['bitfields']>, path: string, block: BlockRef, ctx: RegisterBuildContext): BitField[] {
  const { sources, report } = ctx;
  const made = list.map((b, i) => {
    const sub = `bitfields/${i}`;
    const at = sources.at(register, `${sub}/bit`)!;
    const bit = sources.exact(register, `${sub}/bit`, b.bit);
    const width = sources.exact(register, `${sub}/width`, b.width ?? 1);
    const field: BitField = { name: b.name, bit: b.bit, width: b.width ?? 1, mask: '0', doc: b.doc ?? '' };
    if (bit + width > BigInt(register.width)) {
      report.add('HV4162', at.file, at.range,
        `${quote(b.name)} uses bit${width > 1n ? `s ${bit}–${bit + width - 1n}` : ` ${bit}`}, outside the ${register.width}-bit register ${quote(register.name)}.`,
        { hint: `Bits of the register are numbered 0 to ${register.width - 1}.` });
    } else field.mask = (((1n << width) - 1n) << bit).toString();
    ctx.defineName('register bit field', b.name, field, block, `${path}/${sub}`, sources.at(register, `${sub}/name`)!);
    if (b.enum !== undefined) {
      const enumAt = sources.at(register, `${sub}/enum`)!;
      ctx.defer(() => {
        const name = ctx.resolveEnum(b.enum!, block, enumAt);
        if (name !== undefined) field.enum = name;
      });
    }
    return { field, at };
  });
  const sorted = [...made].sort((a, b) => a.field.bit - b.field.bit);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.field.bit < prev.field.bit + prev.field.width) {
      report.add('HV4163', cur.at.file, cur.at.range, `${quote(cur.field.name)} overlaps ${quote(prev.field.name)} in ${quote(register.name)}.`,
        { hint: 'Each bit of a register belongs to one bit field.', related: [{ file: prev.at.file, range: prev.at.range, message: 'overlapping bit field' }] });
    }
  }
  return sorted.map((m) => m.field);
}

function checkAliases(map: RegisterMap, block: BlockRef, ctx: RegisterBuildContext): void {
  const names = new Set(map.registers.map((r) => r.name));
  for (const register of map.registers) {
    if (register.aliasOf === undefined) continue;
    if (!names.has(register.aliasOf) || register.aliasOf === register.name) {
      const at = ctx.sources.at(register, 'alias_of')!;
      const guess = closest(register.aliasOf, [...names].filter((n) => n !== register.name));
      ctx.report.add('HV4165', block.file, at.range, `${quote(register.aliasOf)} is not another register of the map ${quote(map.name)}.`,
        { hint: guess ? `Did you mean "${guess}"?` : '`alias_of` names the register of this map whose bytes this one shares.' });
    }
  }
}

/** Registers (aliases aside) must not share bytes; an open-ended window runs to the end of the map. */
function checkOverlaps(map: RegisterMap, ctx: RegisterBuildContext): void {
  const placed = map.registers.filter((r) => r.aliasOf === undefined).sort((a, b) => a.offset - b.offset);
  let furthest: Register | undefined;
  for (const register of placed) {
    if (furthest && overlaps(furthest, register)) {
      const at = ctx.sources.at(register, 'offset')!;
      const first = ctx.sources.at(furthest, 'offset')!;
      ctx.report.add('HV4161', at.file, at.range,
        `${quote(register.name)} (offset ${hex(BigInt(register.offset))}) overlaps ${quote(furthest.name)} (${describeExtent(furthest)}).`,
        { hint: 'Move one register, or declare the second view of the same bytes with `alias_of`.', related: [{ file: first.file, range: first.range, message: 'overlapped register' }] });
    }
    if (!furthest || end(register) > end(furthest)) furthest = register;
  }
}

function end(register: Register): number {
  return register.window && register.size === 0 ? Infinity : register.offset + register.size;
}

function overlaps(earlier: Register, later: Register): boolean {
  return later.offset < end(earlier);
}

function describeExtent(register: Register): string {
  if (register.window && register.size === 0) return `a window from ${hex(BigInt(register.offset))} to the end of the map`;
  return `bytes ${hex(BigInt(register.offset))}–${hex(BigInt(register.offset + register.size - 1))}`;
}

function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}
