/**
 * `hvspec diff` and `hvspec changelog` end to end through bin/hvspec.js: exit codes, stdout/stderr
 * separation, the formats.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { materialiseSide, scratchDir } from './fixture-roots.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hvspec.js');
const exec = promisify(execFile);

async function hvspec(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let scratch: string;
let oldRoot: string;
let newRoot: string;
let sameRoot: string;

before(async () => {
  scratch = await scratchDir();
  oldRoot = await materialiseSide('field-width-changed', 'breaks', 'old', scratch);
  newRoot = await materialiseSide('field-width-changed', 'breaks', 'new', scratch);
  sameRoot = await materialiseSide('field-width-changed', 'passes', 'new', scratch);
});
after(async () => { await rm(scratch, { recursive: true, force: true }); });

describe('hvspec diff (command line)', () => {
  it('exits 1 on a breaking change, with JSON on stdout', async () => {
    const { code, stdout, stderr } = await hvspec('diff', oldRoot, newRoot, '--format', 'json');
    assert.equal(code, 1, stderr);
    const report = JSON.parse(stdout) as { diagnostics: Array<{ code: string; severity: string; diff?: { layer: string; ruleSeverity: string } }> };
    const width = report.diagnostics.find((d) => d.code === 'HV6205');
    assert.equal(width?.severity, 'error');
    assert.deepEqual([width?.diff?.layer, width?.diff?.ruleSeverity], ['WIRE', 'error']);
  });

  it('exits 0 when nothing breaks', async () => {
    const { code, stdout } = await hvspec('diff', oldRoot, sameRoot, '--format', 'markdown');
    assert.equal(code, 0);
    assert.match(stdout, /^## hvspec diff /);
    assert.match(stdout, /No interface changes\.|Nothing breaks\./);
  });

  it('prints GitHub annotations and a Markdown PR comment', async () => {
    const github = await hvspec('diff', oldRoot, newRoot, '--format', 'github');
    assert.match(github.stdout, /^::error file=standards\/x\.md,line=\d+/m);
    const markdown = await hvspec('diff', oldRoot, newRoot, '--format', 'markdown');
    assert.match(markdown.stdout, /### Breaking changes \(\d+\)/);
    assert.match(markdown.stdout, /\| `HV6205` \| WIRE error \| x \|/);
  });

  it('exits 2 on usage errors, with the reason on stderr', async () => {
    const missing = await hvspec('-C', scratch, 'diff', 'no-such-dir-or-rev', newRoot);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /neither a directory nor a git revision/);
    const format = await hvspec('diff', oldRoot, newRoot, '--format', 'pdf');
    assert.equal(format.code, 2);
  });

  it('writes a changelog grouped by standard and severity', async () => {
    const { code, stdout } = await hvspec('changelog', oldRoot, newRoot);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^# Changes since ${oldRoot.replace(/[\\/.]/g, '.')}`));
    assert.match(stdout, /## Fixture x \(`x`\) 1\.0\.0 \(unchanged\)/);
    assert.match(stdout, /### Breaking changes\n\n(- .*\n)*- field x\\_req\.len changed from 4 to 8 bytes \(le32 → le64\) \(WIRE, `HV6205`\)\.\n/);
  });
});

describe('hvspec diff text output', () => {
  it('frames findings from NEW only', async () => {
    const { renderDiffText } = await import('../../src/cli/commands/diff.ts');
    const range = { start: { line: 2, column: 1 }, end: { line: 2, column: 1 } };
    const context = { root: newRoot, config: {}, quiet: false, color: false, stdout: () => {}, stderr: () => {} };
    const text = renderDiffText([
      { code: 'HV6205', severity: 'error', file: 'standards/x.md', range, message: 'in new', side: 'new' },
      { code: 'HV6409', severity: 'error', file: 'standards/x.md', range, message: 'in old', side: 'old' },
    ], newRoot, context);
    assert.equal(text.match(/> 2 \| spec: x/g)?.length, 1, text);
    assert.ok(text.indexOf('> 2 |') < text.indexOf('in old'), 'the frame belongs to the NEW finding');
    assert.match(text, /^OLD:standards\/x\.md:2:1: error HV6409: in old$/m);
    assert.doesNotMatch(renderDiffText([{ code: 'HV6205', severity: 'error', file: 'standards/x.md', range, message: 'm', side: 'new' }], null, context), /\|/);
  });
});
