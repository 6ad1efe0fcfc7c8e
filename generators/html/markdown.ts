/**
 * Markdown from the source (prose, doc strings, requirement text) to HTML that is safe to put on a
 * page: remark → remark-rehype → link filter → rehype-sanitize (allowlist, the last transform) →
 * rehype-stringify.
 *
 * What never reaches the page: raw HTML (remark-rehype drops it), scripts, event handlers and
 * styles (not in the allowlist), `javascript:`/`data:`/`file:` and relative links (only http,
 * https and mailto survive, plus the cross-reference links made here), images (they would be
 * requests to other sites; their alt text stays), and source ids that could clobber the page's
 * own (prefixed `u-`).
 *
 * Links made here: `[[name]]` references and autolinks (every defined name written plainly, and
 * inline code that is exactly one; `\NAME` opts out). Each is recorded for "Referenced by".
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { InlineCode, Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { USER_ID_PREFIX } from './anchors.ts';
import { CROSS_REFERENCE, referenceName } from '../../src/parse/reference-syntax.ts';
import { hrefOf, type Symbols } from './xref.ts';

/** How cross-references resolve where this Markdown is shown. */
export interface LinkContext {
  symbols: Symbols;
  /** The spec whose page (or book) shows the text. */
  spec: string | null;
  /** In a single-spec PDF book, references into other specs stay plain text. */
  samePageOnly: boolean;
  /** Link defined names written without `[[ ]]` (not in headings). Default: yes. */
  autolink?: boolean;
  /** Where the text is (for "Referenced by"), and the log every link made here is written to. */
  from?: ReferenceSource;
  references?: ReferenceLog;
}

/** A place that mentions a definition: a section, an item, a statement. */
export interface ReferenceSource {
  spec: string;
  /** Anchor on the spec's page. */
  anchor: string;
  /** What a reader sees in the panel: "§2.1 Request layout", "struct virtio_i2c_out_hdr", "i2c-drv-addr". */
  label: string;
}

/** Symbol key → the places that mention it, in the order first met, without repeats. */
export type ReferenceLog = Map<string, ReferenceSource[]>;

export function recordReference(context: LinkContext, key: string): void {
  if (!context.references || !context.from) return;
  const target = context.symbols.get(key);
  // A definition's own text mentioning it is not a reference to report.
  if (!target || (target.spec === context.from.spec && target.anchor === context.from.anchor)) return;
  let list = context.references.get(key);
  if (!list) context.references.set(key, (list = []));
  if (!list.some((r) => r.spec === context.from!.spec && r.anchor === context.from!.anchor)) list.push(context.from);
}

/**
 * Names that link without `[[ ]]`: every definition's name as written (constants, types, fields
 * as `struct.field`, functions as `iface.FUNC`, feature bits, …) and requirement ids. Standards and
 * devices are only linked explicitly (their names are words: "can", "sound").
 */
const autolinkNames = new WeakMap<Symbols, Map<string, string>>();
function namesOf(symbols: Symbols): Map<string, string> {
  let names = autolinkNames.get(symbols);
  if (names) return names;
  names = new Map();
  for (const key of symbols.keys()) {
    if (key.startsWith('spec:') || key.startsWith('device:')) continue;
    names.set(key.startsWith('req:') ? key.slice(4) : key, key);
  }
  autolinkNames.set(symbols, names);
  return names;
}

/** A name-like word, optionally opted out by a backslash: `\NAME` stays plain text. */
const NAME_TOKEN = /(\\?)([A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*)/g;

/** The symbol key a word names, or null: the whole word, else its part before the first `.`. */
function autolinkKey(word: string, names: Map<string, string>): string | null {
  const whole = names.get(word);
  if (whole) return whole;
  const dot = word.indexOf('.');
  return dot > 0 ? names.get(word.slice(0, dot)) ?? null : null;
}

/** True when text holds a word that would be linked (so the plain-text shortcut cannot be taken). */
function mentionsName(text: string, symbols: Symbols): boolean {
  const names = namesOf(symbols);
  for (const match of text.matchAll(NAME_TOKEN)) if (autolinkKey(match[2]!, names)) return true;
  return false;
}

const XREF_CLASS = 'xref';
const NOLINK_CLASS = 'nolink';

/** GFM tables only (docs/format.md: "CommonMark (with GFM tables)"). */
function remarkGfmTable(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const parser = unified().use(remarkParse).use(remarkGfmTable);

export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown) as Root;
}

/** GitHub's allowlist, narrowed: no images, no inputs, web and mail links only, ids prefixed. */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => !['img', 'input', 'picture', 'source'].includes(name)),
  attributes: {
    ...defaultSchema.attributes,
    a: ['href', ['className', XREF_CLASS]],
    code: [['className', /^language-[a-z0-9-]+$/]],
    span: [['className', NOLINK_CLASS]],
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((name) => name !== 'id' && name !== 'name'),
  },
  protocols: { href: ['http', 'https', 'mailto'], cite: ['http', 'https'] },
  clobberPrefix: USER_ID_PREFIX,
  clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id', 'name'],
};

const toHtml = unified()
  .use(remarkRehype)
  .use(rehypeFilterLinks)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeWrapTables)
  .use(rehypeStringify);

/**
 * After sanitizing (it adds structure only, no user content): each table in a scroller, as the
 * generated tables are, so a wide author table scrolls inside the column instead of the page.
 */
function rehypeWrapTables() {
  return (tree: HastRoot) => {
    const visit = (parent: HastRoot | Element) => {
      const children = parent.children as HastContent[];
      children.forEach((child, i) => {
        if (child.type !== 'element') return;
        if (child.tagName === 'table') {
          children[i] = { type: 'element', tagName: 'div', properties: { className: ['table-wrap'] }, children: [child] };
          return;
        }
        visit(child);
      });
    };
    visit(tree);
  };
}

/** Plain text of mdast nodes (for headings in the table of contents, slugs and search). */
export function mdastText(node: RootContent | Root | PhrasingContent): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(mdastText).join('');
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  return '';
}

/** Blocks of Markdown as HTML. */
export function renderBlocks(nodes: RootContent[], context: LinkContext): string {
  const root: Root = { type: 'root', children: structuredClone(nodes) };
  demoteHeadings(root);
  linkCrossReferences(root, context);
  const hast = toHtml.runSync(root as never) as HastRoot;
  return toHtml.stringify(hast).trim();
}

/** Inline Markdown content (a heading's text) as HTML without a wrapping paragraph. */
export function renderInline(children: PhrasingContent[], context: LinkContext): string {
  const paragraph: Paragraph = { type: 'paragraph', children };
  // Headings keep explicit `[[ ]]` links only: a heading full of links reads badly and every
  // mention in it would repeat in the sidebar.
  return unwrapParagraph(renderBlocks([paragraph], { ...context, autolink: false }));
}

/**
 * A doc string or requirement text. One paragraph comes back inline (for a table cell); longer
 * text keeps its blocks.
 */
export function renderDoc(markdown: string, context: LinkContext): string {
  if (markdown.trim() === '') return '';
  if (isPlainText(markdown) && (context.autolink === false || !mentionsName(markdown, context.symbols))) return markdown;
  return unwrapParagraph(renderBlocks(parseMarkdown(escapeListMarkers(markdown)).children, context));
}

/**
 * A doc string is a description, never a list: a value written as `0.` or `1)`, or a line that
 * starts with `-`, `+` or `*` and a space, would otherwise become an (often empty) list item.
 */
export function escapeListMarkers(markdown: string): string {
  return markdown.replace(/^([ \t]*)(\d{1,9})([.)])(?=[ \t]|$)/gm, '$1$2\\$3').replace(/^([ \t]*)([-+*])(?=[ \t]|$)/gm, '$1\\$2');
}

/**
 * Most doc strings are one plain sentence ("Number of jacks."). When a string holds no character
 * Markdown or HTML gives a meaning to (no `*`[]<>&!#|~\`, `_` only inside snake_case words, no line
 * break, no list or heading marker at the start), the pipeline would return it unchanged, so it is returned directly: the
 * corpus has thousands of these and the pipeline costs ~0.2 ms each. Tested against the pipeline.
 */
export function isPlainText(text: string): boolean {
  return (
    /^[A-Za-z0-9(][A-Za-z0-9_ ,.;:'"()/%=+?-]*$/.test(text) &&
    !/\s$/.test(text) &&
    !/ {2}/.test(text) &&
    // `1. ` or `1) ` would start a list.
    !/^\d{1,9}[.)]( |$)/.test(text) &&
    // `_` between two letters or digits (snake_case names) can neither open nor close emphasis.
    !/(^|[^A-Za-z0-9])_|_($|[^A-Za-z0-9])/.test(text)
  );
}

function unwrapParagraph(html: string): string {
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes('<p>') ? single[1]! : html;
}

/**
 * Headings the section splitter did not take (inside quotes or lists, or in doc strings) become
 * bold paragraphs: a heading there would break the page's heading order and outline.
 */
function demoteHeadings(node: Root | RootContent): void {
  if (!('children' in node)) return;
  const children = node.children as RootContent[];
  children.forEach((child, i) => {
    if (child.type === 'heading') children[i] = { type: 'paragraph', children: [{ type: 'strong', children: child.children }] };
    else demoteHeadings(child);
  });
}

/**
 * `[[name]]` in text nodes (not code, not inside another link) becomes a link to the definition;
 * so does every defined name written plainly (autolinks), and inline code that is exactly a
 * defined name. `\\NAME` (in text or code) opts one mention out. Code blocks are never touched.
 */
function linkCrossReferences(root: Root, context: LinkContext): void {
  const visit = (node: Root | RootContent): void => {
    if (!('children' in node)) return;
    if (node.type === 'link' || node.type === 'linkReference') return;
    const children = node.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      let replaced: PhrasingContent[] | null = null;
      if (child.type === 'text') replaced = splitCrossReferences(child, context);
      else if (child.type === 'inlineCode') replaced = linkInlineCode(child, context);
      else visit(child);
      if (replaced) {
        children.splice(i, 1, ...(replaced as RootContent[]));
        i += replaced.length - 1;
      }
    }
  };
  visit(root);
}

function xrefLink(href: string, children: PhrasingContent[]): Link {
  return { type: 'link', url: href, children, data: { hProperties: { className: [XREF_CLASS] } } };
}

/** Marks an opted-out mention, so a reader's tools (and the tests) can tell it from a missed one. */
function noLink(children: PhrasingContent[]): PhrasingContent {
  return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className: [NOLINK_CLASS] } } };
}

function linkInlineCode(code: InlineCode, context: LinkContext): PhrasingContent[] | null {
  if (context.autolink === false) return null;
  const names = namesOf(context.symbols);
  if (code.value.startsWith('\\') && names.has(code.value.slice(1))) return [noLink([{ type: 'inlineCode', value: code.value.slice(1) }])];
  // Exactly a name, or a name as C writes it in running text: `struct x`, `-XEN_EINVAL`.
  const key = names.get(code.value.replace(/^(?:(?:struct|union|enum) |-)(?=[A-Za-z_])/, ''));
  if (!key) return null;
  const href = hrefOf(context.symbols.get(key)!, context.spec, context.samePageOnly);
  if (!href) return null;
  recordReference(context, key);
  return [xrefLink(href, [code])];
}

function splitCrossReferences(text: Text, context: LinkContext): PhrasingContent[] | null {
  const value = text.value;
  const out: PhrasingContent[] = [];
  let last = 0;
  const plain = (to: number) => {
    if (to > last) autolinkText(value.slice(last, to), context, out);
  };
  if (value.includes('[[')) {
    for (const match of value.matchAll(CROSS_REFERENCE)) {
      plain(match.index!);
      const key = referenceName(match[1]!);
      const target = context.symbols.get(key);
      const label = key.replace(/^(spec|device|req):/, '');
      const href = target ? hrefOf(target, context.spec, context.samePageOnly) : null;
      const code: InlineCode = { type: 'inlineCode', value: target?.kind === 'standard' ? target.name : label };
      if (target && href) {
        recordReference(context, key);
        out.push(xrefLink(href, [code]));
      } else {
        // Unknown (the checker reports it) or in another book: the name, without brackets.
        out.push(code);
      }
      last = match.index! + match[0].length;
    }
  }
  plain(value.length);
  const changed = out.length !== 1 || out[0]!.type !== 'text' || out[0]!.value !== value;
  return changed ? out : null;
}

/** Plain text with every defined name linked (and `\\NAME` kept plain, without its backslash). */
function autolinkText(value: string, context: LinkContext, out: PhrasingContent[]): void {
  if (context.autolink === false) {
    out.push({ type: 'text', value });
    return;
  }
  const names = namesOf(context.symbols);
  let last = 0;
  const text = (to: number) => {
    if (to > last) out.push({ type: 'text', value: value.slice(last, to) });
  };
  for (const match of value.matchAll(NAME_TOKEN)) {
    const backslash = match[1]!;
    const word = match[2]!;
    const start = match.index!;
    // Inside a longer word (`x-VIRTIO_F_A` is one token already; a preceding letter means mid-word).
    if (start > 0 && /[A-Za-z0-9_]/.test(value[start - 1]!)) continue;
    const key = autolinkKey(word, names);
    if (!key) continue;
    const name = names.get(word) ? word : word.slice(0, word.indexOf('.'));
    if (backslash) {
      text(start);
      out.push(noLink([{ type: 'text', value: name }]));
      last = start + backslash.length + name.length;
      continue;
    }
    const href = hrefOf(context.symbols.get(key)!, context.spec, context.samePageOnly);
    if (!href) continue;
    text(start);
    recordReference(context, key);
    out.push(xrefLink(href, [{ type: 'inlineCode', value: name }]));
    last = start + name.length;
  }
  text(value.length);
}

/**
 * Before sanitizing: a link the author wrote survives only as http(s) or mailto; images become
 * their alt text. The sanitizer enforces the same again; this step keeps the link text instead of
 * an empty anchor and drops relative and local-file links the sanitizer would let through.
 */
function rehypeFilterLinks() {
  return (tree: HastRoot) => {
    const visit = (parent: HastRoot | Element) => {
      const children = parent.children as HastContent[];
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.type !== 'element') continue;
        if (child.tagName === 'img') {
          const alt = typeof child.properties?.alt === 'string' ? child.properties.alt : '';
          children.splice(i, 1, { type: 'text', value: alt });
          continue;
        }
        if (child.tagName === 'a' && !isAllowedLink(child)) {
          children.splice(i, 1, ...(child.children as ElementContent[]));
          i -= 1;
          continue;
        }
        visit(child);
      }
    };
    visit(tree);
  };
}

function isAllowedLink(a: Element): boolean {
  const href = typeof a.properties?.href === 'string' ? a.properties.href : '';
  const classes = a.properties?.className;
  if (Array.isArray(classes) && classes.includes(XREF_CLASS)) return /^(#[\w.:-]+|[a-z0-9-]+\.html(#[\w.:-]+)?)$/.test(href);
  return /^(https?:\/\/|mailto:)/i.test(href);
}
