/**
 * The PDF books, read back with poppler (an independent reader): page count and size, outline,
 * contents page numbers that match where poppler finds each heading, running heads, the draft
 * mark, the statements' text, vector diagrams, and a rendered page that is not blank.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after, test, type TestContext } from 'node:test';
import { pdfGenerator } from '../../generators/pdf/index.ts';
import { findChromium } from '../../generators/pdf/browser.ts';
import { fixtureModel } from '../html/fixtures/model.ts';
import { hostileModel } from '../html/fixtures/hostile-model.ts';

const POPPLER = ['pdfinfo', 'pdftotext', 'pdftoppm', 'pdftohtml', 'pdfimages'];

function havePoppler(): boolean {
  try {
    for (const tool of POPPLER) execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the PDF tests cannot run here, or null. On CI a missing tool is a failure, not a skip. */
function missingTools(): string | null {
  const browser = findChromium();
  const problem = browser.path === null ? browser.problem : !havePoppler() ? 'poppler-utils (pdfinfo, pdftotext, pdftoppm) not installed' : null;
  if (problem && process.env.CI === 'true') throw new Error(`CI=true but ${problem}`);
  return problem;
}

const missing = missingTools();
let dir = '';
const warnings: string[] = [];

before(async () => {
  if (missing) return;
  dir = mkdtempSync(join(tmpdir(), 'hvspec-pdf-'));
  const files = await pdfGenerator.generate(fixtureModel(), { root: '.', warn: (m) => warnings.push(m) });
  for (const file of files) writeFileSync(join(dir, file.path), file.contents);
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function skipIfMissing(t: TestContext): boolean {
  if (missing) t.skip(missing);
  return missing !== null;
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
const pageText = (file: string, page: number) => run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), join(dir, file), '-']);
const pageCount = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [join(dir, file)]))![1]);

test('one book per standard, A4, several pages, no warnings', (t) => {
  if (skipIfMissing(t)) return;
  assert.deepEqual(warnings, []);
  for (const file of ['arm-psci.pdf', 'virtio-i2c.pdf']) {
    const info = run('pdfinfo', [join(dir, file)]);
    assert.match(info, /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    assert.ok(pageCount(file) >= 4, `${file} has ${pageCount(file)} pages`);
  }
});

test('the outline (bookmarks) lists sections with their definitions, at the right pages', (t) => {
  if (skipIfMissing(t)) return;
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-q', join(dir, 'virtio-i2c.pdf')]);
  const items = new Map([...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => [m[2]!.trim(), Number(m[1])]));
  for (const title of ['1 Device identification', 'device i2c-adapter', '2.1 Request layout', 'struct virtio_i2c_out_hdr', '4 Conformance', '4.2 Driver conformance', 'Index of definitions']) {
    assert.ok(items.has(title), `outline has "${title}" (has: ${[...items.keys()].join(' | ')})`);
  }
  // Nesting: the struct sits inside 2.1, which sits inside 2.
  assert.match(xml, /<item page="\d+">2 Device operation<\/item>\s*<outline>\s*<item page="\d+">2\.1 Request layout<\/item>\s*<outline>\s*<item page="\d+">struct virtio_i2c_out_hdr<\/item>/);
  // Each bookmark opens the page where poppler finds the heading.
  assert.match(pageText('virtio-i2c.pdf', items.get('2.1 Request layout')!), /2\.1 Request layout/);
  assert.match(pageText('virtio-i2c.pdf', items.get('struct virtio_i2c_out_hdr')!), /STRUCT virtio_i2c_out_hdr/);
});

test('the index of definitions gives the page of each definition', (t) => {
  if (skipIfMissing(t)) return;
  const count = pageCount('arm-psci.pdf');
  const indexPage = Array.from({ length: count }, (_, i) => i + 1).find((p) => /Index of definitions/.test(pageText('arm-psci.pdf', p)) && p > 2)!;
  const lines = [...pageText('arm-psci.pdf', indexPage).matchAll(/^\s*(\w+) ([\w.]+)[\s._]+(\d+)\s*$/gm)].map((m) => ({ kind: m[1]!, name: m[2]!, page: Number(m[3]) }));
  assert.deepEqual(lines.map((l) => `${l.kind} ${l.name}`).sort(), ['function psci.CPU_ON', 'function psci.PSCI_VERSION', 'enum psci_return_codes', 'hypercalls psci'].sort());
  for (const line of lines) assert.match(pageText('arm-psci.pdf', line.page), new RegExp(`${line.kind.toUpperCase()} ${line.name.replace('.', '\\.')}`), `${line.kind} ${line.name} on page ${line.page}`);
});

test('contents page numbers match the pages poppler finds the headings on', (t) => {
  if (skipIfMissing(t)) return;
  for (const file of ['virtio-i2c.pdf', 'arm-psci.pdf']) {
    const contents = pageText(file, 2);
    const lines = [...contents.matchAll(/^\s*(\d+(?:\.\d+)*)\s+([A-Za-z].+?)\s*[._\s]*\s(\d+)\s*$/gm)].map((m) => ({ number: m[1]!, title: m[2]!.replace(/[\s._]+$/, ''), page: Number(m[3]) }));
    assert.ok(lines.length >= 3, `${file}: contents lines found: ${JSON.stringify(lines)}\n${contents}`);
    for (const line of lines) {
      const text = pageText(file, line.page);
      assert.ok(text.includes(`${line.number} ${line.title}`) || new RegExp(`${line.number.replace(/\./g, '\\.')}\\s+${line.title.slice(0, 12)}`).test(text), `${file}: "${line.number} ${line.title}" not on page ${line.page}`);
    }
  }
});

test('running heads carry title, version and status, but not on the cover; page numbers in the footer', (t) => {
  if (skipIfMissing(t)) return;
  const cover = pageText('virtio-i2c.pdf', 1);
  const third = pageText('virtio-i2c.pdf', 3);
  assert.doesNotMatch(cover, /virtio-i2c 1\.1\.0-rc\.1 · DRAFT/);
  assert.match(third, /Virtio I2C Adapter Device\s+virtio-i2c 1\.1\.0-rc\.1 · DRAFT/);
  assert.match(third, new RegExp(`3 / ${pageCount('virtio-i2c.pdf')}`));
  assert.match(pageText('arm-psci.pdf', 3), /arm-psci 1\.0\.0 · Standard/);
});

test('drafts carry a DRAFT mark on every page; standards do not', (t) => {
  if (skipIfMissing(t)) return;
  for (let page = 1; page <= pageCount('virtio-i2c.pdf'); page++) {
    assert.match(run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), join(dir, 'virtio-i2c.pdf'), '-']), /DRAFT/, `page ${page}`);
  }
  assert.doesNotMatch(run('pdftotext', [join(dir, 'arm-psci.pdf'), '-']), /DRAFT/);
});

test('the statements, tables and computed values are in the text', (t) => {
  if (skipIfMissing(t)) return;
  const text = run('pdftotext', [join(dir, 'virtio-i2c.pdf'), '-']).replace(/\s+/g, ' ');
  assert.match(text, /The device MUST set virtio_i2c_in_hdr\.status to VIRTIO_I2C_MSG_OK when the transfer succeeded\./);
  assert.match(text, /The driver SHOULD NOT send a request to address 0\./);
  assert.match(run('pdftotext', [join(dir, 'arm-psci.pdf'), '-']), /0xC4000003/);
});

test('diagrams are vectors (no raster images; their labels are text)', (t) => {
  if (skipIfMissing(t)) return;
  const images = run('pdfimages', ['-list', join(dir, 'virtio-i2c.pdf')]).trim().split('\n').slice(2);
  assert.deepEqual(images, []);
  const text = run('pdftotext', [join(dir, 'virtio-i2c.pdf'), '-']);
  assert.match(text, /\(padding\)/);
  assert.match(text, /VIRTIO_I2C_FLAGS_SPEED \(bits 6:4\)/);
});

test('a rendered content page is not blank', (t) => {
  if (skipIfMissing(t)) return;
  const base = join(dir, 'page');
  run('pdftoppm', ['-gray', '-r', '40', '-f', '5', '-l', '5', join(dir, 'virtio-i2c.pdf'), base]);
  const pgm = readFileSync(`${base}-05.pgm`);
  // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  assert.equal(pixels.length, Number(header[1]) * Number(header[2]));
  const dark = pixels.filter((v) => v < 200).length;
  assert.ok(dark / pixels.length > 0.02, `only ${dark} of ${pixels.length} pixels are not white`);
});

test('hostile sources: the book still prints, with no active content and no external links from the sources', async (t) => {
  if (skipIfMissing(t)) return;
  const files = await pdfGenerator.generate(hostileModel(), { root: '.', warn: (m) => assert.fail(m) });
  const pdf = Buffer.from(files.find((f) => f.path === 'virtio-i2c.pdf')!.contents).toString('latin1');
  assert.doesNotMatch(pdf, /\/JavaScript|\/JS\s|\/Launch|\/SubmitForm|\/ImportData/);
  // The only URI actions are the web links the sources wrote as https (none here) — no javascript:, file: or data:.
  const uris = [...pdf.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1]);
  assert.deepEqual(uris.filter((u) => !/^https?:/.test(u!)), []);
});

test('without a browser the generator warns once with what to install and returns no files', async () => {
  const saved = process.env.HVSPEC_CHROMIUM;
  process.env.HVSPEC_CHROMIUM = join(tmpdir(), 'no-such-chromium');
  try {
    const messages: string[] = [];
    const files = await pdfGenerator.generate(fixtureModel(), { root: '.', warn: (m) => messages.push(m) });
    assert.deepEqual(files, []);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /HVSPEC_CHROMIUM=.*no-such-chromium is not an executable file/);
  } finally {
    if (saved === undefined) delete process.env.HVSPEC_CHROMIUM;
    else process.env.HVSPEC_CHROMIUM = saved;
  }
});

test('a browser that does not start is reported as a warning, not a crash', async () => {
  const saved = process.env.HVSPEC_CHROMIUM;
  // An executable that exits at once: /bin/false is not a browser.
  process.env.HVSPEC_CHROMIUM = '/bin/false';
  try {
    const messages: string[] = [];
    const files = await pdfGenerator.generate(fixtureModel(), { root: '.', warn: (m) => messages.push(m) });
    assert.deepEqual(files, []);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /^could not start \/bin\/false \(found via HVSPEC_CHROMIUM\): /);
  } finally {
    if (saved === undefined) delete process.env.HVSPEC_CHROMIUM;
    else process.env.HVSPEC_CHROMIUM = saved;
  }
});

test('every book is styled, also when one page prints several books in turn', async (t) => {
  if (skipIfMissing(t)) return;
  // Five books for two workers: each page prints two or three books one after another.
  const model = fixtureModel();
  const base = model.specs.find((s) => s.id === 'virtio-i2c')!;
  for (const suffix of ['b', 'c', 'd']) model.specs.push({ ...structuredClone(base), id: `virtio-i2c-${suffix}`, title: `Book ${suffix.toUpperCase()}` });
  const files = await pdfGenerator.generate(model, { root: '.', warn: (m) => assert.fail(m) });
  assert.equal(files.length, 5);
  const many = mkdtempSync(join(tmpdir(), 'hvspec-pdf-many-'));
  try {
    for (const file of files) {
      writeFileSync(join(many, file.path), file.contents);
      const spec = model.specs.find((s) => `${s.id}.pdf` === file.path)!;
      // The running head exists only if the book's stylesheet applied (it comes from @page rules).
      const third = execFileSync('pdftotext', ['-layout', '-f', '3', '-l', '3', join(many, file.path), '-'], { encoding: 'utf8' });
      assert.match(third, new RegExp(`${spec.id} ${spec.version.replace(/\./g, '\\.')} · `), `${file.path}: no running head, so no stylesheet`);
    }
  } finally {
    rmSync(many, { recursive: true, force: true });
  }
});

test('tagged: every book has a structure tree (headings, tables, lists, links) and is marked', (t) => {
  if (skipIfMissing(t)) return;
  for (const file of ['arm-psci.pdf', 'virtio-i2c.pdf']) {
    const bytes = readFileSync(join(dir, file)).toString('latin1');
    assert.match(bytes, /\/StructTreeRoot \d+ 0 R/, `${file}: catalog has /StructTreeRoot`);
    assert.match(bytes, /\/MarkInfo <<\s*\/Type \/MarkInfo\s*\/Marked true\s*>>/, `${file}: /MarkInfo /Marked true`);
    assert.match(run('pdfinfo', [join(dir, file)]), /^Tagged:\s+yes$/m);
    const kinds = new Set(execFileSync('pdfinfo', ['-struct', join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 })
      .split('\n').map((l) => l.trim().replace(/[ :].*$/, '')));
    for (const kind of ['H1', 'H2', 'P', 'Table', 'TR', 'TD', 'L', 'LI', 'Link']) assert.ok(kinds.has(kind), `${file}: structure has ${kind} (has ${[...kinds].join(' ')})`);
  }
});

test('metadata: title and version, editors as author, subject, hvspec as creator, the last commit as date', (t) => {
  if (skipIfMissing(t)) return;
  const info = run('pdfinfo', ['-isodates', join(dir, 'virtio-i2c.pdf')]);
  assert.match(info, /^Title:\s+Virtio I2C Adapter Device 1\.1\.0-rc\.1$/m);
  assert.match(info, /^Author:\s+Jane Doe <jane@example\.org>$/m);
  assert.match(info, /^Subject:\s+virtio-i2c 1\.1\.0-rc\.1, draft: hypervisor interface standard$/m);
  assert.match(info, /^Creator:\s+hvspec \d+\.\d+\.\d+$/m);
  assert.match(info, /^Producer:\s+Skia\/PDF m\d+; pdf-lib 1\.17\.1$/m);
  assert.match(info, /^Metadata Stream:\s+yes$/m);
  // The generator ran with root '.', this repository: the date is its last commit's, not the clock's.
  const commit = new Date(Number(execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim()) * 1000).toISOString().replace('.000', '');
  assert.match(info, new RegExp(`^CreationDate:\\s+${commit}$`, 'm'));
  assert.match(info, new RegExp(`^ModDate:\\s+${commit}$`, 'm'));
  assert.doesNotMatch(readFileSync(join(dir, 'virtio-i2c.pdf')).toString('latin1'), /HeadlessChrome|Mozilla\//, 'no user agent left');
  const xmp = run('pdfinfo', ['-meta', join(dir, 'virtio-i2c.pdf')]);
  assert.match(xmp, /<dc:creator><rdf:Seq><rdf:li>Jane Doe &lt;jane@example\.org&gt;<\/rdf:li><\/rdf:Seq><\/dc:creator>/);
  assert.match(xmp, /<xmp:CreatorTool>hvspec \d+\.\d+\.\d+<\/xmp:CreatorTool>/);
});
