/**
 * A register map on the site: a table of the registers in offset order (offset, width, access,
 * reset value, name, description with its legacy/alias/condition notes) and, for each register
 * with bit fields, the bit diagram the flag sets use (diagrams.ts) plus a table of its bits.
 * Offsets, widths and masks are the model's.
 */
import type { Register, RegisterMap } from '../../src/model/types.ts';
import { anchor } from './anchors.ts';
import { bitDiagram } from './diagrams.ts';
import { bitRange, el, hex, raw, type Child, type Html } from './helpers.ts';
import { heading, permalink, referencesMarker, table, type ItemContext } from './items.ts';
import { renderDoc } from './markdown.ts';

function docOf(markdown: string, context: ItemContext): Html {
  const html = renderDoc(markdown, context);
  return raw(html === '' ? '' : `<span class="text">${html}</span>`);
}

function anchored(id: string, name: string): Html {
  return raw(`<span class="def" id="${id}">${el('code', {}, name).html}</span>${permalink(id, name).html}${referencesMarker(name).html}`);
}

function notes(register: Register): string {
  return [
    register.legacy ? 'Legacy interface only.' : '',
    register.aliasOf ? `Shares its bytes with ${register.aliasOf}.` : '',
    register.condition ?? '',
  ].filter((s) => s !== '').join(' ');
}

export function renderRegisters(map: RegisterMap, context: ItemContext): Html {
  const id = anchor.registers(map.name);
  const rows: Child[][] = map.registers.map((r) => [
    el('code', {}, hex(r.offset, 3)),
    r.window ? (r.size === 0 ? 'window' : `window, ${r.size} bytes`) : `${r.width}`,
    r.access,
    r.reset !== undefined ? el('code', {}, hex(r.reset)) : '',
    anchored(anchor.register(r.name), r.name),
    [docOf(r.doc, context), notes(r) !== '' ? el('span', { class: 'note' }, ` ${notes(r)}`) : ''],
  ]);
  const bitSections = map.registers.filter((r) => r.bitfields.length > 0).map((r) => el(
    'div',
    { class: 'register-bits' },
    table(`Bits of ${r.name}`, ['Name', 'Bits', 'Mask', 'Description'], r.bitfields.map((bf) => [
      anchored(anchor.constant(bf.name), bf.name), bitRange(bf.bit, bf.width), el('code', {}, hex(bf.mask)), docOf(bf.doc, context),
    ]), 'flags'),
    el('figure', { class: 'diagram-figure' }, bitDiagram(r.name, r.width, r.bitfields, `fig-${anchor.register(r.name)}`), el('figcaption', {}, `Bits of ${r.name}`)),
  ));
  const order = map.endian === 'native' ? 'host byte order' : `${map.endian}-endian`;
  return el(
    'section',
    { class: 'item registers', 'aria-labelledby': id },
    heading(context.level, id, 'registers', map.name),
    el('div', { class: 'doc' }, docOf(map.doc, context)),
    el('dl', { class: 'facts' }, [
      [el('dt', {}, 'Byte order'), el('dd', {}, order)],
      ...(map.legacyGuard ? [[el('dt', {}, 'Legacy guard (C)'), el('dd', {}, el('code', {}, map.legacyGuard))]] : []),
    ]),
    table(`Registers of ${map.name} (offsets in bytes from the base)`, ['Offset', 'Width (bits)', 'Access', 'Reset', 'Name', 'Description'], rows, 'registers'),
    bitSections,
  );
}
