/**
 * TypeScript writes the same bytes as C: every struct of the project corpus is filled with the
 * shared cross-language sample (test/crosslang), encoded by the generated TypeScript, and compared
 * with the bytes a C program compiled against the generated headers prints — and with the bytes
 * the model's offsets give. Then the TypeScript decoder reads C's bytes back into the sample.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { cGenerator } from '../../generators/c/index.ts';
import { cStructBytes, modelStructBytes, sampleStruct, toHex } from '../crosslang/index.ts';
import { compileRoot, generateInto, loadPackage, projectRoot, scratch } from './support.ts';
import { Bindings } from './values.ts';

const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function haveCompiler(): boolean {
  try {
    execFileSync(process.env.CC ?? 'gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('TypeScript encodes every corpus struct to the bytes C produces', async (t) => {
  if (!haveCompiler()) {
    if (process.env.CI === 'true') assert.fail(`${process.env.CC ?? 'gcc'} is required in CI`);
    return t.skip('no C compiler');
  }
  const model = await compileRoot(projectRoot);
  if (model === null) return t.skip('src/compile.ts is not there yet');

  const dir = scratch('crosslang');
  dirs.push(dir);
  await generateInto(model, join(dir, 'ts'));
  const headers = join(dir, 'c');
  for (const file of await cGenerator.generate(model, { root: projectRoot, warn: (m) => { throw new Error(m); } })) {
    const path = join(headers, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
  const bindings = new Bindings(model, await loadPackage(model, join(dir, 'ts')));

  const names = model.specs.flatMap((spec) => spec.structs.map((s) => s.name));
  assert.ok(names.length > 0, 'the corpus has structs');
  const cBytes = cStructBytes(model, join(headers, 'include', 'hvspec'), names);

  const mismatches: string[] = [];
  for (const name of names) {
    const { struct } = bindings.struct(name);
    const sample = sampleStruct(model, name);
    const value = struct.kind === 'union'
      ? bindings.structFromSample(struct, sample)
      : bindings.structFromSample(struct, sample);
    const codec = bindings.codec(name);
    const bytes = new Uint8Array(struct.size);
    const written = codec.encode(value, new DataView(bytes.buffer));
    assert.equal(written, struct.size, `${name}: bytes written (flexible arrays are empty in samples)`);

    const fromC = cBytes.get(name);
    if (fromC === undefined) { mismatches.push(`${name}: C printed nothing`); continue; }
    if (toHex(bytes) !== toHex(fromC)) mismatches.push(`${name}: ts ${toHex(bytes)} != c ${toHex(fromC)}`);
    const fromModel = modelStructBytes(model, name, sample);
    if (toHex(bytes) !== toHex(fromModel)) mismatches.push(`${name}: ts ${toHex(bytes)} != model ${toHex(fromModel)}`);

    // And back: C's bytes decode to the sample.
    const member = struct.kind === 'union' ? Object.keys(value)[0] : undefined;
    assert.deepStrictEqual(codec.decode(new DataView(fromC.buffer, fromC.byteOffset, fromC.byteLength), 0, member), value, `${name}: decoding C's bytes`);
  }
  assert.deepEqual(mismatches, []);
});
