/**
 * Every book of the project's own corpus, read back with poppler: no text past the right margin,
 * no heading left at the foot of a page, no page left mostly blank by a keep-together rule (the
 * checks of layout-check.ts), a structure tree and the metadata; the Contents page lists the
 * items placed before the first numbered section, at the page they are on.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { findChromium } from '../../generators/pdf/browser.ts';
import { pdfGenerator } from '../../generators/pdf/index.ts';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';
import { mostlyBlankPages, pastRightMargin, readPages, strandedHeadings } from './layout-check.ts';

const TOP = path.join(import.meta.dirname, '../..');
const browser = findChromium();
if (browser.path === null && process.env.CI === 'true') throw new Error(`CI=true but ${browser.problem}`);
let dir = '';
let model: Model | null = null;

before(async () => {
  if (browser.path === null) return;
  model = (await compileCorpus(TOP)).model;
  assert.ok(model, 'the corpus compiles');
  dir = mkdtempSync(path.join(tmpdir(), 'hvspec-corpus-pdf-'));
  const warnings: string[] = [];
  for (const file of await pdfGenerator.generate(model, { root: TOP, warn: (m) => warnings.push(m) })) writeFileSync(path.join(dir, file.path), file.contents);
  assert.deepEqual(warnings, []);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const skip = (t: TestContext) => { if (browser.path === null) t.skip(browser.problem); return browser.path === null; };
const books = () => model!.specs.map((spec) => ({ spec, file: path.join(dir, `${spec.id}.pdf`) }));

test('no text past the right margin, no stranded heading, no page left mostly blank, in any book', (t) => {
  if (skip(t)) return;
  const problems = books().flatMap(({ spec, file }) => {
    const pages = readPages(file);
    return [...pastRightMargin(pages), ...strandedHeadings(pages), ...mostlyBlankPages(pages)].map((p) => `${spec.id}: ${p}`);
  });
  assert.deepEqual(problems, []);
});

test('every book is tagged and carries its metadata', (t) => {
  if (skip(t)) return;
  for (const { spec, file } of books()) {
    const bytes = readFileSync(file).toString('latin1');
    assert.match(bytes, /\/StructTreeRoot \d+ 0 R/, `${spec.id}: /StructTreeRoot`);
    assert.match(bytes, /\/MarkInfo <<\s*\/Type \/MarkInfo\s*\/Marked true\s*>>/, `${spec.id}: /MarkInfo`);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /^Tagged:\s+yes$/m, spec.id);
    assert.equal(/^Title:\s+(.*)$/m.exec(info)?.[1], `${spec.title} ${spec.version}`, spec.id);
    assert.equal(/^Author:\s+(.*)$/m.exec(info)?.[1], spec.editors.join(', '), spec.id);
    assert.match(info, /^Creator:\s+hvspec \d/m, spec.id);
    assert.match(info, new RegExp(`^Subject:\\s+${spec.id} `, 'm'), spec.id);
  }
});

test('the Contents page lists items placed before the first section, with their page', (t) => {
  if (skip(t)) return;
  const file = path.join(dir, 'kvm-arm64.pdf');
  const contents = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
  const line = /^\s*hypercalls kvm_arm64_vendor_hyp[\s.]+(\d+)\s*$/m.exec(contents);
  assert.ok(line, `kvm-arm64 contents:\n${contents}`);
  const page = execFileSync('pdftotext', ['-layout', '-f', line[1]!, '-l', line[1]!, file, '-'], { encoding: 'utf8' });
  assert.match(page, /HYPERCALLS kvm_arm64_vendor_hyp/);
});
