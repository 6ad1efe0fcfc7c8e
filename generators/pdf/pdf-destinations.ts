/**
 * Page numbers of named destinations, read back from a PDF that Chromium (Skia) wrote. Chromium
 * makes a named destination for every element an internal link points at; the book's table of
 * contents links every section, so after one print the page of each section is known, and a
 * second print fills in the numbers (Chromium has no `target-counter()`).
 *
 * Skia writes plain objects (no object streams, no cross-reference streams): the catalog's /Dests
 * dictionary maps names to `[page-ref /XYZ x y z]`, and the /Pages tree lists pages in order.
 * This reader handles exactly that shape and throws when it meets anything else.
 */

export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const objects = indexObjects(text);
  const catalog = [...objects.values()].find((body) => /\/Type\s*\/Catalog\b/.test(body));
  if (!catalog) throw new Error('PDF has no catalog object (unexpected PDF writer)');
  const pagesRef = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  if (!pagesRef) throw new Error('PDF catalog has no /Pages');
  const pageOrder = new Map<number, number>();
  const walk = (objectNumber: number) => {
    const body = objects.get(objectNumber);
    if (body === undefined) throw new Error(`PDF object ${objectNumber} not found`);
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
      for (const kid of kids?.[1]!.matchAll(/(\d+)\s+0\s+R/g) ?? []) walk(Number(kid[1]));
    } else {
      pageOrder.set(objectNumber, pageOrder.size + 1);
    }
  };
  walk(Number(pagesRef[1]));

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

/** Object number → text between `N 0 obj` and `endobj` (streams included, unread). */
function indexObjects(text: string): Map<number, string> {
  const objects = new Map<number, string>();
  const header = /(?:^|[\r\n])(\d+)\s+0\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    // Only the dictionary part matters; cut before a stream's bytes.
    const body = text.slice(start, end);
    const stream = body.indexOf('stream');
    objects.set(Number(match[1]), stream >= 0 ? body.slice(0, stream) : body);
    header.lastIndex = end;
  }
  return objects;
}

/** PDF name escapes: `#2E` → `.`. */
function decodeName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
