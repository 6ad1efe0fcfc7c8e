/**
 * The little PDF reading the book needs, for PDFs in the shape Skia (Chromium) writes: classic
 * `N 0 obj … endobj` objects, a classic cross-reference table and trailer, no object streams.
 * Anything else is refused with an error rather than misread.
 */

export interface PdfIndex {
  /** The whole file as latin1 text (one char per byte, so string offsets are byte offsets). */
  text: string;
  /** Object number → its dictionary text (a stream's bytes are cut off). */
  objects: Map<number, string>;
  /** The last trailer dictionary. */
  trailer: string;
  /** Byte offset of the last cross-reference table (for an incremental update's /Prev). */
  startxref: number;
  catalogNumber: number;
}

export function indexPdf(pdf: Uint8Array): PdfIndex {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const objects = new Map<number, string>();
  const header = /(?:^|[\r\n])(\d+)\s+0\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const start = match.index + match[0].length;
    let bodyEnd = text.indexOf('endobj', start);
    if (bodyEnd < 0) break;
    let body = text.slice(start, bodyEnd);
    const stream = /\bstream\r?\n/.exec(body);
    if (stream) {
      // Skip the stream's bytes by its /Length, so binary data cannot be mistaken for objects.
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(body.slice(0, stream.index));
      body = body.slice(0, stream.index);
      if (length) bodyEnd = Math.max(bodyEnd, text.indexOf('endobj', start + stream.index + stream[0].length + Number(length[1])));
    }
    objects.set(Number(match[1]), body);
    header.lastIndex = bodyEnd;
  }
  const startxrefMatch = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailerAt = text.lastIndexOf('trailer');
  if (!startxrefMatch || trailerAt < 0) throw new Error('PDF has no classic trailer (unexpected PDF writer)');
  const trailer = text.slice(trailerAt + 'trailer'.length, text.lastIndexOf('startxref'));
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
  const catalogNumber = root ? Number(root[1]) : [...objects].find(([, body]) => /\/Type\s*\/Catalog\b/.test(body))?.[0];
  if (catalogNumber === undefined || !objects.has(catalogNumber)) throw new Error('PDF has no catalog object (unexpected PDF writer)');
  return { text, objects, trailer, startxref: Number(startxrefMatch[1]), catalogNumber };
}

/** A PDF name token for `value`: bytes outside `!`–`~` and the delimiters become `#xx`. */
export function pdfName(value: string): string {
  let out = '/';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x21 || byte > 0x7e || '()<>[]{}/%#'.includes(ch) ? `#${byte.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}

/** PDF name escapes back to text: `#2E` → `.`. */
export function decodeName(name: string): string {
  return Buffer.from(name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

/** A PDF text string: UTF-16BE with a byte-order mark, as hex (safe for any title). */
export function pdfTextString(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}
