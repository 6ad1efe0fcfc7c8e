import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { compileCorpus } from '../../src/compile.ts';
import { DIAGNOSTICS_PER_FILE, Report, sortDiagnostics } from '../../src/diagnostics/report.ts';
import type { Diagnostic } from '../../src/diagnostics/types.ts';
import { codeFrame, FRAME, SourceLines } from '../../src/report/code-frame.ts';
import { renderGithub } from '../../src/report/github.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderSarif } from '../../src/report/sarif.ts';
import { renderText } from '../../src/report/text.ts';

const TOP = path.join(import.meta.dirname, '../..');
const FRONT = (spec: string): string => `---\nspec: ${spec}\ntitle: T\nversion: 1.0.0\nstatus: draft\n---\n\n# T\n\n`;

/** A standards root with the given files; returns its path. */
function corpus(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-output-'));
  mkdirSync(path.join(root, 'standards'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, 'standards', name), text);
  return root;
}

async function check(files: Record<string, string>): Promise<{ diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const root = corpus(files);
  const result = await compileCorpus(root, { cache: false });
  const sources = new Map(Object.entries(files).map(([name, text]) => [`standards/${name}`, text]));
  return { diagnostics: result.diagnostics, sources };
}

describe('diagnostics stay bounded for any input (issue 11 item 2)', () => {
  // 10,000 duplicate keys on one 60 KB line: this took 21 s and 1.1 GB, then failed with "Invalid string length".
  const line = `{ name: c, ${Array(10_000).fill('a: 1').join(', ')} }`;
  const text = `${FRONT('dups')}\`\`\`hvspec constants\n${line}\n\`\`\`\n`;

  test('a file keeps the first 100 diagnostics and one summary that counts the rest', async () => {
    const { diagnostics, sources } = await check({ 'd.md': text });
    assert.equal(diagnostics.length, DIAGNOSTICS_PER_FILE + 1);
    const summary = diagnostics.at(-1)!;
    assert.equal(summary.code, 'HV1050');
    assert.deepEqual(summary.omitted, { errors: 9_999 - DIAGNOSTICS_PER_FILE, warnings: 0, notes: 0 });
    assert.match(summary.message, /^9899 more diagnostics in this file are not shown \(9899 errors\)/);
    assert.ok(summary.range && summary.range.start.line === 11, 'the summary is placed at the first diagnostic left out');
    assert.ok(diagnostics.slice(0, -1).every((d) => d.code === 'HV1021' && /^Duplicate key "a"/.test(d.message)));

    const out = renderText(diagnostics, { sources, color: false });
    assert.ok(out.length < 60_000, `text output is bounded (${out.length} characters)`);
    const longest = Math.max(...out.split('\n').map((l) => l.length));
    assert.ok(longest < FRAME.width + 40, `code frames show a window of the long line (longest printed line: ${longest})`);
    assert.match(out, /9999 errors, 0 warnings\n$/, 'the totals count what the summary stands for');
    assert.equal(JSON.parse(renderJson(diagnostics)).summary.errors, 9_999);
  });

  test('the cap merges the summaries of earlier stages and never changes pass or fail', () => {
    const report = new Report();
    for (let i = 0; i < 150; i++) report.add('HV5003', 'a.md', { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 5 } }, `w${i}`);
    assert.equal(report.diagnostics.length, DIAGNOSTICS_PER_FILE + 1);
    assert.equal(report.accepts('a.md'), false);
    assert.equal(report.accepts('b.md'), true);
    const later = new Report();
    for (let i = 0; i < 120; i++) later.add('HV3001', 'a.md', { start: { line: 1000 + i, column: 1 }, end: { line: 1000 + i, column: 2 } }, `e${i}`);
    const merged = sortDiagnostics([...report.diagnostics, ...later.diagnostics]);
    assert.equal(merged.length, DIAGNOSTICS_PER_FILE + 1);
    const summary = merged.at(-1)!;
    assert.equal(summary.code, 'HV1050', 'an error left out keeps the summary an error');
    assert.deepEqual(summary.omitted, { errors: 120, warnings: 50, notes: 0 });
    assert.equal(merged.filter((d) => d.omitted).length, 1);
    assert.deepEqual(sortDiagnostics(merged), merged, 'sorting again changes nothing');
    const warningsOnly = sortDiagnostics(report.diagnostics).at(-1)!;
    assert.equal(warningsOnly.code, 'HV1051');
    assert.equal(warningsOnly.severity, 'warning');
  });
});

describe('code frames', () => {
  test('a long line is shown as a window around the column, marked with ellipses, caret aligned', () => {
    const long = `${'x'.repeat(5000)}TARGET${'y'.repeat(5000)}`;
    const source = new SourceLines(`first\n${long}\nlast`);
    const frame = codeFrame(source, { start: { line: 2, column: 5001 }, end: { line: 2, column: 5007 } })!;
    const [above, at, marker, below] = frame.split('\n');
    assert.equal(above, '  1 | …');
    assert.match(at!, /^> 2 \| …x+TARGETy+…$/);
    assert.ok(at!.length <= FRAME.width + 10);
    assert.equal(marker!.indexOf('^^^^^^'), at!.indexOf('TARGET'), 'carets sit under the range');
    assert.equal(below, '  3 | …');
  });

  test('short lines print as @babel/code-frame did; a position outside the text gets no frame', () => {
    const source = new SourceLines('a: 1\nb: 2\n\nc: 3');
    assert.equal(codeFrame(source, { start: { line: 2, column: 4 }, end: { line: 2, column: 5 } }), '  1 | a: 1\n> 2 | b: 2\n    |    ^\n  3 |');
    assert.equal(codeFrame(source, { start: { line: 9, column: 1 }, end: { line: 9, column: 1 } }), undefined);
  });
});

describe('no control character from the input reaches a reporter (issue 11 item 6)', () => {
  const raw = `${FRONT('c')}esc \u001b[2J\u001b[31m nul \u0000 bidi \u202e c1 \u0085 end\n`;
  // Any of these printed raw can clear or recolour a terminal, or reorder what a viewer shows.
  const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

  test('text (code frames included), github and sarif escape them; json carries them JSON-escaped', async () => {
    const { diagnostics, sources } = await check({ 'c.md': raw, '\u001b[31mevil.md': `${FRONT('e')}\`\`\`hvspec strukt\nname: x\n\`\`\`\n` });
    assert.ok(diagnostics.some((d) => d.code === 'HV1004') && diagnostics.some((d) => d.code === 'HV1007') && diagnostics.some((d) => d.code === 'HV1013'));
    const text = renderText(diagnostics, { sources, color: false });
    assert.doesNotMatch(text, DANGEROUS);
    assert.match(text, /> 10 \| esc \\u\{1b\}\[2J\\u\{1b\}\[31m nul \\u\{0\} bidi \\u\{202e\} c1 \\u\{85\} end/);
    assert.match(text, /^standards\/\\u\{1b\}\[31mevil\.md:10:11: error HV1013/m);
    assert.doesNotMatch(renderGithub(diagnostics), DANGEROUS);
    assert.doesNotMatch(renderSarif(diagnostics, '0.0.0'), DANGEROUS);
    assert.doesNotMatch(renderJson(diagnostics), DANGEROUS);
  });

  test('the CLI prints no raw control byte', () => {
    const root = corpus({ 'c.md': raw });
    for (const format of ['text', 'github', 'sarif']) {
      const r = spawnSync(process.execPath, [path.join(TOP, 'bin/hvspec.js'), '-C', root, 'check', '--no-cache', '--format', format], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(r.status, 1);
      assert.doesNotMatch(r.stdout, DANGEROUS, format);
    }
  });
});

describe('messages quote numbers exactly (issue 11 item 7)', () => {
  test('bits, lengths, IDs, indexes and sizes beyond 2^53 are printed as written', async () => {
    const { diagnostics } = await check({
      'n.md': `${FRONT('n')}\`\`\`hvspec flags
name: nf
type: u32
flags:
  - { bit: 9223372036854775808, name: A, doc: a }
  - { bit: 0xFFFFFFFFFFFFFFFF, name: B, doc: b }
\`\`\`

\`\`\`hvspec struct
name: s
size: 18446744073709551615
fields:
  - { name: a, type: "u8[18446744073709551615]" }
  - { name: b, type: u32, bitfields: [{ name: x, bit: 18446744073709551615, width: 1 }] }
\`\`\`

\`\`\`hvspec hypercalls
name: h
convention: smccc
conduits: [smc]
entity: 5
functions:
  - { name: f, number: 18446744073709551615 }
\`\`\`

\`\`\`hvspec device
name: dev
id: 18446744073709551615
virtqueues:
  - { index: 9007199254740993, name: q }
features:
  - { bit: 18446744073709551615, name: VIRTIO_DEV_F_X, doc: x }
\`\`\`

\`\`\`hvspec device
name: twin
id: 18446744073709551615
virtqueues:
  - { index: 0, name: q }
\`\`\`
`,
    });
    const messages = diagnostics.map((d) => d.message).join('\n');
    assert.doesNotMatch(messages, /9223372036854776000|18446744073709552000|9007199254740992/, messages);
    for (const exact of ['"A" uses bit 9223372036854775808,', '"B" uses bit 18446744073709551615,', 'Array length 18446744073709551615 in',
      '"x" uses bit 18446744073709551615,', 'has index 9007199254740993;', 'but `size:` says 18446744073709551615.', 'function number 18446744073709551615 does',
      'Device ID 18446744073709551615 is used by', 'uses bit 18446744073709551615, outside the device-specific']) {
      assert.ok(messages.includes(exact), `${exact}\n${messages}`);
    }
  });
});

describe('messages read right', () => {
  test('"a union", not "an union" (found by the fuzzer)', async () => {
    const { diagnostics } = await check({
      'u.md': `${FRONT('u')}\`\`\`hvspec union\nname: un\nfields:\n  - { name: a, type: u32 }\n\`\`\`\n\n\`\`\`hvspec device\nname: dev\nid: 4000\nvirtqueues: []\nconfig: un\n\`\`\`\n`,
    });
    const d = diagnostics.find((x) => x.code === 'HV3011');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.match(d.message, /is a union, but a struct is expected/);
  });
});
