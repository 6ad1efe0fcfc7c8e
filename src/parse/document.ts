import type { Code, Link, Definition, Image, Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Range } from '../diagnostics/types.ts';
import type { Report } from '../diagnostics/report.ts';
import { closest } from '../names/suggest.ts';
import { pointRange } from './positions.ts';
import { CROSS_REFERENCE, referenceName } from './reference-syntax.ts';
import { measureProse, type SureFence } from './prose-guard.ts';
import { parseYaml, type YamlData } from './yaml-block.ts';

export const BLOCK_KINDS = ['constants', 'enum', 'flags', 'struct', 'union', 'features', 'device', 'hypercalls', 'protocol', 'registers', 'requirements', 'example'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface ParsedBlock {
  kind: BlockKind;
  /** Range of the kind word in the fence's info string. */
  kindRange: Range;
  /** Range of the whole fenced block. */
  range: Range;
  yaml: YamlData;
}

export type ParsedBodyPart = { part: 'prose'; markdown: string; line: number } | { part: 'block'; index: number };

/** One document after parsing: plain data (serialisable for the cache), positions in file terms. */
export interface ParsedDocument {
  file: string;
  frontMatter: YamlData | null;
  frontMatterRange: Range;
  blocks: ParsedBlock[];
  body: ParsedBodyPart[];
  /** `[[name]]` cross-references in prose. */
  references: { name: string; range: Range }[];
  /** Upper-case RFC 2119 keywords in prose. */
  keywords: { word: string; range: Range }[];
  /** Link and image targets in prose. */
  links: { url: string; range: Range }[];
}

// Parsing uses only what check needs: CommonMark. Tables and autolinks matter only to the
// published spec, which parses prose again with the GFM extensions it renders.
const markdown = unified().use(remarkParse);

const KEYWORD = /\b(MUST NOT|MUST|REQUIRED|SHALL NOT|SHALL|SHOULD NOT|SHOULD|NOT RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)\b/g;

/** Markdown text of a standard → its front matter, blocks and prose; problems go to `report`. */
export function parseDocument(text: string, file: string, report: Report): ParsedDocument | null {
  const lines = text.split('\n');
  if (!/^---\s*$/.test(lines[0] ?? '')) {
    // One column wide, or none when the first line is empty: the range stays inside the line (found by the fuzzer).
    report.add('HV1010', file, pointRange(1, 1, Math.min(1, lines[0]?.length ?? 0)), 'The document does not start with front matter.',
      { hint: 'Start the file with a `---` line, the keys spec, title, version and status, and a closing `---` line.' });
    return null;
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i]!)) { close = i; break; }
  if (close < 0) {
    report.add('HV1011', file, pointRange(1, 1, 3), 'The front matter is never closed.', { hint: 'Add a `---` line after the last front matter key.' });
    return null;
  }
  const frontMatterRange: Range = { start: { line: 1, column: 1 }, end: { line: close + 1, column: 4 } };
  const frontMatter = parseYaml(lines.slice(1, close).join('\n'), { file, line: 2, indent: 0 }, report);

  // Deterministic limits on the shapes that make the Markdown parser super-linear (prose-guard.ts).
  const { problem, fences } = measureProse(text, close + 2);
  if (problem) {
    report.add('HV1014', file, pointRange(problem.line, 1), `Prose is too complex to parse safely: ${problem.reason}.`,
      { hint: 'Simplify the paragraph; real prose never needs this.' });
    return null;
  }
  const { prose, lineOf, codes } = withoutSureFences(lines, close, fences);
  const tree = markdown.parse(prose) as Root;
  mapLines(tree, lineOf);
  insertCodes(tree, codes);

  const doc: ParsedDocument = { file, frontMatter, frontMatterRange, blocks: [], body: [], references: [], keywords: [], links: [] };
  const lineOffsets = offsetsOfLines(prose);
  const rangeInFile = (offset: number, length: number): Range => {
    const r = rangeAt(lineOffsets, offset, length);
    return { start: { line: lineOf[r.start.line - 1]!, column: r.start.column }, end: { line: lineOf[r.end.line - 1]!, column: r.end.column } };
  };
  let proseFrom = close + 2; // 1-based line where the current prose part starts
  const pushProse = (untilLine: number): void => {
    const slice = lines.slice(proseFrom - 1, untilLine - 1).join('\n');
    if (slice.trim() !== '') doc.body.push({ part: 'prose', markdown: slice, line: proseFrom });
  };

  // Iterative walk (an explicit stack), in document order.
  const stack: Nodes[] = [...(tree.children as Nodes[])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code') {
      const block = readBlock(node, lines, file, report);
      if (block !== undefined) {
        pushProse(node.position!.start.line);
        proseFrom = node.position!.end.line + 1;
        if (block !== null) {
          doc.body.push({ part: 'block', index: doc.blocks.length });
          doc.blocks.push(block);
        }
      }
      continue;
    }
    if (node.type === 'inlineCode' || node.type === 'html') continue;
    if (node.type === 'text') {
      const start = node.position!.start.offset!;
      const raw = prose.slice(start, node.position!.end.offset!);
      for (const match of raw.matchAll(CROSS_REFERENCE)) {
        doc.references.push({ name: referenceName(match[1]!), range: rangeInFile(start + match.index!, match[0].length) });
      }
      for (const match of raw.matchAll(KEYWORD)) {
        doc.keywords.push({ word: match[1]!, range: rangeInFile(start + match.index!, match[0].length) });
      }
      continue;
    }
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const target = node as Link | Image | Definition;
      const p = node.position!;
      doc.links.push({ url: target.url, range: { start: { line: p.start.line, column: p.start.column }, end: { line: p.end.line, column: p.end.column } } });
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  pushProse(lines.length + 1);
  return doc;
}

/**
 * A fenced block: undefined when it is not an hvspec block (ordinary code), null when it is one
 * but unusable (reported), else the parsed block.
 */
function readBlock(node: Code, lines: string[], file: string, report: Report): ParsedBlock | null | undefined {
  if (node.lang !== 'hvspec') return undefined;
  const start = node.position!.start;
  const end = node.position!.end;
  const openingLine = lines[start.line - 1]!;
  // The fence may sit inside a list item or a block quote: its column, not the line start, is where it begins.
  const opening = openingLine.slice(start.column - 1);
  const fence = /^(`{3,}|~{3,})/.exec(opening)?.[1] ?? '```';
  const range: Range = { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } };
  if (!isClosed(node, lines, fence)) {
    report.add('HV1012', file, { start: range.start, end: { line: start.line, column: openingLine.length + 1 } },
      'This hvspec block is never closed; it runs to the end of its list item, block quote or file.', { hint: `Close it with a line holding ${fence}.` });
    return null;
  }
  const kind = (node.meta ?? '').trim().split(/\s+/)[0] ?? '';
  const kindColumn = openingLine.indexOf(kind, start.column - 1 + opening.indexOf('hvspec') + 6) + 1;
  const kindRange: Range = kind ? { start: { line: start.line, column: kindColumn }, end: { line: start.line, column: kindColumn + kind.length } }
    : { start: range.start, end: { line: start.line, column: openingLine.length + 1 } };
  if (!(BLOCK_KINDS as readonly string[]).includes(kind)) {
    const guess = closest(kind, BLOCK_KINDS);
    report.add('HV1013', file, kindRange, kind ? `Unknown block kind "${kind}".` : 'The hvspec block names no kind.',
      { hint: guess ? `Did you mean "${guess}"?` : `Kinds are: ${BLOCK_KINDS.join(', ')}.` });
    return null;
  }
  // The parser has already removed container prefixes (`> `, list indentation) and the fence's
  // own indentation from the content; each line's removed width maps YAML columns back to the file.
  const content = node.value;
  if (content.trim() === '') {
    report.add('HV2005', file, range, `The ${kind} block is empty.`, { hint: 'Write the keys of the block as a YAML mapping.' });
    return null;
  }
  const indents = content.split('\n').map((line, i) => {
    const fileLine = lines[start.line + i] ?? '';
    return fileLine.endsWith(line) ? fileLine.length - line.length : start.column - 1;
  });
  const yaml = parseYaml(content, { file, line: start.line + 1, indent: start.column - 1, indents }, report);
  if (!yaml) return null;
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    report.add('HV2005', file, range, `The ${kind} block must be a YAML mapping, not ${Array.isArray(yaml.data) ? 'a list' : 'a single value'}.`,
      { hint: 'Write the keys of the block (see docs/format.md).' });
    return null;
  }
  return { kind: kind as BlockKind, kindRange, range, yaml };
}

/**
 * Did a closing fence end this code node? An unclosed fence runs to the end of its container (or
 * the file) and its last line is content; a closed one ends on a line of only the fence characters,
 * after any container prefix, at least as long as the opening fence.
 */
function isClosed(node: Code, lines: string[], fence: string): boolean {
  const { start, end } = node.position!;
  if (end.line <= start.line) return false;
  const contentLines = node.value === '' ? 0 : node.value.split('\n').length;
  if (contentLines >= end.line - start.line) return false;
  const closing = new RegExp(`^[ \\t>]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return closing.test(lines[end.line - 1] ?? '');
}

/**
 * The text handed to the Markdown parser: the front matter blanked (so line numbers stay file line
 * numbers) and every fence the prose guard is sure of (at column 1, outside HTML: always a
 * top-level block) replaced by one blank line, which separates the blocks around it as the fence
 * did. Those fences become code nodes here, directly: the parser would spend some 25 KB per fence
 * and 3 KB per line of it (a chain of 10,000 structs peaked over 500 MB, nearly all of it there).
 * `lineOf[i]` is the file line of the parser's line i + 1.
 */
function withoutSureFences(lines: string[], close: number, fences: SureFence[]): { prose: string; lineOf: number[]; codes: Code[] } {
  const kept: string[] = [];
  const lineOf: number[] = [];
  const codes: Code[] = [];
  for (let i = 0; i <= close; i++) { kept.push(''); lineOf.push(i + 1); }
  let f = 0;
  for (let i = close + 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const fence = fences[f];
    if (fence && lineNo === fence.open) {
      f++;
      const opening = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]!)!;
      const info = opening[2]!.trim();
      // Escapes and entities in the info string are the parser's to decode: leave such a fence to it.
      if (!/[\\&]/.test(info)) {
        const space = info.search(/\s/);
        codes.push({
          type: 'code', lang: info === '' ? null : space < 0 ? info : info.slice(0, space), meta: space < 0 ? null : info.slice(space).trim() || null,
          value: lines.slice(fence.open, fence.close - 1).join('\n'),
          position: { start: { line: fence.open, column: 1 }, end: { line: fence.close, column: lines[fence.close - 1]!.length + 1 } },
        });
        kept.push('');
        lineOf.push(lineNo);
        i = fence.close - 1;
        continue;
      }
    }
    kept.push(lines[i]!);
    lineOf.push(lineNo);
  }
  return { prose: kept.join('\n'), lineOf, codes };
}

/** The fences read directly, put back among the top-level blocks in line order. */
function insertCodes(tree: Root, codes: Code[]): void {
  if (codes.length === 0) return;
  const merged: Root['children'] = [];
  let c = 0;
  for (const child of tree.children) {
    while (c < codes.length && codes[c]!.position!.start.line < child.position!.start.line) merged.push(codes[c++]!);
    merged.push(child);
  }
  while (c < codes.length) merged.push(codes[c++]!);
  tree.children = merged;
}

/** Positions from the parser's lines to file lines (offsets stay the parser's). */
function mapLines(tree: Root, lineOf: number[]): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position) {
      node.position.start.line = lineOf[node.position.start.line - 1] ?? node.position.start.line;
      node.position.end.line = lineOf[node.position.end.line - 1] ?? node.position.end.line;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

function offsetsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function rangeAt(starts: number[], offset: number, length: number): Range {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
  }
  const column = offset - starts[lo]! + 1;
  return { start: { line: lo + 1, column }, end: { line: lo + 1, column: column + length } };
}
