/**
 * Shared by the HTML and PDF tests: the browser (or a skip locally / a failure on CI when it is
 * missing), and a loader that records everything a page does that it must not do.
 */
import type { TestContext } from 'node:test';
import { findChromium, launchChromium } from '../../generators/pdf/browser.ts';
import type { Browser, Page } from 'playwright-core';

/** The browser's path, or null after marking the test skipped. On CI a missing browser is a failure. */
export function chromiumOrSkip(t: TestContext): string | null {
  const found = findChromium();
  if (found.path !== null) return found.path;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${found.problem}`);
  t.skip(found.problem);
  return null;
}

export async function withBrowser<T>(path: string, use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium(path);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

export interface PageRecord {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Every request URL that is not a file inside the site folder. */
  foreignRequests: string[];
}

/**
 * A page that records console errors, uncaught exceptions, dialogs and requests outside
 * `allowedPrefix`. Foreign requests are aborted after being recorded.
 */
export async function recordingPage(browser: Browser, allowedPrefix: string): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.newPage();
  const record: PageRecord = { consoleErrors: [], pageErrors: [], dialogs: [], foreignRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(allowedPrefix) && !record.foreignRequests.includes(url)) record.foreignRequests.push(url);
  });
  page.on('dialog', (dialog) => {
    record.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowedPrefix)) return route.continue();
    return route.abort('blockedbyclient');
  });
  return { page, record };
}
