/**
 * The generator's contract: deterministic output, the package layout docs/ts.md describes, and
 * an `exports` entry (types + JavaScript) for the runtime and every standard.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PACKAGE_NAME, RUNTIME_MODULE, tsGenerator } from '../../generators/ts/index.ts';
import type { GeneratedFile } from '../../generators/types.ts';
import { handModel } from './fixtures/hand-model.ts';
import { projectRoot } from './support.ts';

async function generate(): Promise<GeneratedFile[]> {
  return tsGenerator.generate(structuredClone(handModel), { root: projectRoot, warn: (m) => { throw new Error(m); } });
}

test('the same model gives byte-identical files, with no absolute path in them', async () => {
  const [first, second] = [await generate(), await generate()];
  assert.deepEqual(second, first);
  for (const file of first) {
    assert.ok(!String(file.contents).includes(projectRoot), `${file.path} mentions the build directory`);
    assert.match(file.path, /^[a-z0-9_./-]+$/);
  }
});

test('package layout: sources, JavaScript and declarations per module; exports for each', async () => {
  const files = await generate();
  const paths = files.map((f) => f.path).sort();
  const modules = [RUNTIME_MODULE, ...handModel.specs.map((s) => s.id)];
  const expected = ['package.json', 'tsconfig.json', ...modules.flatMap((m) => [`src/${m}.ts`, `dist/${m}.js`, `dist/${m}.d.ts`])].sort();
  assert.deepEqual(paths, expected);

  const pkg = JSON.parse(String(files.find((f) => f.path === 'package.json')!.contents)) as {
    name: string; type: string; types: string; exports: Record<string, unknown>;
  };
  assert.equal(pkg.name, PACKAGE_NAME);
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.types, `./dist/${RUNTIME_MODULE}.d.ts`);
  assert.deepEqual(pkg.exports['.'], { types: `./dist/${RUNTIME_MODULE}.d.ts`, default: `./dist/${RUNTIME_MODULE}.js` });
  for (const spec of handModel.specs) {
    assert.deepEqual(pkg.exports[`./${spec.id}`], { types: `./dist/${spec.id}.d.ts`, default: `./dist/${spec.id}.js` });
  }
});

test('a spec that defines nothing is still a module', async () => {
  const files = await generate();
  const empty = String(files.find((f) => f.path === 'src/fx-empty.ts')!.contents);
  assert.match(empty, /^export \{\};$/m);
});
