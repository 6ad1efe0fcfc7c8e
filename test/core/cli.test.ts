import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { renderDiagnosticsDoc } from '../../src/diagnostics/render-docs.ts';

const TOP = path.join(import.meta.dirname, '../..');
const FIXTURES = path.join(TOP, 'test/fixtures/check');

function hvspec(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), ...args], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env }, timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A private copy of a fixture, so tests can write output/ and edit sources. */
function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `hvspec-cli-${name}-`));
  cpSync(path.join(FIXTURES, name, 'standards'), path.join(dir, 'standards'), { recursive: true });
  return dir;
}

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r); else out.set(r, readFileSync(path.join(dir, r), 'latin1'));
    }
  };
  walk('');
  return out;
}

describe('a field with an unknown type, in all four formats', () => {
  const root = path.join(FIXTURES, 'unknown-type');

  test('text: position, code, code frame and hint', () => {
    const r = hvspec(['-C', root, 'check', '--no-cache']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^standards\/a\.md:15:26: error HV3001: Unknown type "le23"\.$/m);
    assert.match(r.stdout, /> 15 \|   - \{ name: flags, type: le23 \}\n\s+\|\s+\^\^\^\^/);
    assert.match(r.stdout, /hint: Did you mean "le32"\?/);
    assert.match(r.stdout, /1 error, 0 warnings/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when not a terminal');
  });

  test('json', () => {
    const r = hvspec(['-C', root, 'check', '--no-cache', '--format', 'json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { version: number; diagnostics: { code: string; file: string; range: { start: { line: number; column: number } }; hint: string }[] };
    assert.equal(report.version, 1);
    assert.deepEqual(report.diagnostics.map((d) => [d.code, d.file, d.range.start.line, d.range.start.column, d.hint]),
      [['HV3001', 'standards/a.md', 15, 26, 'Did you mean "le32"?']]);
  });

  test('sarif 2.1.0', () => {
    const r = hvspec(['-C', root, 'check', '--no-cache', '--format', 'sarif']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'hvspec');
    assert.equal(run.tool.driver.rules[0].id, 'HV3001');
    const result = run.results[0];
    assert.equal(result.ruleId, 'HV3001');
    assert.equal(result.ruleIndex, 0);
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 15, startColumn: 26, endLine: 15, endColumn: 30 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'standards/a.md');
    assert.match(result.message.text, /Did you mean "le32"/);
  });

  test('github workflow commands, escaped', () => {
    const r = hvspec(['-C', root, 'check', '--no-cache', '--format', 'github']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '::error file=standards/a.md,line=15,col=26,endLine=15,endColumn=30,title=hvspec HV3001::Unknown type "le23".%0ADid you mean "le32"?\n');
  });
});

describe('exit codes and global options', () => {
  test('0 for a clean corpus, 1 for errors, warnings fail only with --strict', () => {
    assert.equal(hvspec(['-C', path.join(FIXTURES, 'valid-corpus'), 'check', '--no-cache']).code, 0);
    assert.equal(hvspec(['-C', path.join(FIXTURES, 'implicit-padding'), 'check', '--no-cache']).code, 0);
    assert.equal(hvspec(['-C', path.join(FIXTURES, 'implicit-padding'), 'check', '--no-cache', '--strict']).code, 1);
  });

  test('2 for usage and configuration errors, with one line and no stack trace', () => {
    for (const args of [['check', '--format', 'xml'], ['frobnicate'], ['-C', '/nonexistent/dir', 'check'], ['explain', 'HV9999'], ['build', '--target', 'cobol']]) {
      const r = hvspec(['-C', path.join(FIXTURES, 'valid-corpus'), ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    const root = copyFixture('valid-corpus');
    writeFileSync(path.join(root, 'hvspec.config.json'), '{ "severity": { "HV3001": "warning" } }');
    const r = hvspec(['-C', root, 'check']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /HV3001 is an error and cannot be re-levelled/);
  });

  test('a warning can be re-levelled by code in hvspec.config.json', () => {
    const root = copyFixture('implicit-padding');
    writeFileSync(path.join(root, 'hvspec.config.json'), '{ "severity": { "HV4017": "off" } }');
    const r = hvspec(['-C', root, 'check', '--strict', '--no-cache']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /0 errors, 0 warnings/);
  });

  test('colour follows FORCE_COLOR, NO_COLOR and --no-color', () => {
    const root = path.join(FIXTURES, 'unknown-type');
    assert.match(hvspec(['-C', root, 'check', '--no-cache'], { FORCE_COLOR: '1' }).stdout, /\u001b\[/);
    assert.doesNotMatch(hvspec(['-C', root, 'check', '--no-cache'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, /\u001b\[/);
    assert.doesNotMatch(hvspec(['-C', root, '--no-color', 'check', '--no-cache'], { FORCE_COLOR: '1' }).stdout, /\u001b\[/);
  });

  test('explain prints a code page; docs/diagnostics.md is current', () => {
    const r = hvspec(['explain', 'hv3001']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^HV3001 unknown-name \(error\)/);
    const doc = path.join(TOP, 'docs/diagnostics.md');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(doc, renderDiagnosticsDoc());
    assert.equal(readFileSync(doc, 'utf8'), renderDiagnosticsDoc(), 'run `npm run docs`');
  });

  test('user text in diagnostics is escaped: no terminal escapes, bidi or line breaks get through', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = hvspec(['-C', path.join(FIXTURES, 'escaped-user-text'), 'check', '--no-cache', '--format', format]);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout, /[\u001b\u202e\r]/, format);
      assert.match(r.stdout, /evil\\+u\{1b\}\[2J/, format);
    }
  });

  test('model prints exact 64-bit values as decimal strings', () => {
    const r = hvspec(['-C', path.join(FIXTURES, 'valid-corpus'), 'model', '--no-cache']);
    assert.equal(r.code, 0);
    const model = JSON.parse(r.stdout);
    assert.equal(model.hvspecModel, 2);
    assert.equal(model.specs[0].constants[0].constants[0].value, '18446744073709551615');
  });
});

describe('build writes atomically, checks staleness and is reproducible', () => {
  test('build, then --check passes; an edited, missing or extra file is named', () => {
    const root = copyFixture('valid-corpus');
    assert.equal(hvspec(['-C', root, 'build', '--target', 'c']).code, 0);
    assert.ok(existsSync(path.join(root, 'output/model.json')));
    const headers = readdirSync(path.join(root, 'output/c/include/hvspec'));
    assert.ok(headers.includes('a.h'), headers.join(','));
    assert.equal(hvspec(['-C', root, 'build', '--target', 'c', '--check']).code, 0);

    writeFileSync(path.join(root, 'output/c/include/hvspec/a.h'), `${readFileSync(path.join(root, 'output/c/include/hvspec/a.h'), 'utf8')}// edited\n`);
    writeFileSync(path.join(root, 'output/c/include/hvspec/old.h'), '/* no longer generated */\n');
    const r = hvspec(['-C', root, 'build', '--target', 'c', '--check']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /output\/c\/include\/hvspec\/a\.h \(differs\)/);
    assert.match(r.stderr, /output\/c\/include\/hvspec\/old\.h \(no longer generated\)/);
    // --check wrote nothing.
    assert.match(readFileSync(path.join(root, 'output/c/include/hvspec/a.h'), 'utf8'), /\/\/ edited/);
    // A real build repairs both.
    assert.equal(hvspec(['-C', root, 'build', '--target', 'c']).code, 0);
    assert.equal(hvspec(['-C', root, 'build', '--target', 'c', '--check']).code, 0);
    assert.ok(!existsSync(path.join(root, 'output/c/include/hvspec/old.h')));
  });

  test('a failing build leaves output/ exactly as it was', () => {
    const root = copyFixture('valid-corpus');
    assert.equal(hvspec(['-C', root, 'build', '--target', 'c']).code, 0);
    const before = tree(path.join(root, 'output'));
    const doc = path.join(root, 'standards/a.md');
    writeFileSync(doc, readFileSync(doc, 'utf8').replace('type: le32', 'type: le23'));
    const r = hvspec(['-C', root, 'build', '--target', 'c']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /output\/ was not changed/);
    assert.deepEqual(tree(path.join(root, 'output')), before);
  });

  test('nothing is written through a symbolic link out of output/', () => {
    const root = copyFixture('valid-corpus');
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'hvspec-elsewhere-'));
    mkdirSync(path.join(root, 'output'));
    symlinkSync(elsewhere, path.join(root, 'output/c'), 'dir');
    const r = hvspec(['-C', root, 'build', '--target', 'c']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /outside/);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  test('output is byte-identical across checkout path, time zone, locale and file order', () => {
    const a = copyFixture('valid-corpus');
    const b = mkdtempSync(path.join(tmpdir(), 'hvspec-cli-other-place-'));
    // Create b's files in the opposite order, so directory order differs where the file system keeps it.
    const files = readdirSync(path.join(a, 'standards')).sort().reverse();
    mkdirSync(path.join(b, 'standards'));
    for (const f of files) cpSync(path.join(a, 'standards', f), path.join(b, 'standards', f));
    assert.equal(hvspec(['-C', a, 'build', '--target', 'c'], { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }).code, 0);
    assert.equal(hvspec(['-C', b, 'build', '--target', 'c'], { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }).code, 0);
    assert.deepEqual(tree(path.join(a, 'output')), tree(path.join(b, 'output')));
    assert.ok(statSync(path.join(a, 'output/model.json')).size > 100);
  });
});
