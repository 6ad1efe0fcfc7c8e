/**
 * The project's site as a reader sees it, in one headless Chromium at a desktop (1400 px) and a
 * phone (400 px) width, on every page: nothing wider than its container (outside a scroller), no
 * sideways page scroll, link targets below the header after navigation, no console errors; the
 * contents highlight the section being read; every defined name in author text is a link unless
 * opted out; search finds prose and a statement id and is driven by the keyboard.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderSite } from '../../generators/html/site.ts';
import { collectSymbols } from '../../generators/html/xref.ts';
import { compileCorpus } from '../../src/compile.ts';
import { chromiumOrSkip, recordingPage, withBrowser } from './chromium.ts';

/** Elements that stick out of their parent with no scroll container in between (first 5). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const scrolls = (e: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX);
    for (const e of Array.from(document.body.querySelectorAll('*'))) {
      if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
      const style = getComputedStyle(e);
      if (style.position === 'absolute' || style.position === 'fixed' || style.display === 'none') continue;
      const parent = e.parentElement!;
      const over = e.getBoundingClientRect().right - parent.getBoundingClientRect().right;
      if (over <= 1) continue;
      let clipped = false;
      for (let a: Element | null = parent; a && a !== document.body; a = a.parentElement) if (scrolls(a)) clipped = true;
      if (!clipped) out.push(`${e.tagName.toLowerCase()}.${e.className} +${Math.round(over)}px: ${(e.textContent ?? '').slice(0, 40)}`);
      if (out.length >= 5) break;
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    return out;
  });
}

/** Follow in-page links (a sample: contents, cross-references, statements) and report targets hidden by the header. */
function hiddenTargets(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('main a.xref[href^="#"], #toc a[href^="#"], a.req-id[href^="#"]'));
    const inner = links.filter((a) => a.hash !== '#top');
    const sample = inner.filter((_, i) => i % Math.max(1, Math.floor(inner.length / 8)) === 0).slice(0, 8);
    const header = document.querySelector('.site-header')!;
    const problems: string[] = [];
    for (const link of sample) {
      link.click();
      await frame();
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) continue;
      const sticky = getComputedStyle(header).position === 'sticky';
      const covered = sticky ? header.getBoundingClientRect().bottom : 0;
      const top = target.getBoundingClientRect().top;
      if (top < covered - 1 || top > innerHeight) problems.push(`${link.hash}: top ${Math.round(top)}, header bottom ${Math.round(covered)}`);
    }
    return problems;
  });
}

/** Defined names in author text (prose, doc strings, statements) that are not links (opted-out mentions excepted). */
function unlinkedNames(page: Page, names: string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const set = new Set(list);
    const out: string[] = [];
    for (const container of Array.from(document.querySelectorAll('.prose, .text, .req-text'))) {
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement!;
        if (parent.closest('a, pre, .nolink, h1, h2, h3, h4, h5, h6')) continue;
        const inCode = parent.closest('code');
        if (inCode) {
          // Code is linked when it is a name (or `struct name`, `-NAME`); other code is not a mention.
          const bare = (inCode.textContent ?? '').replace(/^(?:(?:struct|union|enum) |-)(?=[A-Za-z_])/, '');
          if (set.has(bare)) out.push(`\`${inCode.textContent}\``);
          continue;
        }
        for (const m of (node.textContent ?? '').matchAll(/[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/g)) if (set.has(m[0])) out.push(m[0]);
      }
    }
    return out;
  }, names);
}

test('the project site in one browser', async (t) => {
  const chromium = chromiumOrSkip(t);
  if (!chromium) return;
  const { model } = await compileCorpus(fileURLToPath(new URL('../../', import.meta.url)));
  assert.ok(model);
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-layout-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pages = renderSite(model);
  for (const p of pages) writeFileSync(join(dir, p.path), p.html);
  const names = [...collectSymbols(model).keys()].filter((k) => !k.startsWith('spec:') && !k.startsWith('device:')).map((k) => k.replace(/^req:/, ''));
  const base = pathToFileURL(dir).href + '/';
  await withBrowser(chromium, async (browser) => {
    await t.test('every page at 1400 px and 400 px: fits, targets visible below the header, no errors, all names linked', async () => {
      for (const width of [1400, 400]) {
        const { page, record } = await recordingPage(browser, base);
        await page.setViewportSize({ width, height: 900 });
        // tsx names the helper functions inside page.evaluate with `__name(...)`; give the page one.
        await page.addInitScript({ content: 'window.__name = (f) => f;' });
        for (const path of pages.map((p) => p.path).filter((p) => p.endsWith('.html'))) {
          await page.goto(base + path);
          assert.deepEqual(await overflowing(page), [], `${path} at ${width} px: wider than its container`);
          assert.deepEqual(await hiddenTargets(page), [], `${path} at ${width} px: link target under the header`);
          if (width === 1400) assert.deepEqual(await unlinkedNames(page, names), [], `${path}: defined names that are not links`);
        }
        // Arriving from another page at a fragment: the target is below the header too.
        await page.goto(`${base}virtio-i2c.html#req-i2c-drv-read-flag`);
        const arrival = await page.evaluate(() => {
          const header = document.querySelector('.site-header')!;
          const covered = getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
          const target = document.getElementById('req-i2c-drv-read-flag')!;
          return { top: target.getBoundingClientRect().top, covered, highlighted: getComputedStyle(target).backgroundColor !== getComputedStyle(target.nextElementSibling ?? target.previousElementSibling!).backgroundColor };
        });
        assert.ok(arrival.top >= arrival.covered - 1, `${width} px: arrival target at ${arrival.top} under the header (${arrival.covered})`);
        assert.ok(arrival.highlighted, 'a linked-to statement is highlighted like a heading');
        assert.deepEqual(record.consoleErrors, [], `console errors at ${width} px`);
        assert.deepEqual(record.pageErrors, [], `uncaught errors at ${width} px`);
        assert.deepEqual(record.foreignRequests, [], `requests outside the site at ${width} px`);
        await page.close();
      }
    });
    await t.test('search: a prose phrase, a statement id and a symbol; arrows, Enter and Escape; the contents follow the reader', async () => {
    const { page, record } = await recordingPage(browser, base);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(base + 'index.html');
      const results = () => page.$$eval('#search-results li a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
      // A phrase that occurs only in prose (virtio-i2c §1, Requests): found, that section first.
      await page.focus('#search');
      await page.keyboard.type('encoded as in the I2C specification');
      await page.waitForSelector('#search-results li a');
      const prose = await results();
      assert.match(prose[0]!.href!, /^virtio-i2c\.html#sec-/, JSON.stringify(prose.slice(0, 3)));
      // A statement id: that statement first.
      await page.fill('#search', 'i2c-drv-read-flag');
      await page.waitForFunction(() => document.querySelector('#search-results li a')?.getAttribute('href') === 'virtio-i2c.html#req-i2c-drv-read-flag');
      // A symbol: the exact name ranks first.
      await page.fill('#search', 'cpu_on');
      await page.waitForFunction(() => document.querySelector('#search-results li a')?.getAttribute('href') === 'arm-psci.html#fn-psci.CPU_ON');
      // Arrows move the selection (wrapping), Enter follows it.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      const chosen = await page.$eval('#search-results li[aria-selected="true"] a', (a) => a.getAttribute('href'));
      assert.equal(chosen, 'arm-psci.html#fn-psci.CPU_ON');
      await page.keyboard.press('Enter');
      await page.waitForURL(/arm-psci\.html#fn-psci\.CPU_ON$/);
      // The contents mark the section holding the target.
      await page.waitForFunction(() => document.querySelector('#toc a[aria-current="true"]') !== null);
      // ... and keep it in view inside the sidebar (psci has more entries than the sidebar shows).
      const inView = await page.evaluate(() => {
        const link = document.querySelector('#toc a[aria-current="true"]')!.getBoundingClientRect();
        const toc = document.getElementById('toc')!.getBoundingClientRect();
        return link.top >= toc.top && link.bottom <= toc.bottom;
      });
      assert.ok(inView, 'the marked contents entry is scrolled into the sidebar');
      // Escape empties the box and closes the list.
      await page.focus('#search');
      await page.keyboard.type('psci');
      await page.waitForSelector('#search-results li a');
      await page.keyboard.press('Escape');
      assert.equal(await page.$$eval('#search-results li', (l) => l.length), 0);
      assert.equal(await page.inputValue('#search'), '');
      assert.deepEqual(record.consoleErrors, []);
      assert.deepEqual(record.pageErrors, []);
      await page.close();
    });
  });
});
