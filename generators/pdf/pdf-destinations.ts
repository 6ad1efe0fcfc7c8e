/**
 * Page numbers of named destinations, read back from a PDF that Chromium (Skia) wrote. Chromium
 * makes a named destination for every element an internal link points at; the book's contents and
 * index of definitions link every section and definition, so after one print the page of each is
 * known, and the numbers can be filled in for the next print (Chromium has no `target-counter()`).
 *
 * The catalog's /Dests dictionary maps names to `[page-ref /XYZ x y z]`; the /Pages tree lists
 * the pages in order.
 */
import { decodeName, indexPdf, type PdfIndex } from './pdf-objects.ts';

export function destinationPages(pdf: Uint8Array | PdfIndex): Map<string, number> {
  const { objects, catalogNumber } = pdf instanceof Uint8Array ? indexPdf(pdf) : pdf;
  const catalog = objects.get(catalogNumber)!;
  const pagesRef = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  if (!pagesRef) throw new Error('PDF catalog has no /Pages');
  const pageOrder = new Map<number, number>();
  const walk = (objectNumber: number, depth: number) => {
    const body = objects.get(objectNumber);
    if (body === undefined) throw new Error(`PDF object ${objectNumber} not found`);
    if (depth > 64) throw new Error('PDF page tree too deep');
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
      for (const kid of kids?.[1]!.matchAll(/(\d+)\s+0\s+R/g) ?? []) walk(Number(kid[1]), depth + 1);
    } else {
      pageOrder.set(objectNumber, pageOrder.size + 1);
    }
  };
  walk(Number(pagesRef[1]), 0);

  const result = new Map<string, number>();
  const destsRef = /\/Dests\s+(\d+)\s+0\s+R/.exec(catalog);
  const dests = destsRef ? objects.get(Number(destsRef[1])) : /\/Dests\s*(<<[\s\S]*?>>)/.exec(catalog)?.[1];
  if (!dests) return result;
  for (const entry of dests.matchAll(/\/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = pageOrder.get(Number(entry[2]));
    if (page !== undefined) result.set(decodeName(entry[1]!), page);
  }
  return result;
}
