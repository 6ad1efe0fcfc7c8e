/**
 * The site: index of standards, one page per standard, the identifier index. Pages are
 * self-contained (inline CSS and script, no network requests) and locked down by a
 * Content-Security-Policy that allows only the page's own style and script (by hash).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Model, Spec } from '../../src/model/types.ts';
import { specPage } from './anchors.ts';
import { buildSpecDocument, type Definition, type SectionText, type TocEntry } from './document.ts';
import { el, plainText, raw, type Html } from './helpers.ts';
import type { RootContent } from 'mdast';
import type { Edition, EditionDate } from './edition.ts';
import { parseMarkdown, renderBlocks, renderInline, type ReferenceLog, type ReferenceSource } from './markdown.ts';
import { miniSearchBrowserBuild, searchIndexScript } from './search.ts';
import { collectSymbols, hrefOf, type Symbols } from './xref.ts';

export const SITE_TITLE = 'Hypervisor interface standards';

const asset = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
export const SITE_CSS = asset('./assets/site.css');
const SITE_JS = asset('./assets/site.js');
const MINISEARCH_JS = miniSearchBrowserBuild();
const pageTemplate = Handlebars.compile(asset('./templates/page.hbs'), { strict: true, noEscape: false });

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${sha256(SITE_CSS)}'`,
  // The site's own script files (site.js, minisearch.js, search-index.js; 'self' also holds on file://); no inline script.
  "script-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CHANGES_PAGE = 'changes.html';

/** One standard's edition facts for its title block. */
export interface SpecEdition {
  date: EditionDate | null;
  /** The changes chapter's title ("Changes since v1.0.0"). */
  changes: string;
}

export interface SitePage {
  path: string;
  html: string;
}

/** `edition` (dates, changes since the last release) comes from git and the environment; without it the pages omit both. */
export function renderSite(model: Model, edition?: Edition): SitePage[] {
  const symbols = collectSymbols(model);
  const changesTitle = edition ? (edition.changes.tag ? `Changes since ${edition.changes.tag}` : 'Changes') : null;
  const footer = changesTitle ? el('footer', { class: 'site-footer' }, el('a', { href: CHANGES_PAGE }, changesTitle), ' \u00b7 published with hvspec').html : '';
  const page = (title: string, content: Html, options: { toc?: Html; spec?: Spec } = {}) =>
    pageTemplate({
      title,
      siteTitle: SITE_TITLE,
      csp: CSP,
      css: SITE_CSS,
      footer,
      toc: options.toc?.html ?? '',
      content: content.html,
      draft: options.spec?.status === 'draft',
      deprecated: options.spec?.status === 'deprecated',
    });
  const pages: SitePage[] = [{ path: 'index.html', html: page(SITE_TITLE, indexContent(model)) }];
  const sections = new Map<string, SectionText[]>();
  const references: ReferenceLog = new Map();
  for (const spec of model.specs) {
    const { header, body, toc, preamble, sections: text } = renderSpecPage(spec, symbols, false, references, edition && { date: edition.dates.get(spec.id) ?? null, changes: changesTitle! });
    sections.set(spec.id, text);
    pages.push({ path: specPage(spec.id), html: page(`${plainText(spec.title)} ${spec.version}`, raw(header.html + body.html), { toc: tocHtml(toc, true, preamble), spec }) });
  }
  pages.push({ path: 'identifiers.html', html: page(`Identifiers · ${SITE_TITLE}`, identifierIndex(symbols, model)) });
  if (edition) pages.push({ path: CHANGES_PAGE, html: page(`${changesTitle} · ${SITE_TITLE}`, changesContent(edition, symbols)) });
  // Every page is rendered, so every reference is known: fill the "Referenced by" panels.
  const titles = new Map(model.specs.map((s) => [s.id, plainText(s.title)]));
  for (const p of pages) {
    const from = p.path.endsWith('.html') ? p.path.slice(0, -5) : null;
    p.html = p.html.replace(/<!--hvspec-refs:([A-Za-z0-9_.:-]*)-->/g, (_all, key: string) => referencesPanel(references.get(key) ?? [], from, titles).html);
  }
  // Shared by every page, loaded by site.js (the index only when the search box is used).
  pages.push({ path: 'site.js', html: SITE_JS });
  pages.push({ path: 'minisearch.js', html: MINISEARCH_JS });
  pages.push({ path: 'search-index.js', html: searchIndexScript(model, symbols, sections) });
  return pages;
}

/** Title block and content of one standard; `book` links only within the spec (a PDF of one standard). */
export function renderSpecPage(
  spec: Spec,
  symbols: Symbols,
  book: boolean,
  references?: ReferenceLog,
  edition?: SpecEdition,
): { header: Html; body: Html; toc: TocEntry[]; preamble: Definition[]; sections: SectionText[] } {
  const context = { symbols, spec: spec.id, samePageOnly: book, references };
  const document = buildSpecDocument(spec, context);
  const header = el(
    'header',
    { class: 'spec-header' },
    el('h1', { class: 'spec-title' }, plainText(spec.title)),
    document.subtitle ? el('p', { class: 'subtitle' }, document.subtitle) : null,
    specFacts(spec, symbols, book, edition),
  );
  return { header, body: document.content, toc: document.toc, preamble: document.preamble, sections: document.sections };
}

function specFacts(spec: Spec, symbols: Symbols, book: boolean, edition?: SpecEdition): Html {
  const entries: [string, Html | string][] = [
    ['Identifier', el('code', {}, spec.id)],
    ['Version', spec.version],
    ['Status', el('span', { class: `status status-${spec.status}` }, spec.status)],
  ];
  if (edition) {
    entries.push(['Date', edition.date ? `${edition.date.date} (${edition.date.from === 'SOURCE_DATE_EPOCH' ? 'SOURCE_DATE_EPOCH' : 'last commit of the document'})` : 'not committed yet']);
    entries.push(['Changes', el('a', { href: CHANGES_PAGE }, edition.changes)]);
  }
  if (spec.editors.length) entries.push(['Editors', spec.editors.map(plainText).join('; ')]);
  if (spec.license) entries.push(['Licence', el('code', {}, spec.license)]);
  if (spec.requires.length) {
    entries.push([
      'Requires',
      raw(
        spec.requires
          .map((id) => {
            const target = symbols.get(`spec:${id}`);
            const href = target ? hrefOf(target, spec.id, book) : null;
            return href ? el('a', { href }, el('code', {}, id)).html : el('code', {}, id).html;
          })
          .join(', '),
      ),
    ]);
  }
  if (spec.sources.length) {
    entries.push([
      'Sources',
      raw(
        spec.sources
          .map((s) => {
            const title = plainText(s.title);
            if (s.ref && /^https?:\/\//i.test(s.ref)) return el('a', { href: s.ref }, title).html;
            return el('span', {}, s.ref ? `${title} (${plainText(s.ref)})` : title).html;
          })
          .join('; '),
      ),
    ]);
  }
  return el('dl', { class: 'facts spec-facts' }, entries.map(([t, d]) => [el('dt', {}, t), el('dd', {}, d)]));
}

/**
 * The table of contents as nested lists: definitions placed before the first section (a device
 * block, a hypercall interface) first, then each section with the definitions it holds and its
 * subsections.
 */
export function tocHtml(entries: TocEntry[], withTitle: boolean, preamble: Definition[] = []): Html {
  const definitionList = (definitions: Definition[]): Html | null =>
    definitions.length
      ? el('ul', { class: 'toc-defs' }, definitions.map((d) => el('li', {}, el('a', { href: `#${d.id}`, class: 'toc-def' }, d.title))))
      : null;
  const list = (items: TocEntry[]): Html =>
    el(
      'ol',
      {},
      items.map((entry) =>
        el(
          'li',
          {},
          el('a', { href: `#${entry.id}` }, el('span', { class: 'secno' }, entry.number), entry.title),
          definitionList(entry.definitions),
          entry.children.length ? list(entry.children) : null,
        ),
      ),
    );
  return raw(
    (withTitle ? el('p', { class: 'toc-title' }, el('a', { href: '#top' }, 'Contents')).html : '') +
      (definitionList(preamble)?.html ?? '') +
      list(entries).html,
  );
}

/**
 * "Referenced by" (Bikeshed's dfn panel): every section, item and statement that mentions a
 * definition, with links; places in other standards say which. A closed <details>, so a table
 * row stays one line until a reader asks. Nothing when nothing refers to it.
 */
function referencesPanel(sources: ReferenceSource[], fromSpec: string | null, titles: Map<string, string>): Html {
  if (sources.length === 0) return raw('');
  const items = sources.map((source) => {
    const href = hrefOf({ spec: source.spec, anchor: source.anchor, kind: '', name: '' }, fromSpec);
    return el('li', {}, el('a', { href }, source.label), source.spec !== fromSpec ? el('span', { class: 'where' }, ` (${titles.get(source.spec) ?? source.spec})`) : null);
  });
  return el('details', { class: 'refs' }, el('summary', {}, `Referenced by ${sources.length}`), el('ul', {}, items));
}

/** The "Changes since vX" chapter: the changelog's Markdown, its headings kept as headings. */
function changesContent(edition: Edition, symbols: Symbols): Html {
  const changes = edition.changes;
  if (changes.tag === null) return raw(el('h1', {}, 'Changes').html + el('p', {}, changes.reason.replace(/`/g, '')).html);
  const context = { symbols, spec: null, samePageOnly: false };
  const parts: string[] = [];
  let pending: RootContent[] = [];
  const flush = () => {
    if (pending.length) parts.push(`<div class="prose">${renderBlocks(pending, context)}</div>`);
    pending = [];
  };
  for (const node of parseMarkdown(changes.markdown).children) {
    if (node.type !== 'heading') {
      pending.push(node);
      continue;
    }
    flush();
    parts.push(el(`h${Math.min(node.depth, 6)}`, {}, raw(renderInline(node.children, context))).html);
  }
  flush();
  return raw(parts.join('\n'));
}

function indexContent(model: Model): Html {
  const rows = model.specs.map((spec) =>
    el(
      'tr',
      {},
      el('td', {}, el('a', { href: specPage(spec.id) }, plainText(spec.title))),
      el('td', {}, el('code', {}, spec.id)),
      el('td', {}, spec.version),
      el('td', {}, el('span', { class: `status status-${spec.status}` }, spec.status)),
    ),
  );
  return raw(
    el('h1', {}, SITE_TITLE).html +
      el('p', {}, `${model.specs.length} standard${model.specs.length === 1 ? '' : 's'}. Every definition is listed in the `, el('a', { href: 'identifiers.html' }, 'identifier index'), '.').html +
      el('div', { class: 'table-wrap' }, el(
        'table',
        { class: 'generated standards' },
        el('caption', {}, 'Standards'),
        el('thead', {}, el('tr', {}, ['Standard', 'Identifier', 'Version', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows),
      )).html,
  );
}

/** Symbols that name a definition (not standards or statements), sorted for reading. */
function definitions(symbols: Symbols) {
  return [...symbols.entries()]
    .filter(([key, t]) => !key.startsWith('spec:') && !key.startsWith('req:') && !(t.kind === 'device' && !key.startsWith('device:')))
    .map(([, target]) => target)
    .sort((a, b) => compareNames(a.name, b.name) || compareNames(a.kind, b.kind));
}

function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function identifierIndex(symbols: Symbols, model: Model): Html {
  const titles = new Map(model.specs.map((s) => [s.id, plainText(s.title)]));
  const groups = new Map<string, ReturnType<typeof definitions>>();
  for (const target of definitions(symbols)) {
    const letter = /^[a-z]/i.test(target.name) ? target.name[0]!.toUpperCase() : '_';
    if (!groups.has(letter)) groups.set(letter, []);
    groups.get(letter)!.push(target);
  }
  const letters = [...groups.keys()];
  const parts: string[] = [
    el('h1', {}, 'Identifiers').html,
    el('p', {}, 'Every type, constant, flag, feature bit, field, device and function the standards define.').html,
    el('nav', { class: 'letters', 'aria-label': 'Letters' }, letters.map((l) => [el('a', { href: `#idx-${l}` }, l), ' '])).html,
  ];
  for (const letter of letters) {
    parts.push(el('h2', { id: `idx-${letter}` }, letter).html);
    parts.push(
      el(
        'ul',
        { class: 'identifiers' },
        groups.get(letter)!.map((t) =>
          el('li', {}, el('a', { href: hrefOf(t, null)! }, el('code', {}, t.name)), el('span', { class: 'kind' }, t.kind), el('span', { class: 'where' }, titles.get(t.spec) ?? t.spec)),
        ),
      ).html,
    );
  }
  return raw(parts.join('\n'));
}
