/**
 * `hvspec init`: the scaffold it writes, and that it writes all of it or nothing.
 * Runs the compiled CLI (bin/hvspec.js; `npm test` builds it first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

const TOP = path.join(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(TOP, 'package.json'), 'utf8')) as { version: string }).version;
const SCAFFOLD = ['.github/workflows/hvspec.yml', '.gitignore', '.gitlab-ci.yml', 'hvspec.config.json', 'package.json', 'standards/example-telemetry.md'];

function hvspec(args: string[], cwd = TOP): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

describe('hvspec init', () => {
  test('creates the directory with the scaffold, named after it', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'hvspec-init-'));
    const r = hvspec(['init', 'Acme Standards'], parent);
    assert.equal(r.code, 0, r.stderr);
    const dir = path.join(parent, 'Acme Standards');
    assert.deepEqual(files(dir), SCAFFOLD);
    assert.match(r.stdout, /Created 6 files/);
    assert.match(r.stdout, /npm install\n {2}npx hvspec check/);

    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; devDependencies: Record<string, string>; scripts: Record<string, string> };
    assert.equal(pkg.name, 'acme-standards');
    assert.deepEqual(pkg.devDependencies, { hvspec: `^${VERSION}` });
    assert.equal(pkg.scripts.check, 'hvspec check');
    assert.equal(pkg.scripts.build, 'hvspec build');
    assert.deepEqual(readFileSync(path.join(dir, '.gitignore'), 'utf8').trim().split('\n').sort(), ['.hvspec-cache/', 'node_modules/', 'output/html/', 'output/pdf/']);
    assert.match(readFileSync(path.join(dir, 'standards/example-telemetry.md'), 'utf8'), /^requires: \[virtio-core\]$/m);

    const github = readFileSync(path.join(dir, '.github/workflows/hvspec.yml'), 'utf8');
    for (const command of ['npx hvspec check --format github', 'npx hvspec build --check', 'npx hvspec diff origin/main HEAD', 'fetch-depth: 0']) assert.ok(github.includes(command), command);
    const gitlab = readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8');
    for (const command of ['npx hvspec check --format sarif', 'npx hvspec build --check', 'npx hvspec diff origin/main HEAD', 'GIT_DEPTH: 0']) assert.ok(gitlab.includes(command), command);
  });

  test('the example standard checks against the virtio-core of the hvspec it depends on', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-init-'));
    assert.equal(hvspec(['init', dir]).code, 0);
    const before = hvspec(['-C', dir, 'check', '--no-cache']);
    assert.equal(before.code, 1, 'before npm install, the standard library is missing');
    assert.match(before.stdout, /HV1060: Standard library "hvspec" is not installed/);
    // As `npm link hvspec` would install it; test/package/e2e.test.ts installs the packed tarball.
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(TOP, path.join(dir, 'node_modules/hvspec'));
    const r = hvspec(['-C', dir, 'check', '--no-cache']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors, 0 warnings/);
  });

  test('refuses when any file exists, and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-init-'));
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'standards/example-telemetry.md'), 'mine\n');
    const r = hvspec(['init', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hvspec: init: .* already has standards\/example-telemetry\.md; nothing was written/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(files(dir), ['standards/example-telemetry.md']);
    assert.equal(readFileSync(path.join(dir, 'standards/example-telemetry.md'), 'utf8'), 'mine\n');
  });

  test('a dangling symbolic link counts as an existing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-init-'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, '.gitignore'));
    const r = hvspec(['init', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already has \.gitignore/);
    assert.deepEqual(readdirSync(dir), ['.gitignore']);
  });

  test('a second init in the same place changes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-init-'));
    assert.equal(hvspec(['init', dir]).code, 0);
    writeFileSync(path.join(dir, 'hvspec.config.json'), '{}\n');
    const r = hvspec(['init', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already has \.github\/workflows\/hvspec\.yml, \.gitignore, \.gitlab-ci\.yml, hvspec\.config\.json, package\.json, standards\/example-telemetry\.md;/);
    assert.equal(readFileSync(path.join(dir, 'hvspec.config.json'), 'utf8'), '{}\n');
  });
});
