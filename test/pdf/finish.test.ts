/**
 * The last step of the books without a browser: pdf-lib writes the metadata, removes the
 * printer's clock and user agent, and gives a content-derived /ID; the source date comes from
 * SOURCE_DATE_EPOCH or git, never the clock. Also the running title's shortening.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { runningTitle, RUNNING_TITLE_MAX } from '../../generators/pdf/book.ts';
import { finishPdf, type BookMetadata } from '../../generators/pdf/finish.ts';
import { sourceDate } from '../../generators/pdf/source-date.ts';

/** A PDF shaped like Chromium's: Info with the clock and a user agent. */
async function printed(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]).drawText(text, { x: 20, y: 100, size: 12 });
  doc.setCreator('Mozilla/5.0 HeadlessChrome/156.0.0.0');
  doc.setProducer('Skia/PDF m156');
  doc.setCreationDate(new Date());
  doc.setModificationDate(new Date());
  return doc.save({ useObjectStreams: false });
}

const meta: BookMetadata = {
  title: 'Test a 1.0.0', authors: ['Ada', 'Grace <g@example.org>'], subject: 'a 1.0.0, draft: hypervisor interface standard',
  keywords: ['a'], creator: 'hvspec 0.1.0', date: new Date('2024-02-29T12:34:56Z'), language: 'en',
};
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const idOf = (bytes: Uint8Array) => /\/ID \[ <([0-9A-F]{32})> <([0-9A-F]{32})> \]/.exec(latin1(bytes));

test('metadata from the model, the source date, no clock and no user agent', async () => {
  const out = await finishPdf(await printed('one'), meta);
  const doc = await PDFDocument.load(out, { updateMetadata: false });
  assert.equal(doc.getTitle(), 'Test a 1.0.0');
  assert.equal(doc.getAuthor(), 'Ada, Grace <g@example.org>');
  assert.equal(doc.getSubject(), meta.subject);
  assert.equal(doc.getCreator(), 'hvspec 0.1.0');
  assert.equal(doc.getProducer(), 'Skia/PDF m156; pdf-lib 1.17.1');
  assert.equal(doc.getCreationDate()?.toISOString(), '2024-02-29T12:34:56.000Z');
  assert.equal(doc.getModificationDate()?.toISOString(), '2024-02-29T12:34:56.000Z');
  assert.doesNotMatch(latin1(out), /HeadlessChrome/);
  assert.match(latin1(out), /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Test a 1\.0\.0<\/rdf:li><\/rdf:Alt><\/dc:title>/);
});

test('without a source date the book has no dates at all', async () => {
  const doc = await PDFDocument.load(await finishPdf(await printed('one'), { ...meta, date: null }), { updateMetadata: false });
  assert.equal(doc.getCreationDate(), undefined);
  assert.equal(doc.getModificationDate(), undefined);
});

test('the /ID is a hash of the content: same input, same bytes; other content, other ID', async () => {
  const a = await finishPdf(await printed('one'), meta);
  // printed() stamps the clock: wait so the second input differs in its dates, which must not matter.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const b = await finishPdf(await printed('one'), meta);
  const c = await finishPdf(await printed('two'), meta);
  assert.ok(Buffer.from(a).equals(Buffer.from(b)), 'same content, same bytes');
  const [ida, idc] = [idOf(a), idOf(c)];
  assert.ok(ida && idc);
  assert.equal(ida[1], ida[2]);
  assert.notEqual(ida[1], '0'.repeat(32));
  assert.notEqual(ida[1], idc[1]);
});

test('source date: SOURCE_DATE_EPOCH, else the last commit, else none; a malformed epoch is an error', () => {
  const repo = path.join(import.meta.dirname, '../..');
  assert.deepEqual(sourceDate(repo, { SOURCE_DATE_EPOCH: '1000000000' }), { date: new Date('2001-09-09T01:46:40Z'), from: 'SOURCE_DATE_EPOCH' });
  assert.equal(sourceDate(repo, {}).from, 'last commit');
  assert.throws(() => sourceDate(repo, { SOURCE_DATE_EPOCH: 'yesterday' }), /SOURCE_DATE_EPOCH must be a number of seconds since 1970, not "yesterday"/);
  const outside = mkdtempSync(path.join(tmpdir(), 'hvspec-no-git-'));
  assert.deepEqual(sourceDate(outside, {}), { date: null, from: 'none' });
});

test('the running title is shortened to fit beside the version: at a dash, else at a word', () => {
  assert.equal(runningTitle('Virtio I2C Adapter Device'), 'Virtio I2C Adapter Device');
  assert.equal(runningTitle('Arm Firmware Framework for A-profile (FF-A) — ABI, direct messaging and memory sharing'), 'Arm Firmware Framework for A-profile (FF-A)');
  const long = runningTitle('A very long title without any dash that goes on and on about hypervisor interfaces forever');
  assert.ok(long.length <= RUNNING_TITLE_MAX + 1 && long.endsWith('\u2026'), long);
});

/** A tagged PDF whose structure elements carry Chromium-style DOM node ids starting at `first`. */
async function tagged(first: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await printed('one'), { updateMetadata: false });
  const c = doc.context;
  const id = (n: number) => PDFString.of(`node${String(n).padStart(8, '0')}`);
  const th = c.obj({ Type: 'StructElem', S: 'TH' });
  th.set(PDFName.of('ID'), id(first));
  const td = c.obj({ Type: 'StructElem', S: 'TD' });
  td.set(PDFName.of('ID'), id(first + 1));
  const attributes = c.obj({ O: 'Table' });
  attributes.set(PDFName.of('Headers'), c.obj([id(first)]));
  td.set(PDFName.of('A'), c.obj([attributes]));
  const [thRef, tdRef] = [c.register(th), c.register(td)];
  const tree = c.obj({});
  tree.set(PDFName.of('Names'), c.obj([id(first), thRef, id(first + 1), tdRef]));
  const root = c.obj({ Type: 'StructTreeRoot', K: c.obj([thRef, tdRef]) });
  root.set(PDFName.of('IDTree'), c.register(tree));
  doc.catalog.set(PDFName.of('StructTreeRoot'), c.register(root));
  return doc.save({ useObjectStreams: false });
}

test('structure element ids (Chromium DOM node numbers) are renamed in order, so they cannot vary', async () => {
  const a = await finishPdf(await tagged(111), meta);
  const b = await finishPdf(await tagged(112), meta);
  assert.ok(Buffer.from(a).equals(Buffer.from(b)));
  const text = latin1(a);
  assert.doesNotMatch(text, /node0/);
  assert.match(text, /\/ID \(s000001\)/);
  assert.match(text, /\/Headers \[ \(s000001\) \]/);
  assert.match(text, /\/Names \[ \(s000001\) \d+ 0 R \(s000002\) \d+ 0 R \]/);
});
