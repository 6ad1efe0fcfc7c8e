/**
 * The cache of finished books (`.hvspec-cache/pdf/`): a second build takes unchanged books from
 * it, a changed book is printed again, and entries no build asked for are removed. Without a
 * cache directory (tests, `--no-cache`) nothing is read or written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findChromium } from '../../generators/pdf/browser.ts';
import { pdfGenerator } from '../../generators/pdf/index.ts';
import { fixtureModel } from '../html/fixtures/model.ts';

test('unchanged books come from the cache, a changed one is printed again, stale entries go', { timeout: 600_000 }, async (t) => {
  const browser = findChromium();
  if (browser.path === null) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${browser.problem}`);
    t.skip(browser.problem);
    return;
  }
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'hvspec-book-cache-'));
  const context = { root: cacheDir, cacheDir, warn: (m: string) => assert.fail(m) };
  const model = fixtureModel();
  const first = await pdfGenerator.generate(model, context);
  const entries = () => readdirSync(path.join(cacheDir, 'pdf')).filter((n) => n.endsWith('.pdf')).sort();
  assert.equal(entries().length, first.length);

  // Mark every entry (a PDF comment before %%EOF): what the next build returns shows where it came from.
  for (const name of entries()) {
    const file = path.join(cacheDir, 'pdf', name);
    writeFileSync(file, readFileSync(file, 'latin1').replace(/%%EOF\s*$/, '%cached\n%%EOF\n'), 'latin1');
  }
  const i2c = model.specs.find((s) => s.id === 'virtio-i2c')!;
  i2c.editors = ['Jane Doe <jane@example.org>', 'John Roe']; // shown only in its own book
  const second = await pdfGenerator.generate(model, context);
  const text = (f: { contents: string | Uint8Array }) => Buffer.from(f.contents).toString('latin1');
  for (const file of second) {
    if (file.path === 'virtio-i2c.pdf') assert.doesNotMatch(text(file), /%cached/, 'the changed book is printed again');
    else assert.match(text(file), /%cached/, `${file.path} comes from the cache`);
  }
  assert.equal(entries().length, second.length, 'the old virtio-i2c entry is gone');

  // No cache directory: nothing from the cache.
  const third = await pdfGenerator.generate(model, { root: cacheDir, warn: (m) => assert.fail(m) });
  for (const file of third) assert.doesNotMatch(text(file), /%cached/);
});
