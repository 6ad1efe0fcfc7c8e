/**
 * Property: no change to a struct's bytes goes unreported. For random C layouts and a random edit
 * (retype, remove, swap or rename a field), the diff reports at least one finding that is not a
 * note; an unedited copy gives no finding at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { diffModels } from '../../src/diff/engine.ts';
import type { Field, Model, Primitive, PrimitiveName, Struct } from '../../src/model/types.ts';

const PRIMITIVES: Primitive[] = ([
  ['u8', 1, 'native', false], ['i8', 1, 'native', true], ['u16', 2, 'native', false], ['i16', 2, 'native', true],
  ['u32', 4, 'native', false], ['i32', 4, 'native', true], ['u64', 8, 'native', false], ['i64', 8, 'native', true],
  ['le16', 2, 'little', false], ['le32', 4, 'little', false], ['le64', 8, 'little', false],
  ['be16', 2, 'big', false], ['be32', 4, 'big', false], ['be64', 8, 'big', false],
] as const).map(([name, size, endian, signed]) => ({ kind: 'primitive', name: name as PrimitiveName, size, align: size, endian, signed }));

const at = { file: 'standards/x.md', line: 1 };

/** Natural C layout of named primitive fields: this builds inputs, it is not the property's oracle. */
function layout(fields: Array<{ name: string; type: Primitive }>): Struct {
  let offset = 0;
  let align = 1;
  const laid: Field[] = fields.map(({ name, type }) => {
    offset = Math.ceil(offset / type.align) * type.align;
    align = Math.max(align, type.align);
    const field: Field = { name, doc: '', type, offset, size: type.size, align: type.align, reserved: false, bitfields: [], source: at };
    offset += type.size;
    return field;
  });
  return { kind: 'struct', name: 's', doc: '', size: Math.ceil(offset / align) * align, align, packed: false, flexible: false, fields: laid, source: at };
}

function model(struct: Struct): Model {
  return { hvspecModel: 2, specs: [{
    id: 'x', title: 'x', version: '1.0.0', status: 'draft', requires: [], editors: [], sources: [], file: 'standards/x.md', body: [], breaking: [],
    constants: [], enums: [], flags: [], structs: [struct], features: [], devices: [], hypercalls: [], protocols: [], requirements: [], examples: [],
  }] };
}

const fieldsArb = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 6 })
  .chain((names) => fc.tuple(...names.map((name) => fc.constantFrom(...PRIMITIVES).map((type) => ({ name, type })))));

type Fields = Array<{ name: string; type: Primitive }>;
const editArb = (fields: Fields) => fc.oneof(
  fc.record({ kind: fc.constant('retype' as const), i: fc.nat(fields.length - 1), type: fc.constantFrom(...PRIMITIVES) }),
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat(fields.length - 1) }),
  fc.record({ kind: fc.constant('swap' as const), i: fc.nat(fields.length - 1), j: fc.nat(fields.length - 1) }),
  fc.record({ kind: fc.constant('rename' as const), i: fc.nat(fields.length - 1) }),
);

function apply(fields: Fields, edit: { kind: string; i: number; j?: number; type?: Primitive }): Fields {
  const next = fields.map((f) => ({ ...f }));
  if (edit.kind === 'retype') next[edit.i]!.type = edit.type!;
  if (edit.kind === 'remove') next.splice(edit.i, 1);
  if (edit.kind === 'swap') [next[edit.i], next[edit.j!]] = [next[edit.j!]!, next[edit.i]!];
  if (edit.kind === 'rename') next[edit.i]!.name = `${next[edit.i]!.name}_renamed`;
  return next;
}

const bytes = (fields: Fields) => JSON.stringify(layout(fields).fields.map((f) => [f.name, f.offset, (f.type as Primitive).name]));

describe('no silent change', () => {
  it('an unedited copy has no findings', () => {
    fc.assert(fc.property(fieldsArb, (fields) => {
      assert.deepEqual(diffModels(model(layout(fields)), model(layout(structuredClone(fields)))), []);
    }), { numRuns: 200 });
  });

  it('every edit that changes the layout is reported as more than a note', () => {
    fc.assert(fc.property(fieldsArb.chain((fields) => fc.tuple(fc.constant(fields), editArb(fields))), ([fields, edit]) => {
      const edited = apply(fields, edit);
      fc.pre(bytes(edited) !== bytes(fields));
      const changes = diffModels(model(layout(fields)), model(layout(edited)));
      assert.ok(changes.some((c) => c.rule.severity !== 'note'), `${JSON.stringify(edit)}: ${changes.map((c) => c.rule.id).join(', ') || 'nothing'}`);
    }), { numRuns: 500 });
  });
});
