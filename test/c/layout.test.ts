/**
 * The compiler's view of the generated headers equals the model: a program compiled with the
 * headers prints every constant, struct size, member offset and member size, and the test
 * compares them with the canonical model (so the layout engine is checked, not only the
 * template). The aarch64 cross compiler checks the same facts at compile time.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { bitfieldMacroPrefix, shiftName } from '../../generators/c/helpers.ts';
import type { Model } from '../../src/model/types.ts';
import { assertFactsCompile, compareFacts, modelFacts, probeHeaders, type HeaderFacts, type HeaderNames } from '../abi/header-probe.ts';
import { fixtureHeaderSet, projectHeaderSet, type HeaderSet } from './fixtures.ts';
import { needTool } from './toolchain.ts';

/** What the headers must define: the model's facts plus the shift/mask macros the C generator derives. */
function expectedFacts(model: Model): HeaderFacts {
  const facts = modelFacts(model);
  for (const spec of model.specs) {
    for (const set of spec.flags) {
      for (const flag of set.flags) {
        if (flag.width > 1 && !facts.constants.has(shiftName(flag.name))) facts.constants.set(shiftName(flag.name), BigInt(flag.bit));
      }
    }
    for (const struct of spec.structs) {
      for (const field of struct.fields) {
        for (const bf of field.bitfields) {
          const prefix = bitfieldMacroPrefix(struct.name, field.name, bf.name);
          facts.constants.set(`${prefix}_SHIFT`, BigInt(bf.bit));
          facts.constants.set(`${prefix}_MASK`, BigInt(bf.mask));
        }
      }
    }
  }
  return facts;
}

function namesOf(facts: HeaderFacts): HeaderNames {
  return {
    constants: [...facts.constants.keys()],
    structs: [...facts.structs].map(([name, s]) => ({ name, fields: [...s.fields.keys()], kind: s.kind })),
  };
}

function countFacts(facts: HeaderFacts): number {
  let n = facts.constants.size;
  for (const s of facts.structs.values()) n += 1 + s.fields.size;
  return n;
}

describe('generated C layouts and values equal the model', () => {
  let sets: HeaderSet[] = [];
  before(async () => {
    sets = [await projectHeaderSet(), await fixtureHeaderSet('layouts'), await fixtureHeaderSet('names'), await fixtureHeaderSet('hostile')];
  });

  it('as printed by a program compiled with gcc', (t) => {
    if (!needTool(t, 'gcc')) return;
    for (const set of sets) {
      const expected = expectedFacts(set.model);
      const probed = probeHeaders(set.headers.map((h) => join(set.dir, h)), namesOf(expected), { compiler: 'gcc', cflags: ['-std=c11'] });
      assert.deepEqual([...(probed.unresolved ?? new Map())], [], `${set.label}: names the compiler rejected`);
      const forward = compareFacts(probed, expected, new Map());
      const backward = compareFacts(expected, probed, new Map());
      assert.deepEqual([...forward.mismatched, ...forward.missing, ...backward.missing], [], `${set.label}: header and model differ`);
      assert.ok(countFacts(probed) === countFacts(expected) && countFacts(expected) > 0, `${set.label}: every fact probed`);
    }
  });

  it('as checked at compile time by aarch64-linux-gnu-gcc', (t) => {
    if (!needTool(t, 'aarch64-linux-gnu-gcc')) return;
    for (const set of sets) {
      const failures = assertFactsCompile(set.headers.map((h) => join(set.dir, h)), expectedFacts(set.model), { compiler: 'aarch64-linux-gnu-gcc', cflags: ['-ffreestanding'] });
      assert.deepEqual(failures, [], `${set.label}: aarch64 layout differs from the model`);
    }
  });

  it('asserts every size and offset in the header itself', () => {
    for (const set of sets) {
      const text = set.files.map((f) => String(f.contents)).join('\n');
      for (const spec of set.model.specs) {
        for (const struct of spec.structs) {
          const type = `${struct.kind} ${struct.name}`;
          assert.ok(text.includes(`HVSPEC_STATIC_ASSERT(sizeof(${type}) == ${struct.size},`), `size of ${type}`);
          assert.ok(text.includes(`HVSPEC_ASSERT_ALIGN(${type}, ${struct.align});`), `alignment of ${type}`);
          for (const field of struct.fields) {
            assert.ok(text.includes(`HVSPEC_STATIC_ASSERT(offsetof(${type}, ${field.name}) == ${field.offset},`), `offset of ${type}.${field.name}`);
          }
        }
      }
    }
  });
});
