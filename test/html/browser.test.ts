/**
 * The site in a real headless Chromium: every page loads without console errors and makes no
 * request outside the site; every internal link and anchor resolves; headings never skip a level;
 * every SVG has a title; search finds a definition. The hostile model proves that no script runs,
 * no dialog opens and nothing is fetched, whatever the sources say.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileCorpus } from '../../src/compile.ts';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { renderSite } from '../../generators/html/site.ts';
import type { Model } from '../../src/model/types.ts';
import { chromiumOrSkip, recordingPage, withBrowser, type PageRecord } from './chromium.ts';
import { hostileModel } from './fixtures/hostile-model.ts';
import { fixtureModel } from './fixtures/model.ts';

function writeSite(model: Model, tamper: (html: string) => string = (html) => html): { dir: string; pages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-html-'));
  const pages: string[] = [];
  for (const page of renderSite(model)) {
    mkdirSync(join(dir, page.path, '..'), { recursive: true });
    writeFileSync(join(dir, page.path), tamper(page.html));
    pages.push(page.path);
  }
  return { dir, pages };
}

interface PageFacts {
  ids: string[];
  links: string[];
  headings: { level: number; text: string }[];
  svgsWithoutTitle: number;
  svgCount: number;
  pwned: unknown;
  scriptsInMain: number;
  imagesOrFrames: number;
  handlerAttributes: string[];
}

async function inspect(browser: Browser, dir: string, path: string): Promise<{ facts: PageFacts; record: PageRecord }> {
  const base = pathToFileURL(dir).href + '/';
  const { page, record } = await recordingPage(browser, base);
  await page.goto(base + path, { waitUntil: 'load' });
  // Give deferred attacks (onerror of a failed image, meta refresh, iframes) a moment to fire.
  await page.waitForTimeout(150);
  const facts = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      ids: all.map((e) => e.id).filter((id) => id !== ''),
      links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!),
      headings: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map((h) => ({ level: Number(h.tagName[1]), text: h.textContent ?? '' })),
      svgsWithoutTitle: Array.from(document.querySelectorAll('svg')).filter((s) => !(s.firstElementChild?.tagName === 'title' && s.firstElementChild.textContent)).length,
      svgCount: document.querySelectorAll('svg').length,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      scriptsInMain: document.querySelectorAll('main script, main iframe, main object, main embed, main form, main style, main meta').length,
      imagesOrFrames: document.querySelectorAll('img, iframe, picture, video, audio').length,
      handlerAttributes: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name) || /^\s*(javascript|data|vbscript|file):/i.test(a.value)).map((a) => `${e.tagName}[${a.name}=${a.value}]`)),
    };
  });
  await page.close();
  return { facts, record };
}

/** Every `href` that points into the site must name an existing page and, if it has a fragment, an id on that page. */
function brokenLinks(dir: string, pagesIds: Map<string, Set<string>>, from: string, links: string[]): string[] {
  const broken: string[] = [];
  for (const href of links) {
    if (/^(https?:|mailto:)/.test(href)) continue;
    const [file, fragment] = href.split('#') as [string, string | undefined];
    const target = file === '' ? from : file;
    if (!existsSync(join(dir, target)) || !pagesIds.has(target)) {
      broken.push(`${from}: ${href} (no page)`);
      continue;
    }
    if (fragment !== undefined && fragment !== '' && !pagesIds.get(target)!.has(decodeURIComponent(fragment))) broken.push(`${from}: ${href} (no anchor)`);
  }
  return broken;
}

function skippedHeadingLevels(headings: { level: number; text: string }[]): string[] {
  const problems: string[] = [];
  let previous = 0;
  for (const h of headings) {
    if (previous === 0 && h.level !== 1) problems.push(`first heading is h${h.level}: ${h.text}`);
    if (h.level > previous + 1 && previous !== 0) problems.push(`h${previous} → h${h.level}: ${h.text}`);
    previous = h.level;
  }
  return problems;
}

async function checkSite(t: import('node:test').TestContext, browser: Browser, model: Model, tamper?: (html: string) => string) {
  const { dir, pages } = writeSite(model, tamper);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const facts = new Map<string, PageFacts>();
  for (const path of pages) {
    const { facts: f, record } = await inspect(browser, dir, path);
    assert.deepEqual(record.consoleErrors, [], `${path}: console errors`);
    assert.deepEqual(record.pageErrors, [], `${path}: uncaught errors`);
    assert.deepEqual(record.dialogs, [], `${path}: dialogs`);
    assert.deepEqual(record.foreignRequests, [], `${path}: requests outside the site`);
    assert.equal(f.pwned, undefined, `${path}: injected script ran`);
    assert.equal(f.scriptsInMain, 0, `${path}: active element from the sources`);
    assert.equal(f.imagesOrFrames, 0, `${path}: image or frame`);
    assert.deepEqual(f.handlerAttributes, [], `${path}: event handler or dangerous URL`);
    assert.deepEqual(skippedHeadingLevels(f.headings), [], `${path}: heading order`);
    assert.equal(f.svgsWithoutTitle, 0, `${path}: SVG without <title>`);
    const duplicates = f.ids.filter((id, i) => f.ids.indexOf(id) !== i);
    assert.deepEqual(duplicates, [], `${path}: duplicate ids`);
    facts.set(path, f);
  }
  const ids = new Map([...facts].map(([path, f]) => [path, new Set(f.ids)]));
  const broken = [...facts].flatMap(([path, f]) => brokenLinks(dir, ids, path, f.links));
  assert.deepEqual(broken, [], 'broken internal links');
  return { dir, facts };
}

test('the fixture site loads cleanly, links resolve, headings are in order, diagrams have titles, search works', async (t) => {
  const path = chromiumOrSkip(t);
  if (!path) return;
  await withBrowser(path, async (browser) => {
    const { dir, facts } = await checkSite(t, browser, fixtureModel());
    const i2c = facts.get('virtio-i2c.html')!;
    // One diagram per struct/union, one per flag set, one per field with bit fields.
    assert.equal(i2c.svgCount, 4 + 1 + 1);
    for (const id of ['type-virtio_i2c_out_hdr', 'field-virtio_i2c_out_hdr.flags', 'const-VIRTIO_I2C_FLAGS_M_RD', 'req-i2c-dev-status-ok', 'dev-i2c-adapter', 'conformance-device']) {
      assert.ok(i2c.ids.includes(id), `anchor ${id}`);
    }
    // Search: typing a prefix lists the definition, and following the result lands on its anchor.
    const base = pathToFileURL(dir).href + '/';
    const { page } = await recordingPage(browser, base);
    await page.goto(base + 'index.html');
    await page.fill('#search', 'cpu_on');
    const first = page.locator('#search-results li a').first();
    assert.match((await first.textContent()) ?? '', /CPU_ON/);
    assert.equal(await first.getAttribute('href'), 'arm-psci.html#fn-psci.CPU_ON');
    await first.click();
    await page.waitForURL(/arm-psci\.html#fn-psci\.CPU_ON$/);
    assert.equal(await page.locator('#fn-psci\\.CPU_ON').count(), 1);
    await page.close();
  });
});

test('hostile sources: no script runs, no dialog opens, nothing is fetched, no page id is clobbered', async (t) => {
  const path = chromiumOrSkip(t);
  if (!path) return;
  await withBrowser(path, async (browser) => {
    const { facts } = await checkSite(t, browser, hostileModel());
    const i2c = facts.get('virtio-i2c.html')!;
    // Ids written in the sources arrive prefixed; the page's own `search` and `main` stay unique.
    assert.equal(i2c.ids.filter((id) => id === 'search').length, 1);
    assert.equal(i2c.ids.filter((id) => id === 'main').length, 1);
    // The attack text is visible as text where it is text (escaped title), and the page still works.
    assert.ok(i2c.headings.some((h) => h.text.includes('</title><script>')), 'title shown as text');
  });
});

test('hostile Markdown corpus through the real compiler: nothing runs, nothing is fetched', async (t) => {
  const path = chromiumOrSkip(t);
  if (!path) return;
  const root = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));
  const { model, diagnostics } = await compileCorpus(root, { cache: false });
  assert.ok(model, diagnostics.map((d) => d.message).join('; '));
  await withBrowser(path, async (browser) => {
    const { facts } = await checkSite(t, browser, model);
    const page = facts.get('hostile.html')!;
    assert.ok(page.ids.includes('req-hostile-must'));
    assert.ok(page.ids.includes('type-hostile_hdr'));
    // The source wrote id="search", name="main" and id="toc": the page's own stay unique.
    for (const own of ['search', 'main', 'toc']) assert.equal(page.ids.filter((id) => id === own).length, 1, own);
  });
});

test('the checks catch what they look for (planted attacks and broken links fail)', async (t) => {
  const path = chromiumOrSkip(t);
  if (!path) return;
  await withBrowser(path, async (browser) => {
    const plants: [string, RegExp][] = [
      ['<img src="http://127.0.0.1:9/x.png">', /requests outside the site|image/],
      ['<a href="#no-such-anchor">x</a>', /broken internal links/],
      ['<h5>skipped</h5>', /heading order/],
      ['<svg><rect/></svg>', /SVG without/],
      ['<a onclick="x()" href="javascript:void 0">x</a>', /event handler/],
    ];
    for (const [plant, expected] of plants) {
      await assert.rejects(
        checkSite(t, browser, fixtureModel(), (html) => html.replace('</main>', `${plant}</main>`)),
        (error: Error) => expected.test(error.message),
        plant,
      );
    }
  });
});

test('the project corpus: every page loads cleanly and every internal link resolves', async (t) => {
  const path = chromiumOrSkip(t);
  if (!path) return;
  const { model, diagnostics } = await compileCorpus(fileURLToPath(new URL('../../', import.meta.url)));
  assert.ok(model, `the corpus has errors: ${diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`).slice(0, 3).join('; ')}`);
  await withBrowser(path, async (browser) => {
    await checkSite(t, browser, model);
  });
});

test('dark mode and print styles apply', async (t) => {
  const path = chromiumOrSkip(t);
  if (!path) return;
  await withBrowser(path, async (browser) => {
    const { dir } = writeSite(fixtureModel());
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const page = await browser.newPage();
    const url = pathToFileURL(join(dir, 'virtio-i2c.html')).href;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(url);
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(darkBackground, lightBackground);
    assert.equal(lightBackground, 'rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.sidebar')!).display), 'none');
    assert.equal(await page.locator('.draft-banner').count(), 1);
    await page.close();
  });
});
