/**
 * Page-layout checks on a PDF read back with poppler (`pdftotext -bbox`): text past the right
 * margin, headings left at the foot of a page, pages left mostly blank before a page break that
 * is not a chapter start. Used by the corpus test on every book, and by hand (see docs/publish.md).
 */
import { execFileSync } from 'node:child_process';

export interface Word { x0: number; y0: number; x1: number; y1: number; text: string }
export interface Page { number: number; width: number; height: number; words: Word[] }

/** Millimetres to PDF points. */
export const mm = (n: number) => (n * 72) / 25.4;
/** book.css: `@page { size: A4; margin: 22mm 18mm 20mm 18mm }`. */
export const MARGIN = { top: mm(22), right: mm(18), bottom: mm(20), left: mm(18) };
const ITEM_KINDS = /^(STRUCT|UNION|ENUM|FLAGS|CONSTANTS|FEATURES|DEVICE|HYPERCALLS|FUNCTION|PROTOCOL|MESSAGE|REQUIREMENTS)$/;

export function readPages(file: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const pages: Page[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]),
      text: w[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'),
    }));
    pages.push({ number: pages.length + 1, width: Number(m[1]), height: Number(m[2]), words });
  }
  return pages;
}

/**
 * Glyphs of the draft watermark (110 pt, rotated: pdftotext may split it into "DRAF" and "T"):
 * boxes far taller than any body text, heading or diagram label.
 */
const isWatermark = (w: Word): boolean => w.text === 'DRAFT' || w.y1 - w.y0 > 40;

/** The body's words: not the running heads, the footer or the draft watermark. */
function bodyWords(page: Page): Word[] {
  return page.words.filter((w) => w.y0 >= MARGIN.top - 2 && w.y1 <= page.height - MARGIN.bottom + 2 && !isWatermark(w));
}

/** Lines of the body, top to bottom (words whose vertical centres are within 2 pt). */
export function lines(page: Page): Word[][] {
  const sorted = [...bodyWords(page)].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: Word[][] = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last && Math.abs((last[0]!.y0 + last[0]!.y1) / 2 - (w.y0 + w.y1) / 2) < 2) last.push(w);
    else out.push([w]);
  }
  return out.map((l) => l.sort((a, b) => a.x0 - b.x0));
}

/** Words whose right edge passes the right margin (1.5 pt of tolerance: a glyph's box may overhang its advance). */
export function pastRightMargin(pages: Page[]): string[] {
  const found: string[] = [];
  for (const page of pages) {
    for (const w of page.words) if (!isWatermark(w) && w.x1 > page.width - MARGIN.right + 1.5) found.push(`page ${page.number}: "${w.text}" ends at ${w.x1.toFixed(1)} pt (margin at ${(page.width - MARGIN.right).toFixed(1)})`);
  }
  return found;
}

const isHeadingLine = (line: Word[]) => ITEM_KINDS.test(line[0]!.text) || (/^\d+(\.\d+)*$/.test(line[0]!.text) && line.length > 1 && /^[A-Z]/.test(line[1]!.text) && line.at(-1)!.x1 < 420);

/** A heading (section or item) that is the last line of a page's body: its content starts overleaf. */
export function strandedHeadings(pages: Page[]): string[] {
  const found: string[] = [];
  for (const page of pages.slice(2)) {
    const body = lines(page);
    const last = body.at(-1);
    if (last && isHeadingLine(last) && page.number < pages.length) found.push(`page ${page.number}: "${last.map((w) => w.text).join(' ')}" ends the page`);
  }
  return found;
}

/**
 * Pages whose body fills less than `fill` of the text area although the next page does not begin
 * a chapter (`1 Title`, and the end matter: `Index of definitions`, `Tables and figures`): space lost to a keep-together rule.
 */
/**
 * Does `page` open with a figure (a byte-layout diagram: it never splits) about as tall as `free`,
 * the space left on the page before it, or taller? Then that page had to end early: no space was
 * lost to a rule. "About": the words' boxes miss the figure's own padding and margins (some 20%).
 */
const captionIndex = (body: Word[][]): number => body.findIndex((l) => /^Figure$/.test(l[0]!.text) && /^\d+\.$/.test(l[1]?.text ?? ''));

function figureTooTall(page: Page, free: number, following?: Page): boolean {
  const body = lines(page);
  const caption = captionIndex(body);
  if (caption < 0) {
    // A figure taller than a whole page (a union drawn member by member) starts on a fresh page
    // and runs over: `page` holds no heading and no caption, and the next page's first caption,
    // before any heading, is that figure's.
    if (following === undefined || body.some(isHeadingLine)) return false;
    const after = lines(following);
    const next = captionIndex(after);
    return next >= 0 && !after.slice(0, next).some(isHeadingLine);
  }
  if (body.slice(0, caption).some(isHeadingLine)) return false;
  const height = Math.max(...body[caption]!.map((w) => w.y1)) - MARGIN.top;
  return height > free * 0.8;
}

export function mostlyBlankPages(pages: Page[], fill = 0.6): string[] {
  const found: string[] = [];
  const area = (p: Page) => p.height - MARGIN.top - MARGIN.bottom;
  for (let i = 2; i < pages.length - 1; i++) {
    const body = lines(pages[i]!);
    const next = lines(pages[i + 1]!)[0];
    const bottom = Math.max(...body.map((l) => Math.max(...l.map((w) => w.y1))), MARGIN.top);
    const used = (bottom - MARGIN.top) / area(pages[i]!);
    const chapter = next !== undefined && ((/^\d+$/.test(next[0]!.text) && next.length > 1) || /^(Index of definitions|Tables and figures)/.test(next.map((w) => w.text).join(' ')));
    if (used < fill && !chapter && !figureTooTall(pages[i + 1]!, area(pages[i]!) * (1 - used), pages[i + 2])) found.push(`page ${pages[i]!.number}: ${(used * 100).toFixed(0)}% used before a page break that starts no chapter`);
  }
  return found;
}
