/**
 * Golden vectors on the spec page: a struct example as its bytes beside the field each byte
 * belongs to (the overlay the model computed), a call example as its ID and registers.
 */
import type { CallExample, CallValue, Example, StructExample } from '../../src/model/types.ts';
import { anchor } from './anchors.ts';
import { decimalAndHex, el, raw, type Child, type Html } from './helpers.ts';
import { facts, heading, refLink, table, type ItemContext } from './items.ts';
import { renderDoc } from './markdown.ts';

export function renderExample(example: Example, context: ItemContext): Html {
  const id = anchor.example(example.name);
  return el(
    'section',
    { class: `item example example-${example.kind}`, 'aria-labelledby': id },
    heading(context.level, id, 'example', example.name),
    el('div', { class: 'doc' }, raw(renderDoc(example.doc, context))),
    example.kind === 'struct' ? structExample(example, context) : callExample(example, context),
  );
}

const spaced = (hex: string): string => hex.replace(/(..)(?=.)/g, '$1 ');

/** A value, with the enum value or flag names it was written as, each linked to its definition. */
function valueCell(v: { value: string; symbol?: string }, context: ItemContext): Child {
  if (!v.symbol) return decimalAndHex(v.value);
  const names = v.symbol.split(' | ').flatMap((name, i) => (i === 0 ? [refLink(name, context)] : [' | ', refLink(name, context)]));
  return [...names, ` (${decimalAndHex(v.value)})`];
}

function structExample(example: StructExample, context: ItemContext): Html {
  const rows = example.leaves.map((leaf) => [
    String(leaf.offset),
    el('code', { class: 'bytes' }, spaced(example.bytes.slice(leaf.offset * 2, (leaf.offset + leaf.size) * 2))),
    el('code', {}, leaf.path),
    valueCell(leaf, context),
  ]);
  return el('div', { class: 'example-body' },
    facts([
      ['Instance of', refLink(example.type.name, context)],
      ...(example.direction ? [['Direction', example.direction] as [string, Child]] : []),
      ['Bytes', el('code', { class: 'bytes' }, spaced(example.bytes))],
    ]),
    table(`Bytes of example ${example.name}`, ['Offset', 'Bytes', 'Field', 'Value'], rows, 'example-bytes'));
}

function callExample(example: CallExample, context: ItemContext): Html {
  const row = (direction: string, v: CallValue): Child[] => [direction, el('code', {}, v.name), valueCell(v, context)];
  return el('div', { class: 'example-body' },
    facts([
      ['Function', refLink(example.function, context)],
      ['Function ID', el('code', {}, `0x${BigInt(example.id).toString(16)}`)],
    ]),
    table(`Registers of example ${example.name}`, ['', 'Name', 'Value'], [...example.args.map((a) => row('in', a)), ...example.results.map((r) => row('out', r))], 'example-registers'));
}
