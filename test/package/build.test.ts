/**
 * The compiled package: standalone validators current with schemas/, the bundle in dist/ that
 * bin/hvspec.js runs (guarded against staleness in a checkout), and the programmatic API.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import * as api from '../../src/index.ts';
import { GENERATED_DECLARATIONS, GENERATED_VALIDATORS, generateDeclarationsSource, generateValidatorsSource } from '../../src/validate/standalone.ts';

const TOP = path.join(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(TOP, 'package.json'), 'utf8')) as { version: string }).version;

describe('standalone schema validators', () => {
  test('are current with schemas/ (run `npm run build` after editing a schema)', () => {
    assert.equal(readFileSync(GENERATED_VALIDATORS, 'utf8'), generateValidatorsSource());
    assert.equal(readFileSync(GENERATED_DECLARATIONS, 'utf8'), generateDeclarationsSource());
  });

  test('nothing in the bundle compiles a schema: ajv itself is not in dist/', () => {
    for (const file of readdirSync(path.join(TOP, 'dist')).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(path.join(TOP, 'dist', file), 'utf8');
      assert.doesNotMatch(text, /\baddSchema\(|\bcompileAsync\(|strictSchema/, file);
    }
  });
});

describe('the bundle in dist/', () => {
  test('starts the compiled parse worker, which parses and validates a document', async () => {
    const bundle = readdirSync(path.join(TOP, 'dist')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(TOP, 'dist', f), 'utf8')).join('\n');
    assert.match(bundle, /new URL\("\.\/parse-worker\.js", import\.meta\.url\)/, 'the bundle starts dist/parse-worker.js, not the tsx entry');
    assert.doesNotMatch(bundle, /parse-worker-entry\.mjs/);
    const worker = new Worker(new URL('../../dist/parse-worker.js', import.meta.url));
    try {
      const reply = await new Promise<{ id: number; document: { validBlocks: number[] } | null; diagnostics: unknown[] }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 7, file: 'standards/a.md', text: '---\nspec: a\ntitle: A\nversion: 1.0.0\nstatus: draft\n---\n\n```hvspec constants\nname: a_c\ntype: u32\nitems:\n  - { name: A_ONE, value: 1 }\n```\n' });
      });
      assert.equal(reply.id, 7);
      assert.deepEqual(reply.diagnostics, []);
      assert.deepEqual(reply.document?.validBlocks, [0]);
    } finally {
      await worker.terminate();
    }
  });
});

describe('bin/hvspec.js', () => {
  test('--version answers from package.json', () => {
    const r = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${VERSION}\n`);
  });

  /** A copy of bin/ beside a fake checkout whose dist/ only says that it ran. */
  function fakeCheckout(buildStarted: number): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-bin-'));
    for (const sub of ['bin', 'dist', 'src/cli', 'generators', 'schemas']) mkdirSync(path.join(dir, sub), { recursive: true });
    copyFileSync(path.join(TOP, 'bin/hvspec.js'), path.join(dir, 'bin/hvspec.js'));
    writeFileSync(path.join(dir, 'src/cli/main.ts'), '');
    writeFileSync(path.join(dir, 'dist/cli.js'), "export async function main() { process.stdout.write('compiled ran\\n'); return 0; }\n");
    writeFileSync(path.join(dir, 'dist/build-stamp.json'), JSON.stringify({ started: buildStarted }));
    return dir;
  }

  test('in a checkout, refuses a dist/ older than the sources', () => {
    const dir = fakeCheckout(0);
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/hvspec.js'), 'check'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'hvspec: dist/ is older than src/cli/main.ts; run `npm run build` first\n');
    assert.equal(r.stdout, '');
  });

  test('in a checkout, runs a dist/ built after the last source change', () => {
    const dir = fakeCheckout(Date.now() + 60_000);
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/hvspec.js'), 'check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'compiled ran\n');
  });
});

describe('programmatic API', () => {
  test('compile() of the project corpus gives the model the CLI builds', async () => {
    const result = await api.compile(TOP, { cache: false });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(result.model);
    const model = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), '-C', TOP, 'model', '--no-cache'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(model.status, 0, model.stderr);
    assert.equal(api.serializeModel(result.model), model.stdout);
  });

  test('compile() reports problems as diagnostics and the reporters render them', async () => {
    const result = await api.compile(path.join(TOP, 'test/fixtures/check/unknown-type'), { cache: false });
    assert.equal(result.model, null);
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.file, d.range?.start.line]), [['HV3001', 'standards/a.md', 15]]);
    assert.match(api.renderText(result.diagnostics, { sources: new Map(), color: false }), /^standards\/a\.md:15:26: error HV3001: /m);
    assert.equal((JSON.parse(api.renderSarif(result.diagnostics, api.version())) as { version: string }).version, '2.1.0');
    assert.match(api.renderGithub(result.diagnostics), /^::error file=standards\/a\.md,line=15,/m);
    assert.deepEqual(api.summarize(result.diagnostics), { errors: 1, warnings: 0, notes: 0 });
  });

  test('the compiled API (dist/index.js) finds its templates: the built-in generators run', async () => {
    const compiled = await import(pathToFileURL(path.join(TOP, 'dist/index.js')).href) as typeof api;
    const result = await compiled.compile(TOP, { cache: false });
    assert.ok(result.model);
    assert.deepEqual(compiled.generators.map((g) => g.name), api.generators.map((g) => g.name));
    const warnings: string[] = [];
    const c = await compiled.cGenerator.generate(result.model, { root: TOP, warn: (m) => warnings.push(m) });
    const header = c.find((f) => f.path.endsWith('/virtio-i2c.h') || f.path === 'virtio-i2c.h');
    assert.ok(header, c.map((f) => f.path).join(', '));
    assert.equal(header.contents, readFileSync(path.join(TOP, 'output/c', header.path), 'utf8'));
    assert.deepEqual(warnings, []);
  });
});
