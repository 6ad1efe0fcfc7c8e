/**
 * The published spec as PDF books, one per standard (`output/pdf/<spec>.pdf`), printed by
 * headless Chromium from the same HTML the site uses.
 *
 * Pipeline (docs/publish.md has the measurements): native `page.pdf()` with CSS page margin boxes
 * for running heads and page numbers, `outline: true` for bookmarks, and two passes for the
 * contents' page numbers: print, read each section's page from the PDF's named destinations,
 * print again with the numbers. The contents' lines keep their width, so the second print has the
 * same page breaks; a third pass runs only if a page number still moved.
 *
 * Nothing is written here: the bytes go back to the CLI as GeneratedFiles. Every request the page
 * would make is blocked (the book is one self-contained string given to setContent).
 */
import type { Model, Spec } from '../../src/model/types.ts';
import { collectSymbols, type Symbols } from '../html/xref.ts';
import type { GenerateContext, GeneratedFile, Generator } from '../types.ts';
import { findChromium, launchChromium } from './browser.ts';
import { renderBook, type PageNumbers } from './book.ts';
import { destinationPages } from './pdf-destinations.ts';
import type { Browser } from 'playwright-core';

const MAX_PASSES = 3;
/** Two pages print at once: the machine this was measured on has two cores (docs/publish.md). */
const CONCURRENCY = 2;

export const pdfGenerator: Generator = {
  name: 'pdf',
  outDir: 'pdf',
  committed: false,
  async generate(model: Model, context: GenerateContext): Promise<GeneratedFile[]> {
    const found = findChromium();
    if (found.path === null) {
      context.warn(`pdf: ${found.problem}`);
      return [];
    }
    const browser = await launchChromium(found.path);
    try {
      const symbols = collectSymbols(model);
      const queue = [...model.specs];
      const files: GeneratedFile[] = [];
      const worker = async () => {
        for (let spec = queue.shift(); spec; spec = queue.shift()) files.push({ path: `${spec.id}.pdf`, contents: await printSpec(browser, spec, symbols) });
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, model.specs.length) }, worker));
      return files.sort((a, b) => (a.path < b.path ? -1 : 1));
    } finally {
      await browser.close();
    }
  },
};

export async function printSpec(browser: Browser, spec: Spec, symbols: Symbols): Promise<Uint8Array> {
  const page = await browser.newPage({ javaScriptEnabled: false });
  try {
    // The book is one string; anything it would fetch is refused.
    await page.route('**/*', (route) => route.abort('blockedbyclient'));
    let pages: PageNumbers = new Map();
    let pdf: Uint8Array = new Uint8Array();
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const book = renderBook(spec, symbols, pages);
      await page.setContent(book.html, { waitUntil: 'load' });
      pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true }));
      const found = destinationPages(pdf);
      const next = new Map(book.sectionIds.filter((id) => found.has(id)).map((id) => [id, found.get(id)!]));
      if (pass > 1 && sameNumbers(pages, next)) break;
      pages = next;
    }
    return pdf;
  } finally {
    await page.close();
  }
}

function sameNumbers(a: PageNumbers, b: PageNumbers): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of a) if (b.get(id) !== n) return false;
  return true;
}

export default pdfGenerator;
