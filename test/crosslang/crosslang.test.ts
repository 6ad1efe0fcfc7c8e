/**
 * The sample library itself: samples are deterministic and well-formed, and the bytes C produces
 * for them (through the generated headers) equal the bytes the model's layout predicts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateC } from '../../generators/c/index.ts';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';
import { writeFiles } from '../c/toolchain.ts';
import { cStructBytes, modelStructBytes, sampleStruct, toHex } from './index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAYOUTS = fileURLToPath(new URL('../c/fixtures/layouts/', import.meta.url));

function needGcc(t: TestContext): boolean {
  if (spawnSync(process.env.CC ?? 'gcc', ['--version'], { stdio: 'ignore' }).status === 0) return true;
  if (process.env.CI === 'true') throw new Error('gcc is required in CI');
  t.skip('gcc not installed');
  return false;
}

async function load(root: string): Promise<{ model: Model; dir: string }> {
  const { model, diagnostics } = await compileCorpus(root, { cache: false });
  assert.ok(model, diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n'));
  return { model, dir: writeFiles(generateC(model, () => {}), 'hvspec-crosslang-') };
}

describe('cross-language samples', () => {
  let project: { model: Model; dir: string };
  let layouts: { model: Model; dir: string };
  before(async () => {
    project = await load(ROOT);
    layouts = await load(LAYOUTS);
  });

  it('samples are deterministic, distinct per field, and respect reserved, enum and flag fields', () => {
    const a = sampleStruct(layouts.model, 'cl_nested');
    assert.deepEqual(a, sampleStruct(layouts.model, 'cl_nested'));
    assert.deepEqual(a.pad, [0n, 0n, 0n], 'reserved array is zero');
    assert.deepEqual(a.tail_pad, [0n, 0n]);
    assert.ok(a.kind === 1n || a.kind === 2n, 'enum field holds an enum value');
    const flags = a.flags as bigint;
    assert.ok(flags !== 0n && (flags & ~(0x1n | 0xf00n | 0x8000000000000000n)) === 0n, 'flags field holds only defined bits');
    assert.deepEqual(Object.keys(a.inner as object), ['word'], 'union: first member only');
    assert.deepEqual(sampleStruct(layouts.model, 'cl_flex').items, [], 'flexible array empty');
    const matrix = (a.matrix as bigint[][]).flat();
    assert.equal(new Set(matrix).size, matrix.length, 'array elements differ');
    assert.ok((a.signed_value as bigint) >= -32768n && (a.signed_value as bigint) <= 32767n, 'signed value fits i16');
  });

  it('C bytes equal the model layout for the fixture structs', (t) => {
    if (!needGcc(t)) return;
    const names = ['cl_packed', 'cl_aligned', 'cl_union', 'cl_nested', 'cl_flex'];
    const c = cStructBytes(layouts.model, layouts.dir, names);
    for (const name of names) {
      assert.equal(toHex(c.get(name)!), toHex(modelStructBytes(layouts.model, name, sampleStruct(layouts.model, name))), name);
    }
    // Independent of both: the packed struct spelled out. The pattern gives bytes 01, 02, … in order of
    // significance: tag 01; le32 value least significant first; be64 wide most significant first.
    assert.equal(toHex(c.get('cl_packed')!), '01' + '02030405' + '0d0c0b0a09080706');
  });

  it('C bytes equal the model layout for corpus structs', (t) => {
    if (!needGcc(t)) return;
    const names = ['virtio_i2c_out_hdr', 'virtio_i2c_in_hdr', 'vring_desc', 'vring_used_elem', 'vring_packed_desc_event', 'virtio_rpmb_frame', 'virtio_snd_pcm_set_params'];
    const present = names.filter((n) => project.model.specs.some((s) => s.structs.some((x) => x.name === n)));
    assert.ok(present.length >= 4, `corpus structs found: ${present.join(', ')}`);
    const c = cStructBytes(project.model, project.dir, present);
    for (const name of present) {
      assert.equal(toHex(c.get(name)!), toHex(modelStructBytes(project.model, name, sampleStruct(project.model, name))), name);
    }
    // virtio is little-endian: the i2c header is addr 0x0201, padding 0, flags (pattern & defined bits).
    assert.equal(toHex(c.get('virtio_i2c_out_hdr')!).slice(0, 8), '01020000');
  });
});

