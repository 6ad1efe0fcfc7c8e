/**
 * Golden vectors on the spec page: a struct example as its bytes beside the field each byte
 * belongs to (the overlay the model computed), a call example as its ID and registers.
 */
import type { CallExample, Example, StructExample } from '../../src/model/types.ts';
import { anchor } from './anchors.ts';
import { decimalAndHex, el, raw, type Html } from './helpers.ts';
import { permalink, refLink, type ItemContext } from './items.ts';
import { renderDoc } from './markdown.ts';

export function renderExample(example: Example, context: ItemContext): Html {
  const id = anchor.example(example.name);
  const tag = `h${Math.min(Math.max(context.level, 2), 6)}`;
  return el(
    'section',
    { class: `item example example-${example.kind}`, 'aria-labelledby': id },
    el(tag, { id, class: 'item-heading' }, el('span', { class: 'kind' }, 'example'), ' ', el('code', {}, example.name), ' ', permalink(id, `example ${example.name}`)),
    el('div', { class: 'doc' }, raw(renderDoc(example.doc, context))),
    example.kind === 'struct' ? structExample(example, context) : callExample(example, context),
  );
}

function structExample(example: StructExample, context: ItemContext): Html {
  const rows = example.leaves.map((leaf) => {
    const bytes = example.bytes.slice(leaf.offset * 2, (leaf.offset + leaf.size) * 2).replace(/(..)/g, '$1 ').trim();
    return el('tr', leaf.reserved ? { class: 'reserved' } : {},
      el('td', {}, String(leaf.offset)),
      el('td', {}, el('code', { class: 'bytes' }, bytes)),
      el('td', {}, el('code', {}, leaf.path)),
      el('td', {}, leaf.symbol ? [el('code', {}, leaf.symbol), ` (${decimalAndHex(leaf.value)})`] : decimalAndHex(leaf.value)));
  });
  return el('div', { class: 'example-body' },
    el('dl', { class: 'facts' },
      el('dt', {}, 'Instance of'), el('dd', {}, refLink(example.type.name, context)),
      example.direction ? [el('dt', {}, 'Direction'), el('dd', {}, example.direction)] : [],
      el('dt', {}, 'Bytes'), el('dd', {}, el('code', { class: 'bytes' }, example.bytes.replace(/(..)/g, '$1 ').trim()))),
    el('table', { class: 'generated example-bytes' },
      el('caption', {}, `Bytes of example ${example.name}`),
      el('thead', {}, el('tr', {}, ['Offset', 'Bytes', 'Field', 'Value'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}

function callExample(example: CallExample, context: ItemContext): Html {
  const row = (direction: string, v: { name: string; value: string; symbol?: string }): Html =>
    el('tr', {}, el('td', {}, direction), el('td', {}, el('code', {}, v.name)),
      el('td', {}, v.symbol ? [el('code', {}, v.symbol), ` (${decimalAndHex(v.value)})`] : decimalAndHex(v.value)));
  return el('div', { class: 'example-body' },
    el('dl', { class: 'facts' },
      el('dt', {}, 'Function'), el('dd', {}, refLink(example.function, context)),
      el('dt', {}, 'Function ID'), el('dd', {}, el('code', {}, `0x${BigInt(example.id).toString(16)}`))),
    el('table', { class: 'generated example-registers' },
      el('caption', {}, `Registers of example ${example.name}`),
      el('thead', {}, el('tr', {}, ['', 'Name', 'Value'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, [...example.args.map((a) => row('in', a)), ...example.results.map((r) => row('out', r))])));
}
