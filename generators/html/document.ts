/**
 * One standard's content in reading order, shared by the HTML page and the PDF book: numbered
 * sections from the prose headings, the generated items where the author placed their blocks,
 * normative statements, and the generated conformance chapter.
 *
 * Numbering: when the first heading is the document's only heading of the top depth (the usual
 * `# Title` line), it names the document and is not numbered; the headings below it are numbered
 * from 1. Levels are taken relative to the shallowest numbered heading and never skip: a `####`
 * after a `##` becomes the next level down, so the page's headings are always in order.
 */
import type { Heading, RootContent } from 'mdast';
import type { ItemKind, Requirement, Role, Spec } from '../../src/model/types.ts';
import { anchor, itemAnchor } from './anchors.ts';
import { el, plainText, raw, type Html } from './helpers.ts';
import { renderItem, renderRequirements, renderStatement, permalink } from './items.ts';
import { mdastText, parseMarkdown, renderBlocks, renderInline, type LinkContext } from './markdown.ts';

export interface TocEntry {
  id: string;
  /** "2.1"; empty for unnumbered entries. */
  number: string;
  /** Plain text of the heading (escaped by whoever prints it). */
  title: string;
  /** 1 for a top-level section. */
  level: number;
  children: TocEntry[];
  /** Definitions placed in this section (before its subsections' ones), for the PDF outline. */
  definitions: Definition[];
}

/** A generated item with its own heading (struct, enum, device, hypercall function, …). */
export interface Definition {
  id: string;
  /** e.g. "struct virtio_i2c_out_hdr". */
  title: string;
}

/** A stretch of prose under one heading, for the full-text search index. */
export interface SectionText {
  /** The heading's anchor, or '' for text before the first heading. */
  id: string;
  /** "2.1 Request layout", or '' before the first heading. */
  title: string;
  text: string;
}

export interface SpecDocument {
  /** The document's own `# Title` when it differs from the front matter title, else null. */
  subtitle: string | null;
  /** Everything below the page title, in order, conformance chapter last. */
  content: Html;
  toc: TocEntry[];
  /** Definitions placed before the first section. */
  preamble: Definition[];
  /** The prose of every section, in order (search). */
  sections: SectionText[];
}

/** Roles in the order the conformance chapter lists them. */
export const ROLE_ORDER: Role[] = ['device', 'driver', 'hypervisor', 'guest', 'caller', 'callee', 'backend', 'frontend', 'firmware'];

export function buildSpecDocument(spec: Spec, context: LinkContext): SpecDocument {
  // Parse every prose part first: numbering depends on the headings of the whole document.
  const parsed = spec.body.map((part) => (part.part === 'prose' ? parseMarkdown(part.markdown).children : null));
  const headings: Heading[] = [];
  for (const nodes of parsed) for (const node of nodes ?? []) if (node.type === 'heading') headings.push(node);
  const minDepth = Math.min(...headings.map((h) => h.depth), 7);
  const atMin = headings.filter((h) => h.depth === minDepth);
  const titleHeading = atMin.length === 1 && headings[0] === atMin[0] ? headings[0] : null;
  const base = Math.min(...headings.filter((h) => h !== titleHeading).map((h) => h.depth), 7);

  const slugs = new Set<string>();
  const counters: number[] = [];
  const toc: TocEntry[] = [];
  const stack: TocEntry[] = [];
  const out: Html[] = [];
  let level = 0;
  let pending: RootContent[] = [];
  const sections: SectionText[] = [{ id: '', title: '', text: '' }];
  // Where the text being rendered sits, for "Referenced by" (the page top before any section).
  let here = { spec: spec.id, anchor: '', label: plainText(spec.title) };
  const flush = () => {
    if (pending.length > 0) {
      out.push(raw(`<div class="prose">${renderBlocks(pending, { ...context, from: here })}</div>`));
      const current = sections[sections.length - 1]!;
      current.text += `${current.text ? ' ' : ''}${pending.map((node) => mdastText(node)).join(' ').replace(/\[\[\s*([^\]]*?)\s*\]\]/g, '$1').replace(/\s+/g, ' ').trim()}`;
    }
    pending = [];
  };
  const openSection = (title: string, titleHtml: string, wanted: number, idHint: string | null): Html => {
    const next = Math.min(Math.max(wanted, 1), level + 1);
    counters.length = next;
    counters[next - 1] = (counters[next - 1] ?? 0) + 1;
    const number = counters.map((n) => n ?? 1).join('.');
    const id = idHint ?? anchor.section(uniqueSlug(title, slugs));
    const entry: TocEntry = { id, number, title, level: next, children: [], definitions: [] };
    stack.length = next - 1;
    (stack.length === 0 ? toc : stack[stack.length - 1]!.children).push(entry);
    stack.push(entry);
    level = next;
    sections.push({ id, title: `${number} ${title}`, text: '' });
    here = { spec: spec.id, anchor: id, label: `§${number} ${title}` };
    const tag = `h${Math.min(next + 1, 6)}`;
    return raw(`<${tag} id="${id}" class="section-heading"><span class="secno">${number}</span> ${titleHtml} ${permalink(id, `section ${number}`).html}</${tag}>`);
  };

  let subtitle: string | null = null;
  const preamble: Definition[] = [];
  spec.body.forEach((part, index) => {
    if (part.part === 'prose') {
      for (const node of parsed[index]!) {
        if (node.type !== 'heading') {
          pending.push(node);
          continue;
        }
        flush();
        if (node === titleHeading) {
          const text = plainText(mdastText(node)).trim();
          if (text !== spec.title.trim()) subtitle = text;
          continue;
        }
        out.push(openSection(plainText(mdastText(node)).trim(), renderInline(node.children, context), node.depth - base + 1, null));
      }
      return;
    }
    flush();
    const itemLevel = Math.min(level + 2, 6);
    if (part.part === 'item') {
      const from = { spec: spec.id, anchor: itemAnchor(part.kind, part.name), label: `${part.kind} ${part.name}` };
      const html = renderItem(spec, part.kind, part.name, { ...context, spec: spec.id, level: itemLevel, from });
      if (html) {
        out.push(html);
        (stack.length > 0 ? stack[stack.length - 1]!.definitions : preamble).push(...itemDefinitions(spec, part.kind, part.name));
      }
    } else {
      const byId = new Map(spec.requirements.map((r) => [r.id, r]));
      const items = part.ids.map((id) => byId.get(id)).filter((r): r is Requirement => r !== undefined);
      out.push(renderRequirements(items, { ...context, from: here }));
    }
  });
  flush();

  if (spec.requirements.length > 0) {
    level = 0;
    out.push(openSection('Conformance', 'Conformance', 1, anchor.conformance()));
    out.push(conformanceIntro());
    for (const [role, statements] of statementsByRole(spec)) {
      out.push(openSection(roleTitle(role), roleTitle(role), 2, anchor.conformanceRole(role)));
      out.push(
        el('ol', { class: 'requirements conformance-list' }, statements.map((r) => renderStatement(r, context, null, `#${anchor.requirement(r.id)}`))),
      );
    }
  }
  const numbered = numberTablesAndFigures(out.map((h) => h.html).join('\n'));
  let content = numbered.html;
  if (numbered.tables.length + numbered.figures.length > 0) {
    const id = 'list-of-tables-and-figures';
    toc.push({ id, number: '', title: 'Tables and figures', level: 1, children: [], definitions: [] });
    const list = (title: string, entries: Caption[]) =>
      entries.length
        ? el('h3', {}, title).html + el('ol', { class: 'captions' }, entries.map((c) => el('li', {}, el('a', { href: `#${c.id}` }, raw(c.html))))).html
        : '';
    content +=
      '\n' +
      el('h2', { id, class: 'section-heading' }, 'Tables and figures', ' ', permalink(id, 'tables and figures')).html +
      list('Tables', numbered.tables) +
      list('Figures', numbered.figures);
  }
  return { subtitle, content: raw(content), toc, preamble, sections: sections.filter((x) => x.text || x.id) };
}

interface Caption {
  id: string;
  /** "Table 3. Fields of struct x" as HTML (already escaped). */
  html: string;
}

/**
 * Every generated table and figure numbered in page order ("Table 3.", "Figure 2."), with an id
 * for the list at the end of the page. A pass over the finished HTML, so numbers follow what the
 * reader sees whichever renderer made the caption.
 */
function numberTablesAndFigures(html: string): { html: string; tables: Caption[]; figures: Caption[] } {
  const tables: Caption[] = [];
  const figures: Caption[] = [];
  const withTables = html.replace(/<table class="generated([^"]*)"><caption>([^<]*)<\/caption>/g, (_all, cls: string, caption: string) => {
    const n = tables.length + 1;
    tables.push({ id: `table-${n}`, html: `Table ${n}. ${caption}` });
    return `<table class="generated${cls}" id="table-${n}"><caption><span class="caption-number">Table ${n}.</span> ${caption}</caption>`;
  });
  const withFigures = withTables.replace(/<figure class="diagram-figure">([\s\S]*?)<figcaption>([^<]*)<\/figcaption>/g, (_all, body: string, caption: string) => {
    const n = figures.length + 1;
    figures.push({ id: `figure-${n}`, html: `Figure ${n}. ${caption}` });
    return `<figure class="diagram-figure" id="figure-${n}">${body}<figcaption><span class="caption-number">Figure ${n}.</span> ${caption}</figcaption>`;
  });
  return { html: withFigures, tables, figures };
}

/** The headings an item writes: its own, and one per function of a hypercall interface. */
function itemDefinitions(spec: Spec, kind: ItemKind, name: string): Definition[] {
  const own: Definition = { id: itemAnchor(kind, name), title: `${kind === 'features' ? 'features' : kind} ${name}` };
  if (kind !== 'hypercalls') return [own];
  const iface = spec.hypercalls.find((h) => h.name === name);
  return [own, ...(iface?.functions ?? []).map((fn) => ({ id: anchor.function(name, fn.name), title: `function ${name}.${fn.name}` }))];
}

function roleTitle(role: string): string {
  return `${role[0]!.toUpperCase()}${role.slice(1)} conformance`;
}

function conformanceIntro(): Html {
  return el(
    'p',
    { class: 'conformance-intro' },
    'An implementation conforms to this standard in a role when it satisfies every MUST and MUST NOT statement for that role. ',
    'SHOULD and SHOULD NOT statements are recommendations; MAY statements are options. Each entry links back to where the statement is made.',
  );
}

/** Every statement, grouped by role (in ROLE_ORDER), in document order within a role. */
function statementsByRole(spec: Spec): [Role, Requirement[]][] {
  const order = new Map<string, number>();
  let n = 0;
  for (const part of spec.body) if (part.part === 'requirements') for (const id of part.ids) order.set(id, n++);
  const position = (r: Requirement) => order.get(r.id) ?? Number.MAX_SAFE_INTEGER;
  const roles = [...new Set(spec.requirements.map((r) => r.role))].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return roles.map((role) => [
    role,
    spec.requirements.filter((r) => r.role === role).sort((a, b) => position(a) - position(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  ]);
}

function uniqueSlug(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 60) || 'section';
  let slug = base;
  for (let i = 1; taken.has(slug); i++) slug = `${base}-${i}`;
  taken.add(slug);
  return slug;
}
