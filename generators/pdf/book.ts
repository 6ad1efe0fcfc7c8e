/**
 * One standard as a printable HTML document: cover, contents, the same content as the site's page,
 * an index of definitions, running heads from CSS page margin boxes. Page numbers in the contents
 * and the index are filled in after a first print (see index.ts). No scripts; the
 * Content-Security-Policy allows only the book's own stylesheet.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Spec } from '../../src/model/types.ts';
import type { Definition, TocEntry } from '../html/document.ts';
import { cssString, el, escapeHtml, plainText, raw, type Html } from '../html/helpers.ts';
import { renderSpecPage, SITE_CSS, SITE_TITLE } from '../html/site.ts';
import type { Symbols } from '../html/xref.ts';
import type { OutlineEntry } from './pdf-outline.ts';

const BOOK_CSS = readFileSync(new URL('./book.css', import.meta.url), 'utf8');

/** Element id → page number; empty before the first print. */
export type PageNumbers = ReadonlyMap<string, number>;

/** Placeholder for a page number not known yet: the number's box has a fixed width, so lines do not move. */
const UNKNOWN_PAGE = '\u2007';
export const DEFINITIONS_INDEX_ID = 'definitions-index';
/** Class of <html> during the measuring print (book.css): only headings and links are painted. */
export const MEASURING = 'measuring';
/** Attribute on each page-number box naming the element whose page it shows. */
export const PAGE_OF = 'data-page-of';

export interface Book {
  html: string;
  /** Every id whose page number the book shows. */
  targets: string[];
  /** Bookmarks: sections with their definitions, then the index of definitions. */
  outline: OutlineEntry[];
}

export function renderBook(spec: Spec, symbols: Symbols, pages: PageNumbers = new Map()): Book {
  const { header, body, toc, preamble } = renderSpecPage(spec, symbols, true);
  const title = plainText(spec.title);
  const draft = spec.status === 'draft';
  const statusLabel = spec.status === 'standard' ? 'Standard' : draft ? 'DRAFT' : 'Deprecated';
  // Running heads are static per book (Chromium has no string-set), so they are written into the CSS.
  const runningHeads = `@page { @top-left { content: ${cssString(runningTitle(title))}; } @top-right { content: ${cssString(`${spec.id} ${spec.version} \u00b7 ${statusLabel}`)}; } }`;
  const css = `${SITE_CSS}\n${BOOK_CSS}\n${runningHeads}`;
  const csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'; img-src 'none'`;

  const definitions = allDefinitions(toc, preamble);
  const targets = [...sectionIds(toc), ...definitions.map((d) => d.id)];
  if (definitions.length > 0) targets.push(DEFINITIONS_INDEX_ID);

  const cover = el(
    'section',
    { class: 'cover', 'aria-label': 'Cover' },
    el('div', { class: 'series' }, SITE_TITLE),
    header,
    el('div', { class: 'cover-status' }, draft ? el('span', { class: 'draft-stamp' }, 'DRAFT') : `${statusLabel}, version ${spec.version}`),
  );
  const contents = el(
    'nav',
    { class: 'book-toc', 'aria-label': 'Contents' },
    el('h2', { class: 'toc-heading' }, 'Contents'),
    // Items placed before the first numbered section (a device block, a hypercall interface) come first, unnumbered.
    preamble.length ? el('ol', {}, preamble.map((d) => el('li', { class: 'level-1 preamble' }, tocLine(d.id, '', d.title, pages)))) : null,
    tocList(toc, pages),
    definitions.length ? el('ol', {}, el('li', { class: 'level-1' }, tocLine(DEFINITIONS_INDEX_ID, '', 'Index of definitions', pages))) : null,
  );
  const index = definitions.length
    ? el(
        'section',
        { class: 'definitions-index' },
        el('h2', { id: DEFINITIONS_INDEX_ID }, 'Index of definitions'),
        el('ol', {}, [...definitions].sort((a, b) => byName(a, b)).map((d) => el('li', {}, tocLine(d.id, '', d.title, pages)))),
      )
    : null;
  const html =
    `<!DOCTYPE html>\n<html lang="en" class="${MEASURING}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">\n` +
    `<title>${escapeHtml(`${title} ${spec.version}`)}</title>\n<style>${css}</style>\n</head>\n<body id="top">\n` +
    (draft ? '<div class="watermark" aria-hidden="true">DRAFT</div>\n' : '') +
    `${cover.html}\n${contents.html}\n<main id="main">\n${body.html}\n${index?.html ?? ''}\n</main>\n</body>\n</html>\n`;
  return { html, targets, outline: outline(toc, preamble, definitions.length > 0) };
}

/**
 * The title as the running head shows it: whole if it fits beside the id and version (about 60
 * characters at 8.5 pt), else its part before a dash or colon, else cut at a word with an ellipsis.
 */
export const RUNNING_TITLE_MAX = 60;
export function runningTitle(title: string): string {
  if (title.length <= RUNNING_TITLE_MAX) return title;
  const head = /^(.+?)\s+(?:\u2014|\u2013|-|:)\s+/.exec(title)?.[1] ?? /^(.+?):\s/.exec(title)?.[1];
  if (head && head.length <= RUNNING_TITLE_MAX && head.length >= 12) return head;
  const cut = title.slice(0, RUNNING_TITLE_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20)).trimEnd()}\u2026`;
}

function sectionIds(toc: TocEntry[]): string[] {
  return toc.flatMap((e) => [e.id, ...sectionIds(e.children)]);
}

function allDefinitions(toc: TocEntry[], preamble: Definition[]): Definition[] {
  const walk = (entries: TocEntry[]): Definition[] => entries.flatMap((e) => [...e.definitions, ...walk(e.children)]);
  return [...preamble, ...walk(toc)];
}

/** By the name after the kind word ("struct foo" sorts under f). */
function byName(a: Definition, b: Definition): number {
  const key = (d: Definition) => d.title.slice(d.title.indexOf(' ') + 1).toLowerCase();
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
}

function tocLine(id: string, number: string, title: string, pages: PageNumbers): Html {
  return el(
    'span',
    { class: 'toc-line' },
    el('a', { href: `#${id}` }, number ? [el('span', { class: 'secno' }, number), ' '] : null, title),
    el('span', { class: 'toc-fill' }),
    el('span', { class: 'pageno', [PAGE_OF]: id }, pages.has(id) ? String(pages.get(id)) : raw(UNKNOWN_PAGE)),
  );
}

function tocList(entries: TocEntry[], pages: PageNumbers): Html {
  return el(
    'ol',
    {},
    entries.map((entry) =>
      el('li', { class: `level-${entry.level}` }, tocLine(entry.id, entry.number, entry.title, pages), entry.children.length ? tocList(entry.children, pages) : null),
    ),
  );
}

function outline(toc: TocEntry[], preamble: Definition[], withIndex: boolean): OutlineEntry[] {
  const leaf = (d: Definition): OutlineEntry => ({ title: d.title, dest: d.id, children: [] });
  const section = (e: TocEntry): OutlineEntry => ({ title: `${e.number} ${e.title}`, dest: e.id, children: [...e.definitions.map(leaf), ...e.children.map(section)] });
  const entries = [...preamble.map(leaf), ...toc.map(section)];
  if (withIndex) entries.push({ title: 'Index of definitions', dest: DEFINITIONS_INDEX_ID, children: [] });
  return entries;
}
