/**
 * The full-text search index: one MiniSearch index over section titles and prose, normative
 * statements (id and text) and every defined symbol, built once at build time and written to ONE
 * file, `search-index.js`, that every page loads (a script that sets a global, not a fetch: fetch
 * is refused from file://). The browser half is assets/site.js; it loads the index with the
 * options stored beside it, so the two cannot disagree.
 */
import { walkFields } from '../../src/model/fields.ts';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import type { Model } from '../../src/model/types.ts';
import { specPage } from './anchors.ts';
import type { SectionText } from './document.ts';
import { jsonForScript, plainText } from './helpers.ts';
import type { Symbols } from './xref.ts';

/** One searchable thing. `name` is a symbol or statement id (boosted), `title` what a result shows. */
interface SearchDocument {
  id: number;
  name: string;
  title: string;
  text: string;
  kind: string;
  /** Index into `specs`. */
  spec: number;
  href: string;
}

export const SEARCH_OPTIONS = {
  fields: ['name', 'title', 'text'],
  storeFields: ['title', 'kind', 'spec', 'href', 'name'],
};

/** The MiniSearch library as the browser build (UMD: sets `MiniSearch`), shipped as `minisearch.js`. */
export function miniSearchBrowserBuild(): string {
  const main = createRequire(import.meta.url).resolve('minisearch');
  return readFileSync(join(dirname(main), '..', 'umd', 'index.js'), 'utf8');
}

/** Plain words of a doc or statement: `[[x]]` becomes `x`, Markdown punctuation goes. */
function words(markdown: string): string {
  return markdown.replace(/\[\[\s*([^\]]*?)\s*\]\]/g, '$1').replace(/`|\*{1,3}/g, '').replace(/\s+/g, ' ').trim();
}

/** The doc string of every definition, by its symbol key (xref.ts), so a definition is found by what it does. */
function docStrings(model: Model): Map<string, string> {
  const docs = new Map<string, string>();
  const put = (key: string, doc: string) => {
    if (doc && !docs.has(key)) docs.set(key, doc);
  };
  for (const spec of model.specs) {
    for (const g of spec.constants) {
      put(g.name, g.doc);
      for (const c of g.constants) put(c.name, c.doc);
    }
    for (const e of spec.enums) {
      put(e.name, e.doc);
      for (const v of e.values) put(v.name, v.doc);
    }
    for (const f of spec.flags) {
      put(f.name, f.doc);
      for (const flag of f.flags) put(flag.name, flag.doc);
    }
    for (const st of spec.structs) {
      put(st.name, st.doc);
      for (const { field, path } of walkFields(st.fields)) if (!field.anonymous) put(`${st.name}.${path}`, field.doc);
    }
    for (const set of spec.features) {
      put(set.name, set.doc);
      for (const f of set.features) put(f.name, f.doc);
    }
    for (const d of spec.devices) {
      put(`device:${d.name}`, d.doc);
      for (const f of d.features) put(f.name, f.doc);
    }
    for (const h of spec.hypercalls) {
      put(h.name, h.doc);
      for (const fn of h.functions) put(`${h.name}.${fn.name}`, fn.doc);
    }
    for (const p of spec.protocols) put(p.name, p.doc);
  }
  return docs;
}

export function searchIndexScript(model: Model, symbols: Symbols, sections: Map<string, SectionText[]>): string {
  const specs: [string, string][] = model.specs.map((s) => [s.id, plainText(s.title)]);
  const specIndex = new Map(model.specs.map((s, i) => [s.id, i]));
  const documents: SearchDocument[] = [];
  const add = (doc: Omit<SearchDocument, 'id'>) => documents.push({ id: documents.length, ...doc });
  model.specs.forEach((spec, i) => {
    const page = specPage(spec.id);
    add({ name: spec.id, title: plainText(spec.title), text: '', kind: 'standard', spec: i, href: page });
    for (const section of sections.get(spec.id) ?? []) {
      add({ name: '', title: section.title || plainText(spec.title), text: section.text, kind: 'section', spec: i, href: section.id ? `${page}#${section.id}` : page });
    }
    for (const r of spec.requirements) {
      add({ name: r.id, title: r.id, text: words(r.text), kind: `${r.level} (${r.role})`, spec: i, href: `${page}#req-${r.id}` });
    }
  });
  const docs = docStrings(model);
  for (const [key, target] of symbols) {
    if (key.startsWith('spec:') || key.startsWith('req:') || (target.kind === 'device' && !key.startsWith('device:'))) continue;
    const spec = specIndex.get(target.spec) ?? 0;
    add({ name: target.name, title: target.name, text: words(docs.get(key) ?? ''), kind: target.kind, spec, href: `${specPage(target.spec)}${target.anchor ? `#${target.anchor}` : ''}` });
  }
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  index.addAll(documents);
  const data = { options: SEARCH_OPTIONS, specs, index: index.toJSON() };
  return `// hvspec search index (generated): loaded by every page, read by site.js.\nwindow.HVSPEC_SEARCH = ${jsonForScript(data)};\n`;
}
