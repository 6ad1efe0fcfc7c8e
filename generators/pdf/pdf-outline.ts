/**
 * Bookmarks (the PDF outline) added to a Chromium PDF by an incremental update: new outline
 * objects, a new version of the catalog pointing at them, and a cross-reference section chained
 * to the original by /Prev (PDF 1.7, §7.5.6). The original bytes are kept unchanged.
 *
 * Why not `page.pdf({ outline: true })`: Chromium builds that outline only for tagged PDFs, and
 * tagging doubled the print time here (docs/publish.md), which the < 15 s budget for the corpus
 * cannot afford. Outline entries point at the named destinations the book's links create.
 */
import { indexPdf, pdfName, pdfTextString } from './pdf-objects.ts';

export interface OutlineEntry {
  title: string;
  /** A named destination (an element id the book links to). */
  dest: string;
  children: OutlineEntry[];
}

/** Top-level entries open, deeper ones closed (a reader sees the chapters, expands the rest). */
export function addOutline(pdf: Uint8Array, entries: OutlineEntry[]): Uint8Array {
  if (entries.length === 0) return pdf;
  const index = indexPdf(pdf);
  const size = Number(/\/Size\s+(\d+)/.exec(index.trailer)?.[1] ?? NaN);
  if (!Number.isInteger(size)) throw new Error('PDF trailer has no /Size');

  // Number every entry depth-first; the outline root is `size`.
  const numbered = new Map<OutlineEntry, number>();
  let next = size + 1;
  const assign = (list: OutlineEntry[]) => list.forEach((e) => (numbered.set(e, next++), assign(e.children)));
  assign(entries);
  const rootNumber = size;
  const objects: [number, string][] = [];
  const emit = (list: OutlineEntry[], parent: number, open: boolean) => {
    list.forEach((entry, i) => {
      const parts = [`/Title ${pdfTextString(entry.title)}`, `/Parent ${parent} 0 R`, `/Dest ${pdfName(entry.dest)}`];
      if (i > 0) parts.push(`/Prev ${numbered.get(list[i - 1]!)} 0 R`);
      if (i < list.length - 1) parts.push(`/Next ${numbered.get(list[i + 1]!)} 0 R`);
      if (entry.children.length > 0) {
        parts.push(`/First ${numbered.get(entry.children[0]!)} 0 R`, `/Last ${numbered.get(entry.children.at(-1)!)} 0 R`);
        // Positive: open with that many visible descendants; negative: closed (PDF 1.7, table 153).
        parts.push(`/Count ${open ? entry.children.length : -entry.children.length}`);
      }
      objects.push([numbered.get(entry)!, `<<${parts.join('\n')}>>`]);
      emit(entry.children, numbered.get(entry)!, false);
    });
  };
  emit(entries, rootNumber, true);
  const visible = entries.length + entries.reduce((n, e) => n + e.children.length, 0);
  objects.unshift([rootNumber, `<</Type /Outlines\n/First ${numbered.get(entries[0]!)} 0 R\n/Last ${numbered.get(entries.at(-1)!)} 0 R\n/Count ${visible}>>`]);

  const catalog = index.objects.get(index.catalogNumber)!.trim();
  const withoutOld = catalog.replace(/\/Outlines\s+\d+\s+0\s+R/, '').replace(/\/PageMode\s*\/\w+/, '');
  const newCatalog = `${withoutOld.slice(0, withoutOld.lastIndexOf('>>'))}\n/Outlines ${rootNumber} 0 R\n/PageMode /UseOutlines>>`;
  objects.push([index.catalogNumber, newCatalog]);

  // Append the objects, then a cross-reference section with one subsection per object.
  let offset = pdf.byteLength;
  let body = pdf[pdf.byteLength - 1] === 0x0a ? '' : '\n';
  offset += body.length;
  const offsets: [number, number][] = [];
  for (const [number, dict] of objects) {
    const text = `${number} 0 obj\n${dict}\nendobj\n`;
    offsets.push([number, offset]);
    body += text;
    offset += text.length;
  }
  const xrefOffset = offset;
  body += 'xref\n';
  // One subsection per run of consecutive object numbers; every entry is exactly 20 bytes.
  const sorted = offsets.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]![0] === sorted[j]![0] + 1) j++;
    body += `${sorted[i]![0]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) body += `${String(sorted[k]![1]).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  const keep = ['Info', 'ID'].map((key) => new RegExp(`/${key}\\s*(\\d+\\s+0\\s+R|\\[[^\\]]*\\])`).exec(index.trailer)).filter((m) => m !== null).map((m) => m![0]);
  body += `trailer\n<</Size ${next}\n/Root ${index.catalogNumber} 0 R\n/Prev ${index.startxref}${keep.map((k) => `\n${k}`).join('')}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  const tail = Buffer.from(body, 'latin1');
  const out = new Uint8Array(pdf.byteLength + tail.byteLength);
  out.set(pdf, 0);
  out.set(tail, pdf.byteLength);
  return out;
}
