/**
 * The published spec as PDF books, one per standard (`output/pdf/<spec>.pdf`), printed by
 * headless Chromium from the same HTML the site uses.
 *
 * Pipeline (docs/publish.md has the measurements): native `page.pdf()`; CSS page margin boxes
 * for running heads and page numbers; two prints for the page numbers of the contents and the
 * index of definitions: a measuring print (only headings and links painted, same layout), read
 * each target's page from the PDF's named destinations, write the numbers into the page, print
 * for real. The number boxes have a fixed width, so the real print has the same page breaks; it
 * is checked, and a third print runs only if a number moved. Only the real print is tagged
 * (a structure tree for assistive technology). Then bookmarks are added by an incremental update
 * (pdf-outline.ts: sections with their definitions, which Chromium's outline lacks), and
 * finish.ts sets the metadata and makes the bytes reproducible. Finished books are cached by
 * their inputs (book-cache.ts), so a build prints only what changed.
 *
 * Nothing is written here: the bytes go back to the CLI as GeneratedFiles. Every request the page
 * would make is blocked (the book is one self-contained string given to setContent).
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Model, Spec } from '../../src/model/types.ts';
import { plainText } from '../html/helpers.ts';
import { collectSymbols } from '../html/xref.ts';
import type { GenerateContext, GeneratedFile, Generator } from '../types.ts';
import { MEASURING, PAGE_OF, renderBook, type Book, type PageNumbers } from './book.ts';
import { BookCache } from './book-cache.ts';
import { findChromium, launchChromium } from './browser.ts';
import { finishPdf, type BookMetadata } from './finish.ts';
import { sourceDate, type SourceDate } from './source-date.ts';
import { toolVersion } from '../../src/cli/version.ts';
import { destinationPages } from './pdf-destinations.ts';
import { addOutline, type OutlineEntry } from './pdf-outline.ts';

const MAX_PRINTS = 3;
/** A4 (210 mm) less book.css's 18 mm side margins, in CSS pixels (96 per inch). */
const PRINT_VIEWPORT = { width: Math.round(((210 - 2 * 18) / 25.4) * 96), height: 1123 };
/**
 * Two workers, each with its own Chromium: one Chromium printed one document at a time, so two
 * pages in one browser gained little. Corpus on the 2-core machine at load 6: one browser with two
 * pages 20.5–21.8 s, two browsers 16.3–16.5 s, one browser and one page 22.9–23.3 s.
 */
const WORKERS = 2;

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
    const symbols = collectSymbols(model);
    let date: SourceDate;
    try {
      date = sourceDate(context.root);
    } catch (error) {
      context.warn((error as Error).message); // a malformed SOURCE_DATE_EPOCH: no PDF rather than a misdated one
      return [];
    }
    const cache = context.cacheDir ? new BookCache(path.join(context.cacheDir, 'pdf'), found.path) : null;
    const files: GeneratedFile[] = [];
    // Longest books first, so the two workers finish together (HTML size stands in for length).
    const queue: Job[] = [];
    for (const spec of model.specs) {
      const job = { spec, book: renderBook(spec, symbols), meta: bookMetadata(spec, date.date), key: '' };
      job.key = cache?.key(job.book, job.meta) ?? '';
      const cached = cache?.get(job.key) ?? null;
      if (cached) files.push({ path: `${spec.id}.pdf`, contents: cached });
      else queue.push(job);
    }
    queue.sort((a, b) => b.book.html.length - a.book.html.length || (a.spec.id < b.spec.id ? -1 : 1));
    if (queue.length > 0) {
      const printed = await printAll(queue, found.path, found.from, context);
      if (printed === null) return [];
      for (const [job, bytes] of printed) {
        files.push({ path: `${job.spec.id}.pdf`, contents: bytes });
        cache?.put(job.key, bytes);
      }
    }
    cache?.prune();
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  },
};

interface Job { spec: Spec; book: Book; meta: BookMetadata; key: string }

/** Prints the queued books on WORKERS browsers; null (after a warning) if a browser does not start. */
async function printAll(queue: Job[], executable: string, from: string, context: GenerateContext): Promise<[Job, Uint8Array][] | null> {
  const launched = await Promise.allSettled(Array.from({ length: Math.min(WORKERS, queue.length) }, () => launchChromium(executable)));
  const browsers = launched.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = launched.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  try {
    if (failure) {
      // A browser that is there but does not start (wrong architecture, missing libraries) is the
      // same situation for the user as no browser: say which one and why, produce nothing.
      const reason = failure.reason instanceof Error ? failure.reason.message.split('\n')[0] : String(failure.reason);
      context.warn(`could not start ${executable} (found via ${from}): ${reason}; set HVSPEC_CHROMIUM to a working Chromium or Chrome`);
      return null;
    }
    const done: [Job, Uint8Array][] = [];
    // One browser and one page per worker, the page reused for its books (a new page and
    // context cost ~250 ms).
    const worker = async (browser: Browser) => {
      // The page is laid out as it will print (print media, the width of A4's text column), so
      // print() does not restyle and re-lay out the whole book for another medium and width
      // first: 20-35% less CPU per book (docs/publish.md).
      const page = await browser.newPage({ viewport: PRINT_VIEWPORT });
      await page.emulateMedia({ media: 'print' });
      // The books are strings given to setContent; anything they would fetch is refused.
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      for (let job = queue.shift(); job; job = queue.shift()) done.push([job, await printBook(page, job.book, job.meta)]);
    };
    await Promise.all(browsers.map(worker));
    return done;
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
  }
}

/** Prints one book on `page` (whose requests are already blocked) and returns the finished PDF. */
export async function printBook(page: Page, book: Book, meta: BookMetadata): Promise<Uint8Array> {
  // The book's CSP (default-src 'none') keeps scripts off; page.evaluate below is the generator's
  // own code, run over CDP. Generous timeout: on a loaded CI machine a big book takes a while.
  // A fresh document first: setContent writes into the current one, whose <meta> CSP (the previous
  // book's style hash) would otherwise stay in force and block this book's stylesheet.
  await page.goto('about:blank');
  await page.setContent(book.html, { waitUntil: 'load', timeout: 120_000 });
  // The measuring print is not tagged (tagging costs about a third more and changes no page break).
  let pdf = await print(page, false);
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
    pdf = await print(page, true);
    const after = targetPages(pdf, book.targets);
    if (sameNumbers(pages, after)) break;
    pages = after;
  }
  return finishPdf(addOutline(pdf, keepResolved(book.outline, pages)), meta);
}

/** `tagged`: with the structure tree (headings, lists, tables, figures with their text alternative) for assistive technology. */
async function print(page: Page, tagged: boolean): Promise<Uint8Array> {
  return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged }));
}

export function bookMetadata(spec: Spec, date: Date | null): BookMetadata {
  const status = spec.status === 'standard' ? 'standard' : spec.status === 'draft' ? 'draft' : 'deprecated standard';
  return {
    title: `${plainText(spec.title)} ${spec.version}`,
    authors: spec.editors.map(plainText),
    subject: `${spec.id} ${spec.version}, ${status}: hypervisor interface standard`,
    keywords: [spec.id, ...spec.requires],
    creator: `hvspec ${toolVersion()}`,
    date,
    language: 'en',
  };
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
