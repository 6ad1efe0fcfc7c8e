/**
 * The published spec as PDF books, one per standard (`output/pdf/<spec>.pdf`), printed by
 * headless Chromium from the same HTML the site uses.
 *
 * Pipeline (docs/publish.md has the measurements): native `page.pdf()`; CSS page margin boxes
 * for running heads and page numbers; two prints for the page numbers of the contents and the
 * index of definitions: a measuring print (only headings and links painted, same layout), read
 * each target's page from the PDF's named destinations, write the numbers into the page, print
 * for real. The number boxes have a fixed width, so the real print has the same page breaks; it
 * is checked, and a third print runs only if a number moved. Then bookmarks are added
 * by an incremental update (pdf-outline.ts) instead of Chromium's tagged-PDF outline, which
 * doubled the print time.
 *
 * Nothing is written here: the bytes go back to the CLI as GeneratedFiles. Every request the page
 * would make is blocked (the book is one self-contained string given to setContent).
 */
import type { Browser, Page } from 'playwright-core';
import type { Model, Spec } from '../../src/model/types.ts';
import { collectSymbols, type Symbols } from '../html/xref.ts';
import type { GenerateContext, GeneratedFile, Generator } from '../types.ts';
import { MEASURING, PAGE_OF, renderBook, type PageNumbers } from './book.ts';
import { findChromium, launchChromium } from './browser.ts';
import { destinationPages } from './pdf-destinations.ts';
import { addOutline, type OutlineEntry } from './pdf-outline.ts';

const MAX_PRINTS = 3;
/**
 * Two workers, each with its own page: while one waits for Chromium to print, the other sets
 * content or Node renders and reads PDFs. Measured on the idle 2-core machine: 1 worker 12.5 s,
 * 2 workers 11.5 s, 3 workers 12.7 s (Chromium appears to print one document at a time).
 */
const CONCURRENCY = 2;

export const pdfGenerator: Generator = {
  name: 'pdf',
  outDir: 'pdf',
  committed: false,
  async generate(model: Model, context: GenerateContext): Promise<GeneratedFile[]> {
    const found = findChromium();
    if (found.path === null) {
      context.warn(found.problem);
      return [];
    }
    let browser: Browser;
    try {
      browser = await launchChromium(found.path);
    } catch (error) {
      // A browser that is there but does not start (wrong architecture, missing libraries) is the
      // same situation for the user as no browser: say which one and why, produce nothing.
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      context.warn(`could not start ${found.path} (found via ${found.from}): ${reason}; set HVSPEC_CHROMIUM to a working Chromium or Chrome`);
      return [];
    }
    try {
      const symbols = collectSymbols(model);
      const queue = [...model.specs];
      const files: GeneratedFile[] = [];
      // One page per worker, reused for its books: a new page (and context) costs ~250 ms.
      const worker = async () => {
        const page = await browser.newPage();
        try {
          // The books are strings given to setContent; anything they would fetch is refused.
          await page.route('**/*', (route) => route.abort('blockedbyclient'));
          for (let spec = queue.shift(); spec; spec = queue.shift()) files.push({ path: `${spec.id}.pdf`, contents: await printBook(page, spec, symbols) });
        } finally {
          await page.close();
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, model.specs.length) }, worker));
      return files.sort((a, b) => (a.path < b.path ? -1 : 1));
    } finally {
      await browser.close();
    }
  },
};

/** Prints one book on `page` (whose requests are already blocked) and returns the PDF bytes. */
export async function printBook(page: Page, spec: Spec, symbols: Symbols): Promise<Uint8Array> {
  const book = renderBook(spec, symbols);
  // The book's CSP (default-src 'none') keeps scripts off; page.evaluate below is the generator's
  // own code, run over CDP. Generous timeout: on a loaded CI machine a big book takes a while.
  await page.setContent(book.html, { waitUntil: 'load', timeout: 120_000 });
  let pdf = await print(page);
  let pages = targetPages(pdf, book.targets);
  for (let prints = 1; prints < MAX_PRINTS; prints++) {
    await page.evaluate(
      ({ attribute, numbers, measuring }) => {
        document.documentElement.classList.remove(measuring);
        for (const box of Array.from(document.querySelectorAll(`[${attribute}]`))) {
          const n = numbers[box.getAttribute(attribute)!];
          if (n !== undefined) box.textContent = String(n);
        }
      },
      { attribute: PAGE_OF, numbers: Object.fromEntries(pages), measuring: MEASURING },
    );
    pdf = await print(page);
    const after = targetPages(pdf, book.targets);
    if (sameNumbers(pages, after)) break;
    pages = after;
  }
  return addOutline(pdf, keepResolved(book.outline, pages));
}

async function print(page: Page): Promise<Uint8Array> {
  return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
}

function targetPages(pdf: Uint8Array, targets: string[]): Map<string, number> {
  const found = destinationPages(pdf);
  return new Map(targets.filter((id) => found.has(id)).map((id) => [id, found.get(id)!]));
}

/** Bookmarks whose destination Chromium wrote (a target that did not print has no page). */
function keepResolved(entries: OutlineEntry[], pages: PageNumbers): OutlineEntry[] {
  return entries.filter((e) => pages.has(e.dest)).map((e) => ({ ...e, children: keepResolved(e.children, pages) }));
}

function sameNumbers(a: PageNumbers, b: PageNumbers): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of a) if (b.get(id) !== n) return false;
  return true;
}

export default pdfGenerator;
