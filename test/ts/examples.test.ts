/**
 * The golden vectors of the corpus through the generated TypeScript: each struct example's bytes
 * decode (with the generated decoder) to the values the standard gives, field by field, and the
 * decoded value encodes back to exactly those bytes; each call example's function ID equals the
 * generated ID constant. The generator emits this as the package's own test (`npm test` in
 * output/ts runs dist/_examples.js), which is run here, and proven able to fail; the same checks
 * also run through this file's own walk of the decoded values. The bytes were written by the
 * standards' authors from the specifications; the same vectors run in C (test/c/examples.test.ts)
 * and Rust (test/rust/examples.test.ts).
 *
 * Run: node --import tsx --test test/ts/examples.test.ts
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { propertyName } from '../../generators/ts/names.ts';
import type { ExampleLeaf, Model, StructExample } from '../../src/model/types.ts';
import { compileRoot, generateInto, loadPackage, projectRoot, scratch } from './support.ts';
import { Bindings } from './values.ts';

let model: Model;
let bindings: Bindings;
let modules: Map<string, Record<string, unknown>>;
let dir: string;

before(async () => {
  model = (await compileRoot(projectRoot))!;
  dir = scratch('examples');
  await generateInto(model, dir);
  modules = await loadPackage(model, dir);
  bindings = new Bindings(model, modules);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));

/**
 * The decoded value at a leaf's path (`hdr.type`, `data[2]`), or undefined where the TypeScript
 * value keeps raw bytes (a union inside a struct is a Uint8Array: its member is the reader's choice).
 */
function valueAt(decoded: unknown, leaf: ExampleLeaf): bigint | undefined {
  let current: unknown = decoded;
  for (const part of leaf.path.split('.')) {
    const [, name, indexes] = /^([^[]+)((?:\[\d+\])*)$/.exec(part)!;
    if (current instanceof Uint8Array) return undefined;
    current = (current as Record<string, unknown>)[propertyName(name!)];
    for (const index of indexes!.match(/\d+/g) ?? []) current = (current as ArrayLike<unknown>)[Number(index)];
  }
  if (typeof current === 'number' || typeof current === 'bigint') return BigInt.asUintN(leaf.size * 8, BigInt(current));
  throw new Error(`${leaf.path}: decoded to ${typeof current}`);
}

const structExamples = (): StructExample[] => model.specs.flatMap((s) => s.examples.filter((e): e is StructExample => e.kind === 'struct'));

/** Runs the package's generated examples test (`npm test` of output/ts); its TAP lines. */
function runPackageExamples(directory: string): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, [join(directory, 'dist', '_examples.js')], { encoding: 'utf8' });
  return { status: result.status, lines: result.stdout.split('\n').filter((l) => l !== '') };
}

describe('TypeScript examples', () => {
  test('the package\'s own examples test (npm test) runs every example of the corpus and passes', () => {
    const names = model.specs.flatMap((s) => s.examples.map((e) => e.name));
    assert.ok(names.length >= 9, `examples: ${names.length}`);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: { test?: string }; files: string[] };
    assert.equal(pkg.scripts?.test, 'node dist/_examples.js');
    assert.ok(pkg.files.includes('!dist/_examples.*'), 'the test is not shipped');
    const { status, lines } = runPackageExamples(dir);
    assert.equal(status, 0, lines.join('\n'));
    names.forEach((name, i) => assert.ok(lines.includes(`ok ${i + 1} - ${name}`), `${name} passed`));
    assert.ok(lines.includes(`1..${names.length}`));
  });

  test('a golden byte that is wrong fails the generated test at its field', async () => {
    const altered = structuredClone(model);
    const example = altered.specs.flatMap((s) => s.examples).find((e): e is StructExample => e.name === 'gpio-get-direction')!;
    const gpio = example.leaves.find((l) => l.path === 'gpio')!;
    example.bytes = example.bytes.slice(0, gpio.offset * 2) + '06' + example.bytes.slice(gpio.offset * 2 + 2); // line 6, not 5
    const other = scratch('examples-wrong');
    try {
      await generateInto(altered, other);
      const { status, lines } = runPackageExamples(other);
      assert.equal(status, 1);
      const failures = lines.filter((l) => l.startsWith('not ok'));
      assert.equal(failures.length, 1, failures.join('\n'));
      assert.match(failures[0]!, /gpio-get-direction: gpio is 0x6, the example says 0x5/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('every struct example decodes to its values and encodes back to its bytes (through the harness\'s own walk)', () => {
    const examples = structExamples();
    assert.ok(examples.length >= 6, `struct examples: ${examples.length}`);
    for (const example of examples) {
      const bytes = bytesOf(example.bytes);
      const codec = bindings.codec(example.type.name);
      const view = new DataView(bytes.buffer);
      const member = example.type.kind === 'union' ? example.leaves[0]!.path.split(/[.[]/)[0] : undefined;
      const decoded = codec.decode(view, 0, member);
      let compared = 0;
      for (const leaf of example.leaves) {
        const got = valueAt(decoded, leaf);
        if (got === undefined) continue;
        assert.equal(got, BigInt(leaf.value), `${example.name}: ${leaf.path}`);
        compared++;
      }
      assert.ok(compared > 0, `${example.name}: at least one field compared`);
      const out = new Uint8Array(bytes.length);
      const written = codec.encode(decoded, new DataView(out.buffer), 0);
      assert.equal(written, bytes.length, `${example.name}: bytes written`);
      assert.deepEqual([...out], [...bytes], `${example.name}: encoded bytes`);
    }
  });

  test('every call example\'s function ID is the generated constant', () => {
    let checked = 0;
    for (const spec of model.specs) {
      for (const example of spec.examples) {
        if (example.kind !== 'call') continue;
        const owner = model.specs.find((s) => s.hypercalls.some((h) => h.functions.some((f) => f.idName === example.function)))!;
        const module = modules.get(owner.id)!;
        const constant = module[bindings.names.get(owner.id)!.get('const', example.function)];
        assert.equal(BigInt(constant as number | bigint), BigInt(example.id), `${example.name}: ${example.function}`);
        checked++;
      }
    }
    assert.ok(checked >= 3, `call examples: ${checked}`);
  });
});
