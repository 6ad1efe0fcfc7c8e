import type { Report } from '../diagnostics/report.ts';
import { fileStart, LineIndex } from '../parse/positions.ts';

export const MAX_FILE_BYTES = 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes of a standards file → text with LF line endings, or null when the file cannot be used.
 * CRLF and bare CR become LF: editors count each as one line break, so lines and columns stay
 * the positions an editor shows. A leading BOM is dropped.
 */
export function decodeSource(bytes: Uint8Array, file: string, report: Report): string | null {
  if (bytes.length > MAX_FILE_BYTES) {
    report.add('HV1002', file, fileStart(), `File is ${bytes.length} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB).`,
      { hint: 'Split the standard into several documents that require each other.' });
    return null;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = countLines(bytes, offset);
    report.add('HV1003', file, { start: { line, column: 1 }, end: { line, column: 1 } },
      `File is not valid UTF-8: invalid byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at byte offset ${offset}.`,
      { hint: 'Re-save the file as UTF-8.' });
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    report.add('HV1006', file, fileStart(), 'File is empty.', { hint: 'Add front matter with spec, title, version and status.' });
    return null;
  }
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\u202a-\u202e\u2066-\u2069]/g;
  let match: RegExpExecArray | null;
  let found = false;
  const index = new LineIndex(text);
  while ((match = bad.exec(text)) !== null) {
    const code = match[0].charCodeAt(0);
    const isBidi = code >= 0x202a;
    report.add(isBidi ? 'HV1007' : 'HV1004', file, index.range(match.index, match.index + 1),
      `${isBidi ? 'Bidirectional control' : 'Control'} character U+${code.toString(16).toUpperCase().padStart(4, '0')} in the text.`,
      { hint: 'Remove the invisible character.' });
    found = true;
    if (report.diagnostics.length > 1000) break;
  }
  return found ? null : text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    try { decoder.decode(bytes.subarray(i, i + need + 1)); } catch { return i; }
    i += need + 1;
  }
  return bytes.length - 1;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
  return line;
}
