/**
 * Edge cases of the rules on hand-built models: what the fixtures do not show (ambiguous renames,
 * same-size type swaps, moves between documents, removed owners reported once).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffModels } from '../../src/diff/engine.ts';
import type { Device, Field, HypercallInterface, Model, Primitive, Spec, Struct, TypeRef } from '../../src/model/types.ts';

const at = { file: 'standards/x.md', line: 1 };
const prim = (name: Primitive['name'], size: number, endian: Primitive['endian'] = 'little', signed = false): Primitive =>
  ({ kind: 'primitive', name, size, align: size, signed, endian });
const u8 = prim('u8', 1, 'native');
const le32 = prim('le32', 4);

function field(name: string, type: TypeRef, offset: number, size: number, reserved = false): Field {
  return { name, doc: '', type, offset, size, align: Math.min(size, 4) || 1, reserved, bitfields: [], source: at };
}
function struct(name: string, fields: Field[], size = 8): Struct {
  return { kind: 'struct', name, doc: '', size, align: 4, packed: false, flexible: false, fields, source: at };
}
function spec(id: string, parts: Partial<Spec>, version = '1.0.0'): Spec {
  return {
    id, title: id, version, status: 'draft', requires: [], editors: [], sources: [], file: `standards/${id}.md`, body: [], breaking: [],
    constants: [], enums: [], flags: [], structs: [], features: [], devices: [], hypercalls: [], protocols: [], requirements: [], examples: [],
    ...parts,
  };
}
const model = (...specs: Spec[]): Model => ({ hvspecModel: 2, specs });
const found = (a: Model, b: Model) => diffModels(a, b).map((c) => `${c.rule.id} ${c.item}`);

describe('diff edge cases', () => {
  it('reports a same-size swap of a byte array for an integer as a type change', () => {
    const bytes: TypeRef = { kind: 'array', element: u8, length: 4 };
    const a = model(spec('x', { structs: [struct('s', [field('a', le32, 0, 4), field('b', bytes, 4, 4)])] }));
    const b = model(spec('x', { structs: [struct('s', [field('a', le32, 0, 4), field('b', le32, 4, 4)])] }));
    assert.deepEqual(found(a, b), ['field-type-changed s.b', 'version-major-required x']);
  });

  it('does not guess a rename when two removed types have the same shape', () => {
    const s = (name: string) => struct(name, [field('a', le32, 0, 4), field('b', le32, 4, 4)]);
    const a = model(spec('x', { structs: [s('p'), s('q')] }));
    const b = model(spec('x', { structs: [s('p2'), s('q2')] }));
    const ids = found(a, b);
    assert.ok(!ids.some((i) => i.startsWith('type-renamed')), ids.join(', '));
    assert.deepEqual(ids.filter((i) => i.startsWith('type-removed')).sort(), ['type-removed p', 'type-removed q']);
  });

  it('follows a struct that moved to another document without reporting it removed', () => {
    const s = struct('s', [field('a', le32, 0, 4), field('b', le32, 4, 4)]);
    const a = model(spec('x', { structs: [s] }), spec('y', {}));
    const b = model(spec('x', {}), spec('y', { structs: [s] }));
    assert.deepEqual(found(a, b), []);
  });

  it('reports a removed device once, not each of its feature bits', () => {
    const device: Device = {
      name: 'd', id: 60, idName: 'VIRTIO_ID_D', doc: '', virtqueues: [], config: null, requests: [], status: null, source: at,
      features: [{ bit: 0, name: 'D_F_A', doc: '', source: at }, { bit: 1, name: 'D_F_B', doc: '', source: at }],
    };
    const a = model(spec('x', { devices: [device] }));
    const b = model(spec('x', {}));
    assert.deepEqual(found(a, b), ['device-removed d', 'version-major-required x']);
  });

  it('treats a renamed device (same ID) as a source change, keeping its features matched', () => {
    const device = (name: string, feature: string): Device => ({
      name, id: 60, idName: 'VIRTIO_ID_D', doc: '', virtqueues: [], config: null, requests: [], status: null, source: at,
      features: [{ bit: 0, name: 'D_F_A', doc: '', source: at }, { bit: 1, name: feature, doc: '', source: at }],
    });
    const ids = found(model(spec('x', { devices: [device('d', 'D_F_B')] })), model(spec('x', { devices: [device('e', 'D_F_C')] })));
    assert.deepEqual(ids, ['type-renamed e', 'feature-bit-reassigned D_F_C', 'version-major-required x']);
  });

  it('does not call a struct with a shrunk field "extended"', () => {
    const a = model(spec('x', { structs: [struct('s', [field('a', le32, 0, 4), field('b', le32, 4, 4)])] }));
    const b = model(spec('x', { structs: [struct('s', [field('a', le32, 0, 4), field('b', prim('le16', 2), 4, 2), field('c', le32, 8, 4)], 12)] }));
    const ids = found(a, b);
    assert.ok(ids.includes('struct-size-changed s') && !ids.includes('struct-extended s'), ids.join(', '));
  });

  it('keeps SMCCC functions matched by ID when their interface is renamed', () => {
    const iface = (name: string, fn: string): HypercallInterface => ({
      name, doc: '', convention: 'smccc', conduits: ['smc'], entity: 5, errors: null, abis: [], source: at,
      functions: [{ name: fn, doc: '', number: 1, id: String(0x85000001), fast: true, width: 32, idName: 'X_FN', args: [], results: [], memory: null, source: at }],
    });
    assert.deepEqual(found(model(spec('x', { hypercalls: [iface('a', 'GET')] })), model(spec('x', { hypercalls: [iface('b', 'GET')] }))),
      ['type-renamed b', 'version-major-required x']);
    assert.deepEqual(found(model(spec('x', { hypercalls: [iface('a', 'GET')] })), model(spec('x', { hypercalls: [iface('b', 'FETCH')] }))),
      ['type-renamed b', 'function-renamed b.FETCH', 'version-major-required x']);
  });
});
