/**
 * output/c is a committed target: the committed headers equal what the sources generate, and
 * `hvspec build --check` fails (exit 1, naming the file) when a header is edited, removed or added.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { headersOf, PROJECT_ROOT, projectModel } from './corpus.ts';
import { FIXTURES } from './fixtures.ts';

const CLI = join(PROJECT_ROOT, 'bin', 'hvspec.js');

function hvspec(root: string, ...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, '-C', root, '--no-color', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stderr: `${result.stdout}${result.stderr}` };
}

describe('output/c', () => {
  it('is what the standards generate (committed headers are fresh)', async () => {
    const generated = headersOf(await projectModel());
    // Headers are installed under include/hvspec/; the examples programs stay in output/c/examples/.
    const files = generated.filter((f) => f.path.endsWith('.h'));
    const dir = join(PROJECT_ROOT, 'output', 'c', 'include', 'hvspec');
    assert.deepEqual(readdirSync(dir).sort(), files.map((f) => f.path).sort(), 'file list');
    for (const file of files) assert.equal(readFileSync(join(dir, file.path), 'utf8'), file.contents, `output/c/include/hvspec/${file.path} is stale: run npx hvspec build`);
    const programs = generated.filter((f) => f.path.startsWith('examples/'));
    assert.deepEqual(readdirSync(join(PROJECT_ROOT, 'output', 'c', 'examples')).sort(), programs.map((f) => f.path.slice('examples/'.length)).sort(), 'examples programs');
    for (const file of programs) assert.equal(readFileSync(join(PROJECT_ROOT, 'output', 'c', file.path), 'utf8'), file.contents, `output/c/${file.path} is stale: run npx hvspec build`);
  });

  describe('hvspec build --check', () => {
    let root = '';
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'hvspec-c-check-'));
      // The C fixture corpora keep the CLI runs quick; the mechanism is the same for the project's.
      for (const fixture of ['layouts', 'names']) cpSync(join(FIXTURES, fixture, 'standards'), join(root, 'standards'), { recursive: true });
      const built = hvspec(root, 'build', '--target', 'c');
      assert.equal(built.status, 0, built.stderr);
    });

    after(() => rmSync(root, { recursive: true, force: true }));

    it('passes on freshly built output', () => {
      const check = hvspec(root, 'build', '--check', '--target', 'c');
      assert.equal(check.status, 0, check.stderr);
    });

    it('fails naming an edited header', () => {
      const header = join(root, 'output', 'c', 'include', 'hvspec', 'c-layouts.h');
      const original = readFileSync(header, 'utf8');
      try {
        writeFileSync(header, original.replace('#define CL_KIND_B 2', '#define CL_KIND_B 3'));
        assert.notEqual(readFileSync(header, 'utf8'), original, 'the edit applied');
        const check = hvspec(root, 'build', '--check', '--target', 'c');
        assert.equal(check.status, 1, check.stderr);
        assert.match(check.stderr, /output\/c\/include\/hvspec\/c-layouts\.h/);
      } finally {
        writeFileSync(header, original);
      }
    });

    it('fails naming a removed and a stray header', () => {
      const removed = join(root, 'output', 'c', 'include', 'hvspec', 'c-names.h');
      const stray = join(root, 'output', 'c', 'include', 'hvspec', 'stray.h');
      const original = readFileSync(removed, 'utf8');
      try {
        rmSync(removed);
        writeFileSync(stray, '/* not generated */\n');
        const check = hvspec(root, 'build', '--check', '--target', 'c');
        assert.equal(check.status, 1, check.stderr);
        assert.match(check.stderr, /output\/c\/include\/hvspec\/c-names\.h/);
        assert.match(check.stderr, /output\/c\/include\/hvspec\/stray\.h/);
      } finally {
        writeFileSync(removed, original);
        rmSync(stray, { force: true });
      }
    });
  });
});
