/**
 * One standard as a printable HTML document: cover, contents (with page numbers once they are
 * known), the same content as the site's page, running heads from CSS page margin boxes. No
 * scripts; the Content-Security-Policy allows only the book's own stylesheet.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Spec } from '../../src/model/types.ts';
import type { TocEntry } from '../html/document.ts';
import { cssString, el, escapeHtml, plainText, raw, type Html } from '../html/helpers.ts';
import { renderSpecPage, SITE_CSS, SITE_TITLE } from '../html/site.ts';
import type { Symbols } from '../html/xref.ts';

const BOOK_CSS = readFileSync(new URL('./book.css', import.meta.url), 'utf8');

/** Section id → page number; empty on the first pass. */
export type PageNumbers = ReadonlyMap<string, number>;

/** Width-stable placeholder for a page number not known yet (same box as a real number). */
const UNKNOWN_PAGE = '\u2007';

export interface Book {
  html: string;
  /** Ids of the sections the contents lists (their pages are read back after the first print). */
  sectionIds: string[];
}

export function renderBook(spec: Spec, symbols: Symbols, pages: PageNumbers): Book {
  const { header, body, toc } = renderSpecPage(spec, symbols, true);
  const title = plainText(spec.title);
  const draft = spec.status === 'draft';
  const runningVersion = `${spec.id} ${spec.version} \u00b7 ${spec.status === 'standard' ? 'Standard' : draft ? 'DRAFT' : 'Deprecated'}`;
  // Running heads are static per book (Chromium has no string-set), so they are written into the CSS.
  const variables = `@page { @top-left { content: ${cssString(title)}; } @top-right { content: ${cssString(runningVersion)}; } }`;
  const css = `${SITE_CSS}\n${BOOK_CSS}\n${variables}`;
  const csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'; img-src 'none'`;
  const sectionIds: string[] = [];
  const collect = (entries: TocEntry[]) => entries.forEach((e) => (sectionIds.push(e.id), collect(e.children)));
  collect(toc);

  const cover = el(
    'section',
    { class: 'cover', 'aria-label': 'Cover' },
    el('div', { class: 'series' }, SITE_TITLE),
    header,
    el('div', { class: 'cover-status' }, draft ? el('span', { class: 'draft-stamp' }, 'DRAFT') : `${spec.status === 'standard' ? 'Standard' : 'Deprecated'}, version ${spec.version}`),
  );
  const contents = el('nav', { class: 'book-toc', 'aria-label': 'Contents' }, el('h2', { class: 'toc-heading' }, 'Contents'), tocList(toc, pages));
  const html =
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">\n` +
    `<title>${escapeHtml(`${title} ${spec.version}`)}</title>\n<style>${css}</style>\n</head>\n<body>\n` +
    (draft ? '<div class="watermark" aria-hidden="true">DRAFT</div>\n' : '') +
    `${cover.html}\n${contents.html}\n<main id="main">\n${body.html}\n</main>\n</body>\n</html>\n`;
  return { html, sectionIds };
}

function tocList(entries: TocEntry[], pages: PageNumbers): Html {
  return el(
    'ol',
    {},
    entries.map((entry) =>
      el(
        'li',
        { class: `level-${entry.level}` },
        el(
          'span',
          { class: 'toc-line' },
          el('a', { href: `#${entry.id}` }, el('span', { class: 'secno' }, entry.number), ' ', entry.title),
          el('span', { class: 'toc-fill' }),
          el('span', { class: 'pageno' }, pages.has(entry.id) ? String(pages.get(entry.id)) : raw(UNKNOWN_PAGE)),
        ),
        entry.children.length ? tocList(entry.children, pages) : null,
      ),
    ),
  );
}
