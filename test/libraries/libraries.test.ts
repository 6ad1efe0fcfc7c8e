/*
 * Standard libraries (docs/libraries.md): a standards repository with hvspec installed in its
 * node_modules requires virtio-core without copying it; the library is checked but not published,
 * the number registry spans it, and the generated C of the repository's own standard compiles
 * against the library definitions it needs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { compileCorpus } from '../../src/compile.ts';
import { runDiff } from '../../src/diff/run.ts';

const TOP = path.join(import.meta.dirname, '../..');

async function hvspec(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const saved = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'hvspec', ...args]), stderr };
  } finally {
    process.stderr.write = saved;
  }
}

const VENDOR = `---
spec: acme-sensor
title: ACME sensor device
version: 0.1.0
status: draft
requires: [virtio-core]
---

# ACME sensor

\`\`\`hvspec struct
name: acme_sensor_req
doc: One request; the ring descriptor layout comes from [[vring_desc]].
fields:
  - { name: desc, type: vring_desc }
  - { name: status, type: virtio_config_status }
  - { name: reserved, type: "u8[3]", reserved: true }
  - { name: value, type: le32 }
\`\`\`

\`\`\`hvspec device
name: acme-sensor
id: DEVICE_ID
virtqueues:
  - { index: 0, name: requestq }
\`\`\`
`;

/** A standards repository as a user has it: its own standards/, hvspec installed in node_modules (here: linked to this checkout). */
function project(options: { deviceId?: number; config?: unknown } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-lib-'));
  mkdirSync(path.join(root, 'standards'));
  mkdirSync(path.join(root, 'node_modules'));
  symlinkSync(TOP, path.join(root, 'node_modules/hvspec'), 'dir');
  writeFileSync(path.join(root, 'standards/acme-sensor.md'), VENDOR.replace('DEVICE_ID', String(options.deviceId ?? 200)));
  if (options.config !== undefined) writeFileSync(path.join(root, 'hvspec.config.json'), `${JSON.stringify(options.config, null, 2)}\n`);
  return root;
}

describe('hvspec\'s own standards, installed as a package', () => {
  test('are available without configuration, checked, and marked as library specs in the model', async () => {
    const root = project();
    const result = await compileCorpus(root, { cache: false });
    assert.deepEqual(result.diagnostics, []);
    const specs = result.model!.specs;
    assert.deepEqual(specs.filter((s) => s.library === undefined).map((s) => s.id), ['acme-sensor']);
    const core = specs.find((s) => s.id === 'virtio-core')!;
    assert.equal(core.library, 'hvspec');
    assert.equal(core.file, 'node_modules/hvspec/standards/virtio-core.md');
    const req = specs.find((s) => s.id === 'acme-sensor')!.structs[0]!;
    assert.deepEqual(req.fields.map((f) => [f.name, f.offset, f.size]), [['desc', 0, 16], ['status', 16, 1], ['reserved', 17, 3], ['value', 20, 4]]);
  });

  test('a new device cannot take an ID the library assigns (the registry spans both); the clash is on the user\'s document', async () => {
    const result = await compileCorpus(project({ deviceId: 34 }), { cache: false });
    assert.deepEqual(result.diagnostics.map((d) => `${d.file}:${d.range?.start.line} ${d.code}`), ['standards/acme-sensor.md:23 HV4010']);
    assert.match(result.diagnostics[0]!.message, /Device ID 34 is used by "i2c-adapter" and "acme-sensor"/);
    assert.equal(result.diagnostics[0]!.related![0]!.file, 'node_modules/hvspec/standards/virtio-i2c.md');
  });

  test('"standardLibraries": [] turns the library off', async () => {
    const result = await compileCorpus(project({ config: { standardLibraries: [] } }), { cache: false });
    assert.equal(result.model, null);
    assert.equal(result.diagnostics[0]!.code, 'HV3003');
    assert.match(result.diagnostics[0]!.message, /No document defines the spec "virtio-core"/);
  });

  test('build publishes only the repository\'s standard; the C header of the library spec it requires comes along and compiles', async () => {
    const root = project();
    const r = await hvspec(['-C', root, 'build', '--target', 'c,ts,rust,html', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    // Every standard of this repository is in the library: the count follows the corpus as it grows.
    const library = readdirSync(path.join(TOP, 'standards')).filter((f) => f.endsWith('.md')).length;
    assert.match(r.stderr, new RegExp(`model: output/model\\.json \\(1 standards, ${library} from standard libraries\\)`));
    const headers = readdirSync(path.join(root, 'output/c/include/hvspec')).sort();
    assert.deepEqual(headers, ['acme-sensor.h', 'hvspec_common.h', 'virtio-core.h']);
    assert.ok(!readdirSync(path.join(root, 'output/html')).some((f) => f.startsWith('virtio-core')), 'the library is not re-published');
    assert.ok(existsSync(path.join(root, 'output/html/acme-sensor.html')));
    assert.ok(readdirSync(path.join(root, 'output/ts/src')).includes('virtio-core.ts'));
    const program = path.join(root, 'use.c');
    writeFileSync(program, '#include <hvspec/acme-sensor.h>\n_Static_assert(sizeof(struct acme_sensor_req) == 24, "layout");\nint main(void) { struct acme_sensor_req r = {0}; r.desc.len = 1; return (int)r.status; }\n');
    const cc = spawnSync('gcc', ['-std=c11', '-Wall', '-Werror', '-I', path.join(root, 'output/c/include'), '-o', path.join(root, 'use'), program], { encoding: 'utf8' });
    assert.equal(cc.status, 0, cc.stderr);
    assert.equal((await hvspec(['-C', root, 'build', '--check', '--no-cache'])).code, 0);
    // Last: cargo writes Cargo.lock into output/rust, which build --check would then call extra.
    const cargoEnv = { ...process.env, PATH: `${path.join(homedir(), '.cargo/bin')}${path.delimiter}${process.env.PATH ?? ''}` };
    if (spawnSync('cargo', ['--version'], { env: cargoEnv }).status === 0) {
      assert.deepEqual(readdirSync(path.join(root, 'output/rust/src')).sort(), ['acme_sensor.rs', 'endian.rs', 'examples.rs', 'hypercall.rs', 'lib.rs', 'virtio_core.rs']);
      const cargo = spawnSync('cargo', ['build', '--offline', '--quiet'], { cwd: path.join(root, 'output/rust'), encoding: 'utf8', env: cargoEnv });
      assert.equal(cargo.status, 0, cargo.stderr);
    }

  });
});

describe('hvspec diff against a revision', () => {
  test('finds the library in the working tree\'s node_modules (a revision\'s copy has none)', async (t) => {
    if (spawnSync('git', ['--version']).status !== 0) return t.skip('git not installed');
    const root = project();
    writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n');
    const git = (...args: string[]): void => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
    const doc = path.join(root, 'standards/acme-sensor.md');
    writeFileSync(doc, VENDOR.replace('DEVICE_ID', '200').replace('{ name: value, type: le32 }', '{ name: value, type: le64 }'));
    const outcome = await runDiff('HEAD', '.', root);
    assert.ok(!outcome.diagnostics.some((d) => d.code === 'HV3003' || /error/.test(d.message) && /OLD/.test(d.message)), JSON.stringify(outcome.diagnostics));
    assert.equal(outcome.exitCode, 1, 'a field that grows is a breaking change');
  });
});

describe('in hvspec\'s own repository', () => {
  test('listing "hvspec" names the same files as standards/: nothing is loaded twice', async () => {
    const plain = await compileCorpus(TOP, { cache: false });
    const listed = await compileCorpus(TOP, { cache: false, standardLibraries: ['hvspec'] });
    assert.deepEqual(listed.diagnostics, []);
    assert.deepEqual(listed.model, plain.model);
    assert.ok(listed.model!.specs.every((s) => s.library === undefined));
  });
});

describe('resolution keeps to the package', () => {
  test('a package whose standards folder is a link out of the package is refused (HV1062)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hvspec-lib-link-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'hvspec-outside-'));
    writeFileSync(path.join(outside, 'x.md'), '---\nspec: x\ntitle: X\nversion: 1.0.0\nstatus: draft\n---\n');
    mkdirSync(path.join(root, 'standards'));
    mkdirSync(path.join(root, 'node_modules/linked-std'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/linked-std/package.json'), '{ "name": "linked-std", "version": "1.0.0" }\n');
    symlinkSync(outside, path.join(root, 'node_modules/linked-std/standards'), 'dir');
    writeFileSync(path.join(root, 'hvspec.config.json'), '{ "standardLibraries": ["linked-std"] }\n');
    const result = await compileCorpus(root, { cache: false });
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['HV1062']);
  });

  test('a package is found in a parent directory\'s node_modules, as Node finds it', async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'hvspec-lib-mono-'));
    mkdirSync(path.join(top, 'node_modules/@acme/base/standards'), { recursive: true });
    writeFileSync(path.join(top, 'node_modules/@acme/base/package.json'), '{ "name": "@acme/base", "version": "3.0.0" }\n');
    writeFileSync(path.join(top, 'node_modules/@acme/base/standards/acme-base.md'), '---\nspec: acme-base\ntitle: Base\nversion: 3.0.0\nstatus: standard\n---\n\n```hvspec constants\nname: acme_limits\nitems:\n  - { name: ACME_MAX, value: 8 }\n```\n');
    const root = path.join(top, 'packages/std');
    mkdirSync(path.join(root, 'standards'), { recursive: true });
    writeFileSync(path.join(root, 'hvspec.config.json'), '{ "standardLibraries": ["@acme/base"] }\n');
    writeFileSync(path.join(root, 'standards/a.md'), '---\nspec: a\ntitle: A\nversion: 0.1.0\nstatus: draft\nrequires: [acme-base]\n---\n\n```hvspec struct\nname: a_t\nfields:\n  - { name: v, type: "u8[ACME_MAX]" }\n```\n');
    const result = await compileCorpus(root, { cache: false });
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.model!.specs.find((s) => s.id === 'acme-base')!.file, '../../node_modules/@acme/base/standards/acme-base.md');
  });
});
