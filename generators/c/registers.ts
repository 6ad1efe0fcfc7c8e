/**
 * Register maps in C: one `#define <name> <offset>` per register, spelled the way the established
 * header spells it (`VIRTIO_MMIO_MAGIC_VALUE 0x000`, `VIRTIO_PCI_COMMON_DF 4`: plain `int`
 * literals in the map's `cOffsets` form), bit-field masks as `(1 << n)` like
 * `VIRTIO_MMIO_INT_VRING`, and the legacy registers inside `#ifndef <legacyGuard>`.
 * Offsets and masks are copied from the model; nothing here computes layout.
 */
import type { Register, RegisterMap } from '../../src/model/types.ts';
import { alignNames, commentLines, docComment, groupHeading, shiftName } from './helpers.ts';
import type { NameRegistry } from './names.ts';
import type { DefineView } from './view.ts';

/** A run of defines, optionally inside `#ifndef guard` … `#endif`. */
export interface RegisterChunkView {
  guard: string | null;
  defines: DefineView[];
}

export interface RegisterMapView {
  heading: string;
  chunks: RegisterChunkView[];
}

/** `0x00c` (radix 16, 3 digits) or `12` (radix 10): an `int` literal, as Linux writes offsets. */
export function cOffsetLiteral(offset: number, style: RegisterMap['cOffsets']): string {
  if (style.radix === 10) return String(offset).padStart(style.digits, '0');
  return `0x${offset.toString(16).padStart(style.digits, '0')}`;
}

/**
 * A bit field's mask: `(1 << 1)` for one bit, `(0x3 << 4)` for wider fields. The shifted value
 * gets `U` from bit 31 and `ULL` from bit 32 on, so the expression never overflows `int`.
 */
export function cBitMask(bit: number, width: number): string {
  const top = bit + width;
  const suffix = top > 32 ? 'ULL' : top > 31 ? 'U' : '';
  const value = width === 1 ? '1' : `0x${((1n << BigInt(width)) - 1n).toString(16)}`;
  return `(${value}${suffix} << ${bit})`;
}

function registerDoc(register: Register, endian: RegisterMap['endian']): string {
  const shape = register.window
    ? `Window, ${register.size === 0 ? 'size set by the device' : `${register.size} bytes`}, ${register.access}.`
    : `${register.width}-bit${endian === 'native' ? '' : ` ${endian}-endian`}, ${register.access}${register.reset !== undefined ? `, reset 0x${BigInt(register.reset).toString(16)}` : ''}.`;
  const notes = [
    register.legacy ? 'Legacy interface only.' : '',
    register.aliasOf ? `Shares its bytes with ${register.aliasOf}.` : '',
    register.condition ?? '',
  ];
  return [register.doc, [shape, ...notes].filter((s) => s !== '').join(' ')].filter((s) => s !== '').join('\n');
}

export function registerMapView(map: RegisterMap, names: NameRegistry): RegisterMapView {
  type Line = DefineView & { legacy: boolean };
  const lines: Line[] = [];
  const bitLines: Line[] = [];
  for (const register of map.registers) {
    lines.push({ doc: docComment(registerDoc(register, map.endian)), name: register.name, value: cOffsetLiteral(register.offset, map.cOffsets), legacy: register.legacy });
    for (const bf of register.bitfields) {
      const enumNote = bf.enum ? ` Holds a value of ${bf.enum}.` : '';
      bitLines.push({ doc: docComment(`${bf.doc}${bf.doc !== '' ? ' ' : ''}(${register.name})${enumNote}`), name: bf.name, value: cBitMask(bf.bit, bf.width), legacy: register.legacy });
      if (bf.width > 1) {
        const shift = shiftName(bf.name);
        if (!names.has(shift) && names.claim(shift, `register bit field ${bf.name}`)) bitLines.push({ doc: '', name: shift, value: String(bf.bit), legacy: register.legacy });
      }
    }
  }
  const aligned = alignNames([...lines, ...bitLines]);
  const chunks: RegisterChunkView[] = [];
  for (const line of aligned) {
    const guard = line.legacy && map.legacyGuard ? map.legacyGuard : null;
    const last = chunks[chunks.length - 1];
    const define = { doc: line.doc, name: line.name, value: line.value };
    if (last && last.guard === guard) last.defines.push(define);
    else chunks.push({ guard, defines: [define] });
  }
  const title = `registers ${map.name} (offsets in bytes from the base${map.endian === 'native' ? '' : `; ${map.endian}-endian`})`;
  return { heading: groupHeading(commentLines(title).join(' '), map.doc), chunks };
}
