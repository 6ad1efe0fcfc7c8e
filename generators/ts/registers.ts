/**
 * Register maps in TypeScript: the offsets and bit-field masks as `number` constants with their
 * C names, and one class per map over a `DataView` (and a base offset in it) with a read and/or
 * write method per register in the map's byte order (`native` is written little-endian, as the
 * other TypeScript codecs do). 64-bit registers are `bigint`. A window gives a `DataView` of its
 * bytes. Text is built here; module.ts.hbs only places it.
 */
import type { Register, RegisterMap } from '../../src/model/types.ts';
import { camelCase, pascalCase } from '../../src/names/identifiers.ts';
import { registerAccessorWords } from '../register-names.ts';
import { docComment } from './helpers.ts';
import { tsBinding } from './names.ts';

const ACCESS: Record<number, { get: string; set: string; type: string }> = {
  8: { get: 'getUint8', set: 'setUint8', type: 'number' },
  16: { get: 'getUint16', set: 'setUint16', type: 'number' },
  32: { get: 'getUint32', set: 'setUint32', type: 'number' },
  64: { get: 'getBigUint64', set: 'setBigUint64', type: 'bigint' },
};

function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}

function facts(register: Register): string[] {
  return [
    register.window ? `Window at ${hex(register.offset)}${register.size ? `, ${register.size} bytes` : ''}, ${register.access}.` : `${register.width}-bit ${register.access} register at ${hex(register.offset)}${register.reset !== undefined ? `, reset ${hex(BigInt(register.reset))}` : ''}.`,
    ...(register.legacy ? ['Legacy interface only.'] : []),
    ...(register.aliasOf ? [`Shares its bytes with ${register.aliasOf}.`] : []),
    ...(register.condition ? [register.condition] : []),
  ];
}

/** The constants and accessor class of one register map. */
export function registerMapText(map: RegisterMap): string {
  const words = registerAccessorWords(map);
  const little = map.endian !== 'big';
  const lines: string[] = [`// --- Register map ${map.name} ---`, ''];
  for (const register of map.registers) {
    lines.push(`${docComment(register.doc, facts(register))}export const ${tsBinding(register.name)} = ${hex(register.offset)};`);
    for (const bf of register.bitfields) {
      const mask = ((1n << BigInt(bf.width)) - 1n) << BigInt(bf.bit);
      const big = register.width === 64;
      lines.push(`${docComment(bf.doc, [`Bit${bf.width > 1 ? 's' : ''} ${bf.bit}${bf.width > 1 ? `–${bf.bit + bf.width - 1}` : ''} of ${register.name}${bf.enum ? `; a value of ${bf.enum}` : ''}.`])}export const ${tsBinding(bf.name)} = ${big ? `${mask}n` : hex(mask)};`);
    }
  }
  const cls = tsBinding(pascalCase(map.name));
  lines.push('', `${docComment(map.doc, [
    `Accessors of the ${map.name} register map over \`view\`, starting at byte \`base\`.`,
    `Registers are ${map.endian === 'big' ? 'big' : 'little'}-endian${map.endian === 'native' ? ' (native order, written little-endian)' : ''}; each method is one access of the register's width.`,
  ])}export class ${cls} {`, '  readonly view: DataView;', '  readonly base: number;', '',
    '  constructor(view: DataView, base = 0) {', '    this.view = view;', '    this.base = base;', '  }');
  for (const register of map.registers) {
    const stem = words.get(register.name)!;
    const offset = `this.base + ${tsBinding(register.name)}`;
    if (register.window) {
      const length = register.size === 0 ? `this.view.byteLength - (${offset})` : String(register.size);
      lines.push('', `${docComment(`The bytes of ${register.name}.`, [], '  ')}  ${camelCase(stem.join('_'))}(): DataView {`,
        `    return new DataView(this.view.buffer, this.view.byteOffset + ${offset}, ${length});`, '  }');
      continue;
    }
    const access = ACCESS[register.width]!;
    const endian = register.width === 8 ? '' : `, ${little}`;
    if (register.access !== 'WO') {
      lines.push('', `${docComment(`Reads ${register.name}.`, [], '  ')}  ${camelCase(stem.join('_'))}(): ${access.type} {`,
        `    return this.view.${access.get}(${offset}${endian});`, '  }');
    }
    if (register.access !== 'RO') {
      lines.push('', `${docComment(`Writes ${register.name}.`, [], '  ')}  ${camelCase(['set', ...stem].join('_'))}(value: ${access.type}): void {`,
        `    this.view.${access.set}(${offset}, value${endian});`, '  }');
    }
  }
  lines.push('}');
  return lines.join('\n');
}
