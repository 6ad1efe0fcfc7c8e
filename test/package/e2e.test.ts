/**
 * hvspec as a newcomer gets it, outside this repository: `npm pack`, install the tarball into a
 * fresh temporary project, `hvspec init`, check, build C/Rust/TS/HTML, an ABI break caught by
 * `hvspec diff`, a generator plugin, and the generated TypeScript package installed into a second
 * project and compiled with `tsc --strict`.
 *
 * One sequence of dependent steps (each needs the one before), so one test file. It costs about
 * 45 s of CPU (3 minutes of wall time on a busy machine), most of it the declarations (tsc), the
 * installs and the builds.
 * The npm registry is only asked for what the cache lacks (`--prefer-offline`).
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

const TOP = path.join(import.meta.dirname, '../..');
const WORK = realpathSync(mkdtempSync(path.join(tmpdir(), 'hvspec-e2e-')));
const PROJECT = path.join(WORK, 'my-standards');
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/**
 * The environment of a user's shell: nothing that points back into this repository (`npm test`
 * exports the project's package and lifecycle as npm_* variables), but the same npm cache,
 * registry and proxy settings.
 */
const KEEP_NPM = /^npm_config_(cache|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile)$/i;
const ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => KEEP_NPM.test(k) || !/^(NODE_OPTIONS|NODE_PATH|npm_|INIT_CWD)/i.test(k)));
ENV.NO_COLOR = '1';

function run(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: ENV, timeout: 600_000, maxBuffer: 64 << 20, ...options });
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const npx = (args: string[], cwd = PROJECT) => run('npx', ['--no-install', ...args], cwd);
const git = (args: string[]) => run('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args], PROJECT);

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

let tarball = '';

describe('hvspec installed from its npm package, outside the repository', () => {
  before(() => {
    // `npm pack` would rebuild dist/ (prepack) under the feet of the CLI tests running beside this
    // one; dist/ is current already (`npm test` builds first, and bin/hvspec.js refuses a stale
    // one), so only the declarations are added and the package is packed as it is.
    ok(run(process.execPath, [path.join(TOP, 'bin/hvspec.js'), '--help'], TOP), 'dist/ is current');
    ok(run('npm', ['run', 'build:types', '--silent'], TOP), 'npm run build:types');
    const packed = ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', WORK, ...NPM_FLAGS], TOP), 'npm pack');
    const [info] = JSON.parse(packed.slice(packed.indexOf('['))) as { filename: string; size: number; unpackedSize: number; entryCount: number; files: { path: string }[] }[];
    tarball = path.join(WORK, info!.filename);
    // The packed size, for the record (issue 12: "its size is printed in a test").
    process.stdout.write(`npm pack: ${info!.filename} ${(info!.size / 1024).toFixed(0)} KiB packed, ${(info!.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${info!.entryCount} files\n`);
    const files = info!.files.map((f) => f.path);
    for (const expected of ['bin/hvspec.js', 'dist/cli.js', 'dist/index.js', 'dist/parse-worker.js', 'dist/types/src/index.d.ts', 'dist/THIRD-PARTY-NOTICES.txt',
      'schemas/config.schema.json', 'templates/init/_gitignore', 'generators/c/templates/spec.h.hbs', 'generators/html/assets/site.css',
      'standards/virtio-core.md', 'docs/package.md', 'README.md', 'LICENSE', 'package.json']) {
      assert.ok(files.includes(expected), `the package lacks ${expected}`);
    }
    const unwanted = files.filter((f) => /^(src|test|bench|scripts|output|node_modules)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    assert.deepEqual(unwanted, [], 'sources, tests and build products stay out of the package');
  });
  after(() => { if (!process.env.HVSPEC_E2E_KEEP) rmSync(WORK, { recursive: true, force: true }); });

  test('install, init, check, build, diff, plugin; the TS package compiles in a second project', () => {
    // A user's empty directory; hvspec comes from the tarball only.
    ok(run('mkdir', ['-p', PROJECT], WORK), 'mkdir');
    ok(run('npm', ['install', '--no-save', ...NPM_FLAGS, tarball], PROJECT), 'npm install of the tarball');
    assert.ok(!existsSync(path.join(PROJECT, 'package.json')), 'npm install --no-save leaves the directory to init');
    assert.equal(ok(npx(['hvspec', '--version']), 'hvspec --version').trim(), (JSON.parse(readFileSync(path.join(TOP, 'package.json'), 'utf8')) as { version: string }).version);

    assert.match(ok(npx(['hvspec', 'init']), 'hvspec init'), /Created 6 files/);
    // Record the dependency as a user's `npm install` would (the scaffold names hvspec's registry version).
    ok(run('npm', ['install', '--save-dev', ...NPM_FLAGS, tarball], PROJECT), 'npm install --save-dev');

    // The example standard requires virtio-core, which comes from the installed hvspec package.
    assert.match(ok(npx(['hvspec', 'check']), 'hvspec check'), /0 errors, 0 warnings/);

    const build = ok(npx(['hvspec', 'build', '--target', 'c,rust,ts,html']), 'hvspec build');
    for (const file of ['output/rust/Cargo.toml', 'output/ts/package.json', 'output/html/index.html', 'output/html/example-telemetry.html']) {
      assert.ok(existsSync(path.join(PROJECT, file)), `${file} after build:\n${build}`);
    }
    const cFiles = listFiles(path.join(PROJECT, 'output/c'));
    const header = cFiles.find((f) => f.endsWith('/example-telemetry.h'));
    assert.ok(header, `a C header of the example standard in ${cFiles.join(', ')}`);
    // The standard library is checked with the repository but not published again: a library
    // standard the example does not require gets no bindings and no page.
    assert.deepEqual([...cFiles, ...listFiles(path.join(PROJECT, 'output/html'))].filter((f) => /virtio-gpio/.test(f)), []);
    // The generated header compiles.
    const includes = [path.dirname(header), path.join(PROJECT, 'output/c/include')].flatMap((dir) => ['-I', dir]);
    writeFileSync(path.join(WORK, 'use.c'), '#include "example-telemetry.h"\nint main(void) { return sizeof(struct example_telemetry_record) == 16 ? 0 : 1; }\n');
    ok(run('cc', ['-std=c11', '-Wall', '-Werror', ...includes, '-o', path.join(WORK, 'use'), path.join(WORK, 'use.c')], WORK), 'cc of the generated header');
    ok(run(path.join(WORK, 'use'), [], WORK), 'sizeof check');
    const upToDate = npx(['hvspec', 'build', '--check']);
    assert.equal(upToDate.code, 0, upToDate.stdout + upToDate.stderr);
    assert.match(upToDate.stdout + upToDate.stderr, /up to date/);

    // The example generator plugin, copied from the installed package as docs/plugins.md says.
    mkdirSync(path.join(PROJECT, 'tools'));
    cpSync(path.join(PROJECT, 'node_modules/hvspec/examples/plugins/go-gen.mjs'), path.join(PROJECT, 'tools/go-gen.mjs'));
    const configFile = path.join(PROJECT, 'hvspec.config.json');
    writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')) as object, plugins: ['./tools/go-gen.mjs'] }, null, 2));
    ok(npx(['hvspec', 'build', '--target', 'go']), 'hvspec build --target go (plugin)');
    const go = readdirSync(path.join(PROJECT, 'output/go')).filter((f) => f.endsWith('.go')).map((f) => readFileSync(path.join(PROJECT, 'output/go', f), 'utf8')).join('\n');
    assert.match(go, /ExampleTelemetryVoltage|EXAMPLE_TELEMETRY_VOLTAGE/);
    if (spawnSync('go', ['version']).status === 0) {
      const goEnv = { ...ENV, GOPATH: path.join(WORK, 'gopath'), GOCACHE: path.join(WORK, 'gocache'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off' };
      ok(run('go', ['vet', './...'], path.join(PROJECT, 'output/go'), { env: goEnv }), 'go vet of the plugin output');
    }

    // The programmatic API, typed: a strict TypeScript consumer (declarations checked too, no
    // skipLibCheck) and the same calls at run time.
    writeFileSync(path.join(PROJECT, 'api.ts'), [
      "import { compile, generators, renderJson, type Diagnostic, type Generator, type Model, type Struct } from 'hvspec';",
      "export async function structs(root: string): Promise<string[]> {",
      "  const result = await compile(root, { cache: false });",
      "  const diagnostics: Diagnostic[] = result.diagnostics;",
      "  if (result.model === null) throw new Error(renderJson(diagnostics));",
      "  const model: Model = result.model;",
      "  const own: Struct[] = model.specs.filter((s) => s.library === undefined).flatMap((s) => s.structs);",
      "  return [...own.map((s) => `${s.name}:${s.size}`), ...generators.map((g: Generator) => g.name)];",
      "}",
      '',
    ].join('\n'));
    writeFileSync(path.join(PROJECT, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', types: [] }, files: ['api.ts'] }));
    ok(run(path.join(PROJECT, 'node_modules/.bin/tsc'), ['-p', '.'], PROJECT), 'tsc --strict of a consumer of the API');
    // A file, not `node -e`: parse workers inherit the process's flags, and `--input-type` fails in a worker.
    writeFileSync(path.join(PROJECT, 'api.mjs'), "import { compile } from 'hvspec';\nconst r = await compile('.', { cache: false });\nconsole.log(r.model.specs.filter((s) => s.library === undefined).map((s) => s.structs.map((t) => `${t.name}:${t.size}`)).join());\n");
    const api = ok(run(process.execPath, ['api.mjs'], PROJECT), 'the API at run time');
    assert.equal(api.trim(), 'example_telemetry_record:16');
    for (const file of ['api.ts', 'api.mjs', 'tsconfig.json']) rmSync(path.join(PROJECT, file));

    // An ABI break: a value of a released enum changes.
    ok(git(['init', '-q', '-b', 'main']), 'git init');
    ok(git(['add', '-A']), 'git add');
    ok(git(['commit', '-q', '-m', 'example standard']), 'git commit');
    const standard = path.join(PROJECT, 'standards/example-telemetry.md');
    writeFileSync(standard, readFileSync(standard, 'utf8').replace('name: EXAMPLE_TELEMETRY_VOLTAGE, value: 2,', 'name: EXAMPLE_TELEMETRY_VOLTAGE, value: 4,'));
    const diff = npx(['hvspec', 'diff', 'HEAD', '.']);
    assert.equal(diff.code, 1, `diff must fail on the ABI break:\n${diff.stdout}\n${diff.stderr}`);
    assert.match(diff.stdout, /EXAMPLE_TELEMETRY_VOLTAGE/);
    ok(git(['checkout', '--', 'standards']), 'git checkout');
    assert.equal(npx(['hvspec', 'diff', 'HEAD', '.']).code, 0, 'no change, no finding');

    // The generated TypeScript package in a second fresh project, under tsc --strict.
    const consumer = path.join(WORK, 'consumer');
    ok(run('mkdir', ['-p', consumer], WORK), 'mkdir');
    const tsPackage = JSON.parse(readFileSync(path.join(PROJECT, 'output/ts/package.json'), 'utf8')) as { name: string };
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // Packed first, as it would be published (a directory would only be linked).
    const bindings = JSON.parse(ok(run('npm', ['pack', '--json', '--pack-destination', WORK, ...NPM_FLAGS], path.join(PROJECT, 'output/ts')), 'npm pack of output/ts')) as { filename: string }[];
    ok(run('npm', ['install', ...NPM_FLAGS, path.join(WORK, bindings[0]!.filename), `typescript@${readTypescriptVersion()}`], consumer), 'npm install of the TS package');
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: false, types: [] }, include: ['main.ts'] }));
    const module = `${tsPackage.name}/example-telemetry`;
    writeFileSync(path.join(consumer, 'main.ts'), [
      `import { EXAMPLE_TELEMETRY_VOLTAGE, EXAMPLE_TELEMETRY_RECORD_SIZE, decodeExampleTelemetryRecord, encodeExampleTelemetryRecord, type ExampleTelemetryRecord } from '${module}';`,
      'export function roundTrip(view: DataView): number {',
      '  const record: ExampleTelemetryRecord = decodeExampleTelemetryRecord(view);',
      '  return encodeExampleTelemetryRecord(record, view);',
      '}',
      'export const facts: readonly [number, number] = [EXAMPLE_TELEMETRY_VOLTAGE, EXAMPLE_TELEMETRY_RECORD_SIZE];',
      '',
    ].join('\n'));
    ok(run(path.join(consumer, 'node_modules/.bin/tsc'), ['-p', '.'], consumer), 'tsc --strict of a consumer');
    const facts = ok(run(process.execPath, ['--input-type=module', '-e', `import * as b from '${module}'; console.log(b.EXAMPLE_TELEMETRY_VOLTAGE, b.EXAMPLE_TELEMETRY_RECORD_SIZE);`], consumer), 'node imports the TS package');
    assert.equal(facts.trim(), '2 16');
  });
});

function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => !statSync(f).isDirectory());
}

function readTypescriptVersion(): string {
  return (JSON.parse(readFileSync(path.join(TOP, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
}
