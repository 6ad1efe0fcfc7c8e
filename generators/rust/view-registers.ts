/**
 * Register maps in Rust: the offsets as `usize` constants and the bit-field masks as constants
 * with their C names, plus one accessor struct per map over a raw base pointer (`*mut u8`) with
 * a volatile read and/or write method per register, converting from the map's byte order. No
 * crates: the base pointer comes from whatever maps the device (ioremap, mmap, a test buffer).
 */
import type { Register, RegisterMap } from '../../src/model/types.ts';
import { escapeRust, pascalCase } from '../../src/names/identifiers.ts';
import { registerAccessorWords } from '../register-names.ts';
import { docComment } from './helpers.ts';

export interface RegisterConstView {
  doc: string;
  name: string;
  type: string;
  literal: string;
}

export interface RegisterMethodView {
  doc: string;
  name: string;
  /** `u32` etc.; absent for a window (the method returns a pointer). */
  type: string;
  offset: string;
  /** `u32::from_le(…)` / `….to_le()`, or nothing for native order. */
  from: string;
  to: string;
}

export interface RegisterMapRustView {
  doc: string;
  structDoc: string;
  struct: string;
  /** Bytes a mapping must cover: the end of the last register (a fixed-size window included). */
  extent: number;
  consts: RegisterConstView[];
  readers: RegisterMethodView[];
  writers: RegisterMethodView[];
  windows: RegisterMethodView[];
}

function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}

function shape(register: Register): string {
  const notes = [
    register.window ? `Window at ${hex(register.offset)}${register.size ? `, ${register.size} bytes` : ''}` : `${register.width}-bit ${register.access} register at ${hex(register.offset)}`,
    register.reset !== undefined ? `reset ${hex(BigInt(register.reset))}` : '',
    register.legacy ? 'legacy interface only' : '',
    register.aliasOf ? `shares its bytes with ${register.aliasOf}` : '',
  ].filter((s) => s !== '');
  return `${notes.join('; ')}.${register.condition ? ` ${register.condition}` : ''}`;
}

export function registerMapRustView(map: RegisterMap): RegisterMapRustView {
  const words = registerAccessorWords(map);
  const consts: RegisterConstView[] = [];
  const readers: RegisterMethodView[] = [];
  const writers: RegisterMethodView[] = [];
  const windows: RegisterMethodView[] = [];
  const order = map.endian === 'little' ? 'le' : map.endian === 'big' ? 'be' : null;
  for (const register of map.registers) {
    const doc = [register.doc, shape(register)].filter((s) => s !== '').join('\n\n');
    consts.push({ doc: docComment(doc), name: escapeRust(register.name), type: 'usize', literal: hex(register.offset) });
    const type = `u${register.width}`;
    for (const bf of register.bitfields) {
      const mask = ((1n << BigInt(bf.width)) - 1n);
      const literal = bf.width === 1 ? `1 << ${bf.bit}` : `${hex(mask)} << ${bf.bit}`;
      consts.push({ doc: docComment([bf.doc, `Bit${bf.width > 1 ? 's' : ''} of ${register.name}${bf.enum ? `; holds a value of ${bf.enum}` : ''}.`].filter((s) => s !== '').join('\n\n')), name: escapeRust(bf.name), type, literal });
    }
    const stem = words.get(register.name)!.join('_');
    const offset = escapeRust(register.name);
    if (register.window) {
      windows.push({ doc: docComment(`Pointer to ${register.name}: ${register.doc || 'a byte window'}`, '    '), name: escapeRust(stem), type: '', offset, from: '', to: '' });
      continue;
    }
    const method = (name: string, verb: string): RegisterMethodView => ({
      doc: docComment(`${verb} ${register.name}. ${register.doc}`.trim(), '    '), name: escapeRust(name), type, offset,
      from: order ? `${type}::from_${order}` : '', to: order ? `.to_${order}()` : '',
    });
    if (register.access !== 'WO') readers.push(method(stem, 'Reads'));
    if (register.access !== 'RO') writers.push(method(`set_${stem}`, 'Writes'));
  }
  const extent = Math.max(0, ...map.registers.map((r) => r.offset + r.size));
  return {
    doc: docComment(`Register map \`${map.name}\`: ${map.doc}`.trim()),
    structDoc: docComment([
      `Volatile accessors of the \`${map.name}\` register map over a base address.`,
      '',
      `Every register is ${map.endian === 'native' ? 'in the host\'s byte order' : `${map.endian}-endian`}; the methods convert.`,
      'Each method is one volatile access of the register\'s width, as the standard requires.',
    ].join('\n')),
    struct: escapeRust(pascalCase(map.name)),
    extent,
    consts, readers, writers, windows,
  };
}
