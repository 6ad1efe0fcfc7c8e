/**
 * The last step of every book: document metadata and byte-for-byte reproducibility, with pdf-lib
 * (pure JS). Chromium stamps the build clock (CreationDate, ModDate) and its user agent (Creator);
 * everything else it writes is a function of the HTML. Here the Info dictionary is rewritten from
 * the model, an XMP packet says the same for readers that look there (PDF/UA asks for it), the
 * dates come from the sources (source-date.ts) or are left out, and the /ID is a hash of the
 * finished file, so the same sources give the same bytes.
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export interface BookMetadata {
  title: string;
  /** The standard's editors, from its front matter; empty when it names none. */
  authors: string[];
  subject: string;
  keywords: string[];
  /** `hvspec <version>`. */
  creator: string;
  /** The source date, or null for none. */
  date: Date | null;
  /** BCP 47 language of the text. */
  language: string;
}

const PDF_LIB = 'pdf-lib 1.17.1';
/** Same length as the real /ID strings (16 bytes as hex), so the hash is patched in without moving a byte. */
const ID_PLACEHOLDER = '0'.repeat(32);

export async function finishPdf(pdf: Uint8Array, meta: BookMetadata): Promise<Uint8Array> {
  // No yielding to the event loop every 100 objects (pdf-lib's default): a tagged book has
  // thousands of structure objects, and the yields only stretch the wall time.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  // The Info dictionary, emptied and refilled: nothing of Chromium's (clock, user agent) survives.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const printer = info.lookup(PDFName.of('Producer'));
  // Keep the printer's name (it decides the layout) and say who finished the file.
  const producer = printer instanceof PDFString || printer instanceof PDFHexString ? `${printer.decodeText()}; ${PDF_LIB}` : PDF_LIB;
  for (const key of info.keys()) info.delete(key);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.authors.length > 0) doc.setAuthor(meta.authors.join(', '));
  doc.setSubject(meta.subject);
  if (meta.keywords.length > 0) doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(producer);
  if (meta.date) {
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
  }
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  renumberStructureIds(doc);
  const xmp = doc.context.stream(Buffer.from(xmpPacket(meta, producer), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));

  const placeholder = PDFHexString.of(ID_PLACEHOLDER);
  doc.context.trailerInfo.ID = PDFArray.withContext(doc.context);
  (doc.context.trailerInfo.ID as PDFArray).push(placeholder);
  (doc.context.trailerInfo.ID as PDFArray).push(placeholder);
  // Classic cross-reference table, no object streams: readable by the book's own reader (pdf-objects.ts).
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return withContentId(bytes);
}

/**
 * Chromium names the structure elements of a tagged PDF after its DOM node ids (`node00000112`),
 * which count every node the renderer ever made, so the same book printed after another page
 * load gets other names. They are renamed in object order (`s000001`, …), in the elements'
 * /ID, in table cells' /Headers and in the structure tree's /IDTree.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const renamed = new Map<string, string>();
  const text = (o: unknown): string | null => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null);
  const elements: PDFDict[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('StructElem')) continue;
    elements.push(object);
    const id = text(object.get(PDFName.of('ID')));
    if (id !== null && !renamed.has(id)) renamed.set(id, `s${String(renamed.size + 1).padStart(6, '0')}`);
  }
  if (renamed.size === 0) return;
  const rename = (o: unknown) => { const id = text(o); return id !== null && renamed.has(id) ? PDFString.of(renamed.get(id)!) : null; };
  for (const element of elements) {
    const id = rename(element.get(PDFName.of('ID')));
    if (id) element.set(PDFName.of('ID'), id);
    const headers = element.lookup(PDFName.of('A'));
    const attributes = headers instanceof PDFArray ? headers.asArray().map((a) => doc.context.lookup(a)) : [headers];
    for (const attribute of attributes) {
      if (!(attribute instanceof PDFDict)) continue;
      const list = attribute.lookup(PDFName.of('Headers'));
      if (list instanceof PDFArray) for (let i = 0; i < list.size(); i++) { const r = rename(list.get(i)); if (r) list.set(i, r); }
    }
  }
  // The ID tree, rebuilt as one sorted leaf (a name tree's keys must be in order).
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  const treeRef = root instanceof PDFDict ? root.get(PDFName.of('IDTree')) : undefined;
  const tree = treeRef ? doc.context.lookup(treeRef) : undefined;
  if (!(root instanceof PDFDict) || !(tree instanceof PDFDict)) return;
  const pairs: [string, unknown][] = [];
  const walk = (node: unknown, depth: number) => {
    if (!(node instanceof PDFDict) || depth > 32) return;
    const names = node.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) for (let i = 0; i + 1 < names.size(); i += 2) { const key = text(names.get(i)); if (key !== null) pairs.push([renamed.get(key) ?? key, names.get(i + 1)]); }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) { walk(doc.context.lookup(kid), depth + 1); if (kid instanceof PDFRef) kidRefs.push(kid); }
  };
  const kidRefs: PDFRef[] = [];
  walk(tree, 0);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const names = PDFArray.withContext(doc.context);
  for (const [key, value] of pairs) { names.push(PDFString.of(key)); names.push(value as PDFString); }
  const leaf = doc.context.obj({});
  leaf.set(PDFName.of('Names'), names);
  // In place of the old tree (its inner nodes deleted), so none of the old names stays in the file.
  for (const kid of kidRefs) doc.context.delete(kid);
  if (treeRef instanceof PDFRef) doc.context.assign(treeRef, leaf);
  else root.set(PDFName.of('IDTree'), doc.context.register(leaf));
}

/** Writes the hash of the file (with the placeholder in) into both /ID strings of the trailer. */
function withContentId(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const trailer = text.lastIndexOf('trailer');
  const id = text.indexOf(`/ID [ <${ID_PLACEHOLDER}> <${ID_PLACEHOLDER}> ]`, trailer);
  if (trailer < 0 || id < 0) throw new Error('pdf-lib wrote no /ID placeholder in the trailer');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32).toUpperCase();
  const out = new Uint8Array(bytes);
  for (const at of [id + '/ID [ <'.length, id + `/ID [ <${ID_PLACEHOLDER}> <`.length]) out.set(Buffer.from(hash, 'latin1'), at);
  return out;
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Info dictionary again as XMP (Dublin Core, XMP basic, PDF schema), without the packet's volatile ids. */
function xmpPacket(meta: BookMetadata, producer: string): string {
  const date = meta.date ? meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  const seq = (items: string[]) => `<rdf:Seq>${items.map((a) => `<rdf:li>${xmlText(a)}</rdf:li>`).join('')}</rdf:Seq>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    meta.authors.length > 0 ? `<dc:creator>${seq(meta.authors)}</dc:creator>` : '',
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(meta.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xmlText(meta.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreatorTool>${xmlText(meta.creator)}</xmp:CreatorTool>`,
    date ? `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>` : '',
    `<pdf:Producer>${xmlText(producer)}</pdf:Producer>`,
    meta.keywords.length > 0 ? `<pdf:Keywords>${xmlText(meta.keywords.join(', '))}</pdf:Keywords>` : '',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].filter(Boolean).join('\n');
}
