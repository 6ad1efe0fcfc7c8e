/*
 * The generated code as vendor packages (docs/package-outputs.md), named by hvspec.config.json:
 * output/ts is an npm package that installs into a fresh project and compiles under tsc --strict;
 * output/rust passes `cargo package`; output/c installs to a prefix and a program builds against
 * the installed copy with `pkg-config --cflags`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test, type TestContext } from 'node:test';
import { main } from '../../src/cli/main.ts';

const TOP = path.join(import.meta.dirname, '../..');
const CARGO_PATH = `${path.join(homedir(), '.cargo/bin')}${path.delimiter}${process.env.PATH ?? ''}`;

const has = (tool: string, env: NodeJS.ProcessEnv = process.env): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore', env }).status === 0;

/** A missing tool skips locally and fails in CI, as in test/c/toolchain.ts. */
function need(t: TestContext, tool: string, env?: NodeJS.ProcessEnv): boolean {
  if (has(tool, env)) return true;
  if (process.env.CI === 'true') throw new Error(`${tool} is required in CI`);
  t.skip(`${tool} not installed`);
  return false;
}

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

const CONFIG = {
  package: {
    name: 'acme-hv', version: '2.3.4', description: 'ACME hypervisor interfaces', license: 'MIT OR Apache-2.0',
    repository: 'https://example.com/acme/hv-standards', authors: ['ACME Hypervisor Team <hv@example.com>'],
    ts: { name: '@acme/hv-bindings' },
  },
};

describe('vendor packages of the generated code', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-vendor-'));
  before(async () => {
    cpSync(path.join(TOP, 'standards'), path.join(root, 'standards'), { recursive: true });
    writeFileSync(path.join(root, 'hvspec.config.json'), `${JSON.stringify(CONFIG, null, 2)}\n`);
    const r = await hvspec(['-C', root, 'build', '--target', 'c,rust,ts', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
  });

  test('output/c installs to a prefix; a program builds against it with pkg-config --cflags', (t) => {
    if (!need(t, 'make') || !need(t, 'pkg-config') || !need(t, 'gcc')) return;
    const prefix = path.join(root, 'prefix');
    execFileSync('make', ['-C', path.join(root, 'output/c'), 'install', `PREFIX=${prefix}`], { stdio: 'pipe' });
    const installed = readdirSync(path.join(prefix, 'include/acme-hv')).sort();
    assert.ok(installed.includes('virtio-i2c.h') && installed.includes('hvspec_common.h'), installed.join(' '));
    const env = { ...process.env, PKG_CONFIG_PATH: path.join(prefix, 'share/pkgconfig'), PKG_CONFIG_LIBDIR: '' };
    const cflags = execFileSync('pkg-config', ['--cflags', 'acme-hv'], { encoding: 'utf8', env }).trim();
    assert.equal(cflags, `-I${prefix}/include`);
    assert.equal(execFileSync('pkg-config', ['--modversion', 'acme-hv'], { encoding: 'utf8', env }).trim(), '2.3.4');
    const program = path.join(root, 'use.c');
    writeFileSync(program, [
      '#include <stdio.h>',
      '#include <acme-hv/virtio-i2c.h>',
      '#include <acme-hv/arm-psci.h>',
      'int main(void) {',
      '  printf("%zu %d %llx\\n", sizeof(struct virtio_i2c_out_hdr), VIRTIO_ID_I2C_ADAPTER, (unsigned long long)PSCI_0_2_FN64_CPU_ON);',
      '  return 0;',
      '}',
      '',
    ].join('\n'));
    const binary = path.join(root, 'use');
    execFileSync('gcc', ['-std=c11', '-Wall', '-Wextra', '-Werror', ...cflags.split(/\s+/), '-o', binary, program], { stdio: 'pipe' });
    // Linux uapi virtio_i2c.h: the out header is 8 bytes; VIRTIO_ID_I2C_ADAPTER is 34; PSCI CPU_ON (SMC64) is 0xC4000003.
    assert.equal(execFileSync(binary, { encoding: 'utf8' }), '8 34 c4000003\n');
    // In place (no install), the same pkg-config file points at output/c/include.
    const inPlace = execFileSync('pkg-config', ['--cflags', 'acme-hv'], { encoding: 'utf8', env: { ...env, PKG_CONFIG_PATH: path.join(root, 'output/c/share/pkgconfig') } }).trim();
    assert.equal(path.resolve(inPlace.replace(/^-I/, '')), path.join(root, 'output/c/include'));
  });

  test('output/rust is a crate `cargo package` accepts, with the configured metadata', (t) => {
    const env = { ...process.env, PATH: CARGO_PATH, CARGO_TARGET_DIR: path.join(root, 'cargo-target') };
    if (!need(t, 'cargo', env)) return;
    const manifest = readFileSync(path.join(root, 'output/rust/Cargo.toml'), 'utf8');
    assert.match(manifest, /^name = "acme-hv"$/m);
    assert.match(manifest, /^version = "2\.3\.4"$/m);
    assert.match(manifest, /^license = "MIT OR Apache-2\.0"$/m);
    assert.match(manifest, /^repository = "https:\/\/example\.com\/acme\/hv-standards"$/m);
    assert.doesNotMatch(manifest, /publish = false/);
    const r = spawnSync('cargo', ['package', '--offline', '--no-verify', '--allow-dirty'], { cwd: path.join(root, 'output/rust'), encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /warning: manifest has no/);
    const crate = path.join(root, 'cargo-target/package/acme-hv-2.3.4.crate');
    const listed = execFileSync('tar', ['tzf', crate], { encoding: 'utf8' }).split('\n');
    for (const f of ['Cargo.toml', 'README.md', 'src/lib.rs', 'src/virtio_i2c.rs']) assert.ok(listed.includes(`acme-hv-2.3.4/${f}`), `${f} in the crate`);
  });

  test('output/ts packs, installs into a fresh project, compiles under tsc --strict and runs', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'output/ts/package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg.name, '@acme/hv-bindings');
    assert.equal(pkg.version, '2.3.4');
    assert.equal(pkg.dependencies, undefined);
    const packDir = path.join(root, 'packed');
    mkdirSync(packDir);
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: path.join(root, 'output/ts'), encoding: 'utf8' }).trim().split('\n').pop()!;
    const consumer = mkdtempSync(path.join(tmpdir(), 'hvspec-consumer-'));
    writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', path.join(packDir, tarball)], { cwd: consumer, stdio: 'pipe' });
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmitOnError: true, outDir: 'out', types: [] },
      include: ['main.ts'],
    }));
    writeFileSync(path.join(consumer, 'main.ts'), [
      "import { decodeVirtioI2cOutHdr, encodeVirtioI2cOutHdr, VIRTIO_I2C_FLAGS_M_RD, VIRTIO_I2C_OUT_HDR_SIZE, type VirtioI2cOutHdr } from '@acme/hv-bindings/virtio-i2c';",
      "import { DecodeError } from '@acme/hv-bindings';",
      'const hdr: VirtioI2cOutHdr = { addr: 0x1234, flags: VIRTIO_I2C_FLAGS_M_RD };',
      'const view = new DataView(new ArrayBuffer(VIRTIO_I2C_OUT_HDR_SIZE));',
      'encodeVirtioI2cOutHdr(hdr, view);',
      'const bytes = Array.from(new Uint8Array(view.buffer), (b) => b.toString(16).padStart(2, "0")).join("");',
      'const back = decodeVirtioI2cOutHdr(view);',
      'console.log(bytes, back.addr === hdr.addr && back.flags === hdr.flags, typeof DecodeError);',
      '',
    ].join('\n'));
    execFileSync(process.execPath, [path.join(TOP, 'node_modules/typescript/bin/tsc'), '-p', consumer], { stdio: 'pipe' });
    assert.equal(execFileSync(process.execPath, [path.join(consumer, 'out/main.js')], { encoding: 'utf8' }), '3412000002000000 true function\n');
    // What was installed is the package alone: compiled JavaScript and declarations, no dependencies.
    const installed = path.join(consumer, 'node_modules/@acme/hv-bindings');
    assert.ok(readdirSync(path.join(installed, 'dist')).includes('virtio-i2c.d.ts'));
    assert.deepEqual(readdirSync(path.join(consumer, 'node_modules')).filter((f) => !f.startsWith('.')), ['@acme']);
  });
});
