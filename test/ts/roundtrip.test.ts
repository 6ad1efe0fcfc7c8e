/**
 * Property-based round trips of every struct and union of the hand-written fixture model and of
 * the project corpus: for arbitrary values made from the model's field types, decode(encode(x))
 * equals x, encode writes exactly the struct's bytes and nothing outside them.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Model } from '../../src/model/types.ts';
import { handModel } from './fixtures/hand-model.ts';
import { compileRoot, generateInto, loadPackage, projectRoot, scratch } from './support.ts';
import { Bindings } from './values.ts';
import { propertyName } from '../../generators/ts/names.ts';

const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

async function bindingsFor(model: Model, label: string): Promise<Bindings> {
  const dir = scratch(label);
  dirs.push(dir);
  await generateInto(model, dir);
  return new Bindings(model, await loadPackage(model, dir));
}

const FILL = 0xa5;

function roundTripAll(bindings: Bindings): number {
  let checked = 0;
  for (const spec of bindings.model.specs) {
    for (const struct of spec.structs) {
      if (!struct.fields.every((f) => f.reserved || bindings.inhabited(f.type))) continue;
      const codec = bindings.codec(struct.name);
      const arbitrary = bindings.structArbitrary(struct);
      fc.assert(fc.property(arbitrary, fc.integer({ min: 0, max: 9 }), (value, pad) => {
        const buffer = new ArrayBuffer(pad + struct.size + 4096);
        new Uint8Array(buffer).fill(FILL);
        const written = codec.encode(value, new DataView(buffer), pad);
        if (!struct.flexible) assert.equal(written, struct.size, `${struct.name}: bytes written`);
        else assert.ok(written >= struct.size, `${struct.name}: at least the fixed part`);
        const bytes = new Uint8Array(buffer);
        for (let i = 0; i < pad; i++) assert.equal(bytes[i], FILL, `${struct.name}: byte ${i} before the value changed`);
        for (let i = pad + written; i < bytes.length; i++) assert.equal(bytes[i], FILL, `${struct.name}: byte ${i} after the value changed`);
        // A flexible array takes the rest of the view, so the view ends where the value ends.
        const view = new DataView(buffer, 0, pad + written);
        const member = struct.kind === 'union' ? Object.keys(value as object)[0] : undefined;
        assert.deepStrictEqual(codec.decode(view, pad, member), value, `${struct.name} round trip`);
      }), { numRuns: 60, seed: 20261125 });
      checked++;
    }
  }
  return checked;
}

/**
 * Arbitrary bytes: every decoder either returns a value or throws a DecodeError (never a
 * TypeError or RangeError), and what it returns encodes to bytes that decode to the same value.
 */
function fuzzDecoders(bindings: Bindings): number {
  const DecodeError = bindings.runtime.DecodeError as new () => Error;
  let checked = 0;
  for (const spec of bindings.model.specs) {
    for (const struct of spec.structs) {
      const codec = bindings.codec(struct.name);
      const members = struct.kind === 'union' ? struct.fields.filter((f) => !f.reserved).map((f) => propertyName(f.name)) : [undefined];
      const length = fc.integer({ min: 0, max: struct.size + 24 });
      fc.assert(fc.property(length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), fc.constantFrom(...members), (bytes, member) => {
        let value: unknown;
        try {
          value = codec.decode(new DataView(bytes.buffer), 0, member);
        } catch (error) {
          assert.ok(error instanceof DecodeError, `${struct.name}: ${String(error)}`);
          return;
        }
        const again = new Uint8Array(bytes.length + struct.size);
        const written = codec.encode(value, new DataView(again.buffer));
        assert.deepStrictEqual(codec.decode(new DataView(again.buffer, 0, written), 0, member), value, `${struct.name}: decode, encode, decode`);
      }), { numRuns: 40, seed: 20261125 });
      checked++;
    }
  }
  return checked;
}

describe('round trips: decode(encode(x)) = x', () => {
  test('every struct and union of the hand-written fixture model', async () => {
    const bindings = await bindingsFor(handModel, 'rt-hand');
    const total = handModel.specs.reduce((n, s) => n + s.structs.length, 0);
    assert.equal(roundTripAll(bindings), total);
    assert.equal(fuzzDecoders(bindings), total);
  });

  test('every struct and union of the project corpus', async (t) => {
    const model = await compileRoot(projectRoot);
    if (model === null) return t.skip('src/compile.ts is not there yet');
    const bindings = await bindingsFor(model, 'rt-corpus');
    const total = model.specs.reduce((n, s) => n + s.structs.length, 0);
    assert.ok(total > 0, 'the corpus has structs');
    assert.equal(roundTripAll(bindings), total, 'every struct is round-tripped (none has an empty enum)');
    assert.equal(fuzzDecoders(bindings), total);
  });

  test('keyword-named fields survive a round trip (fixture corpus)', async (t) => {
    const model = await compileRoot(`${import.meta.dirname}/fixtures/keywords`);
    if (model === null) return t.skip('src/compile.ts is not there yet');
    const bindings = await bindingsFor(model, 'rt-kw');
    assert.equal(roundTripAll(bindings), 2);
    const { struct } = bindings.struct('ts_keywords');
    assert.deepEqual(struct.fields.map((f) => propertyName(f.name)), ['type', 'function', 'let', 'yield', 'await']);
  });
});
