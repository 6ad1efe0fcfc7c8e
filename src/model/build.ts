import type { Report } from '../diagnostics/report.ts';
import { quote } from '../diagnostics/report.ts';
import type { Range } from '../diagnostics/types.ts';
import { closest } from '../names/suggest.ts';
import type { FrontMatterData } from '../validate/block-types.ts';
import type { ValidDocument } from '../validate/valid-document.ts';
import { buildExamples } from './build-examples.ts';
import { buildItems } from './build-items.ts';
import { SourceIndex } from './source-index.ts';
import type { BlockRef } from './symbols.ts';
import { MODEL_FORMAT, type BodyPart, type Model, type Spec } from './types.ts';

export interface SpecContext {
  spec: Spec;
  doc: ValidDocument;
  blocks: BlockRef[];
}

export interface BuildResult {
  model: Model;
  sources: SourceIndex;
}

/**
 * Typed documents → the canonical model. Resolves specs and their `requires`, then every item
 * (build-items.ts). Builds as much as it can when there are errors, so one run reports them all.
 */
export function buildModel(documents: ValidDocument[], report: Report): BuildResult {
  const sources = new SourceIndex();
  const contexts = new Map<string, SpecContext>();
  const ordered = [...documents].sort((a, b) => (a.parsed.file < b.parsed.file ? -1 : a.parsed.file > b.parsed.file ? 1 : 0));

  for (const doc of ordered) {
    if (!doc.frontMatterValid || !doc.parsed.frontMatter) continue;
    const fm = doc.parsed.frontMatter.data as FrontMatterData;
    const at = (path: string): Range => doc.parsed.frontMatter!.positions.get(path)?.value ?? doc.parsed.frontMatterRange;
    const existing = contexts.get(fm.spec);
    if (existing) {
      report.add('HV3010', doc.parsed.file, at('spec'), `Spec id ${quote(fm.spec)} is already used by ${existing.spec.file}.`,
        { hint: 'Give each standard its own `spec:` id.',
          related: [{ file: existing.spec.file, range: existing.doc.parsed.frontMatter!.positions.get('spec')?.value ?? existing.doc.parsed.frontMatterRange, message: 'first used here' }] });
      continue;
    }
    const spec: Spec = {
      id: fm.spec, title: fm.title, version: fm.version, status: fm.status,
      requires: [...(fm.requires ?? [])].sort(), editors: [...(fm.editors ?? [])], ...(fm.license !== undefined ? { license: fm.license } : {}),
      sources: (fm.sources ?? []).map((s) => (s.ref !== undefined ? { title: s.title, ref: s.ref } : { title: s.title })),
      file: doc.parsed.file, body: [],
      breaking: (fm.breaking ?? []).map((b) => ({ rule: b.rule, ...(b.item !== undefined ? { item: b.item } : {}), reason: b.reason })),
      constants: [], enums: [], flags: [], structs: [], features: [], devices: [], hypercalls: [], protocols: [], requirements: [], examples: [],
    };
    const blocks: BlockRef[] = doc.validBlocks.map((index) => {
      const b = doc.parsed.blocks[index]!;
      return { spec: fm.spec, file: doc.parsed.file, kind: b.kind, yaml: b.yaml, range: b.range, index };
    });
    contexts.set(fm.spec, { spec, doc, blocks });
  }

  const visible = checkRequires(contexts, report);
  const bodyItems = buildItems([...contexts.values()], visible, sources, report);
  for (const [key, part] of buildExamples([...contexts.values()], visible, sources, report)) bodyItems.set(key, part);

  for (const ctx of contexts.values()) {
    ctx.spec.body = ctx.doc.parsed.body.flatMap((part): BodyPart[] => {
      if (part.part === 'prose') return [part];
      const item = bodyItems.get(`${ctx.spec.id}#${part.index}`);
      return item ? [item] : [];
    });
  }
  const specs = [...contexts.values()].map((c) => c.spec).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { model: { hvspecModel: MODEL_FORMAT, specs }, sources };
}

/**
 * Report unknown specs and cycles in `requires`; return a visibility test. Walks are iterative,
 * so a chain of 10,000 documents works without deep recursion.
 */
function checkRequires(contexts: Map<string, SpecContext>, report: Report): (from: string, to: string) => boolean {
  const edges = new Map<string, string[]>();
  for (const ctx of contexts.values()) {
    const fm = ctx.doc.parsed.frontMatter!;
    const known: string[] = [];
    // The front matter's own order, so each position points at the entry as written.
    ((fm.data as FrontMatterData).requires ?? []).forEach((id, i) => {
      if (contexts.has(id)) { known.push(id); return; }
      const guess = closest(id, contexts.keys());
      report.add('HV3003', ctx.spec.file, fm.positions.get(`requires/${i}`)?.value ?? ctx.doc.parsed.frontMatterRange,
        `No document defines the spec ${quote(id)}.`, { hint: guess ? `Did you mean "${guess}"?` : 'Check the `spec:` id of the document you mean.' });
    });
    edges.set(ctx.spec.id, known);
  }
  // Cycle detection: iterative depth-first search with colours.
  const state = new Map<string, 1 | 2>();
  for (const start of [...contexts.keys()].sort()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = edges.get(top.id)!;
      if (top.next >= targets.length) { state.set(top.id, 2); stack.pop(); continue; }
      const target = targets[top.next++]!;
      const s = state.get(target);
      if (s === 1) {
        const cycle = [...stack.slice(stack.findIndex((f) => f.id === target)).map((f) => f.id), target];
        const ctx = contexts.get(top.id)!;
        const i = ((ctx.doc.parsed.frontMatter!.data as FrontMatterData).requires ?? []).indexOf(target);
        report.add('HV3004', ctx.spec.file, ctx.doc.parsed.frontMatter!.positions.get(`requires/${i}`)?.value ?? ctx.doc.parsed.frontMatterRange,
          `Specs require each other in a cycle: ${cycle.join(' → ')}.`, { hint: 'Move the shared definitions into a spec that both require.' });
      } else if (s === undefined) {
        state.set(target, 1);
        stack.push({ id: target, next: 0 });
      }
    }
  }
  const memo = new Map<string, boolean>();
  return (from, to) => {
    if (from === to) return true;
    const key = `${from}\u0000${to}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const seen = new Set([from]);
    const queue = [from];
    let found = false;
    while (queue.length > 0 && !found) {
      for (const next of edges.get(queue.shift()!) ?? []) {
        if (next === to) { found = true; break; }
        if (!seen.has(next)) { seen.add(next); queue.push(next); }
      }
    }
    memo.set(key, found);
    return found;
  };
}
