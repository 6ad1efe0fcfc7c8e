/**
 * The outline of one document (sections, blocks, the items of each block) from its parsed form,
 * and the corpus-wide symbol list for "go to symbol in workspace".
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { Range } from '../diagnostics/types.ts';
import type { ParsedDocument } from '../parse/document.ts';
import { toLspRange, type RootPaths } from './convert.ts';
import type { CorpusIndex, SymbolKindName } from './symbol-index.ts';

/** Arrays of a block whose elements are items worth listing, with the key that names them. */
const ITEM_LISTS: [string, string][] = [['fields', 'name'], ['values', 'name'], ['flags', 'name'], ['items', 'name'], ['items', 'id'],
  ['functions', 'name'], ['features', 'name'], ['virtqueues', 'name'], ['requests', 'name'], ['messages', 'name'], ['registers', 'name']];

const BLOCK_SYMBOL: Record<string, SymbolKind> = {
  constants: SymbolKind.Constant, enum: SymbolKind.Enum, flags: SymbolKind.Enum, struct: SymbolKind.Struct, union: SymbolKind.Struct,
  features: SymbolKind.Enum, device: SymbolKind.Class, hypercalls: SymbolKind.Interface, protocol: SymbolKind.Interface, requirements: SymbolKind.Namespace,
  registers: SymbolKind.Struct,
};

const ITEM_SYMBOL: Record<string, SymbolKind> = {
  fields: SymbolKind.Field, values: SymbolKind.EnumMember, flags: SymbolKind.EnumMember, items: SymbolKind.Constant, functions: SymbolKind.Function,
  features: SymbolKind.EnumMember, virtqueues: SymbolKind.Property, requests: SymbolKind.Event, messages: SymbolKind.Event, registers: SymbolKind.Field,
};

function lspRange(range: Range): DocumentSymbol['range'] {
  return toLspRange(range);
}

export function documentOutline(parsed: ParsedDocument): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  // Open sections by heading level; each new heading closes those at its level or deeper.
  const open: { level: number; symbol: DocumentSymbol }[] = [];
  const parentList = (): DocumentSymbol[] => (open.length > 0 ? open[open.length - 1]!.symbol.children! : top);
  const close = (level: number, endLine: number): void => {
    while (open.length > 0 && open[open.length - 1]!.level >= level) {
      const s = open.pop()!.symbol;
      s.range.end = { line: Math.max(s.range.start.line, endLine), character: 0 };
    }
  };
  let lastLine = 0;
  for (const part of parsed.body) {
    if (part.part === 'prose') {
      let fence: string | undefined;
      part.markdown.split('\n').forEach((text, i) => {
        const line = part.line + i - 1; // 0-based
        lastLine = Math.max(lastLine, line);
        const f = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
        if (f) { if (!fence) fence = f[1]; else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined; return; }
        if (fence) return;
        const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
        if (!h || h[2] === '') return;
        const level = h[1]!.length;
        close(level, line);
        const range = { start: { line, character: 0 }, end: { line, character: text.length } };
        const symbol: DocumentSymbol = { name: h[2]!, kind: SymbolKind.Namespace, range: { ...range, end: { ...range.end } }, selectionRange: range, children: [] };
        parentList().push(symbol);
        open.push({ level, symbol });
      });
      continue;
    }
    const block = parsed.blocks[part.index]!;
    lastLine = Math.max(lastLine, block.range.end.line - 1);
    const data = block.yaml.data as Record<string, unknown>;
    const name = typeof data.name === 'string' ? data.name : typeof data.section === 'string' ? data.section : block.kind;
    const nameRange = block.yaml.positions.get(typeof data.name === 'string' ? 'name' : 'section')?.value ?? block.kindRange;
    const children: DocumentSymbol[] = [];
    for (const [list, key] of ITEM_LISTS) {
      const items = data[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        const label = (item as Record<string, unknown> | null)?.[key];
        const at = block.yaml.positions.get(`${list}/${i}`)?.value;
        const labelAt = block.yaml.positions.get(`${list}/${i}/${key}`)?.value;
        if (typeof label !== 'string' || !at || !labelAt) return;
        children.push({ name: label, kind: ITEM_SYMBOL[list] ?? SymbolKind.Field, range: lspRange(at), selectionRange: lspRange(labelAt) });
      });
    }
    parentList().push({ name, detail: block.kind, kind: BLOCK_SYMBOL[block.kind] ?? SymbolKind.Object, range: lspRange(block.range), selectionRange: lspRange(nameRange), children });
  }
  close(0, lastLine + 1);
  return top;
}

const KIND: Record<SymbolKindName, SymbolKind> = {
  struct: SymbolKind.Struct, union: SymbolKind.Struct, field: SymbolKind.Field, enum: SymbolKind.Enum, 'enum value': SymbolKind.EnumMember,
  'flag set': SymbolKind.Enum, flag: SymbolKind.EnumMember, constant: SymbolKind.Constant, 'constant group': SymbolKind.Namespace,
  feature: SymbolKind.EnumMember, 'feature set': SymbolKind.Namespace, device: SymbolKind.Class, 'device ID': SymbolKind.Constant,
  virtqueue: SymbolKind.Property, 'hypercall interface': SymbolKind.Interface, function: SymbolKind.Function, 'function ID': SymbolKind.Constant,
  protocol: SymbolKind.Interface, requirement: SymbolKind.Key, spec: SymbolKind.Module,
};

/** Symbols whose name contains the query's characters in order (case-insensitive), as editors filter them. */
export function workspaceSymbols(index: CorpusIndex, query: string, paths: RootPaths, limit = 500): SymbolInformation[] {
  const q = query.toLowerCase();
  const matches = (name: string): boolean => {
    let i = 0;
    for (const ch of name.toLowerCase()) if (ch === q[i]) i++;
    return i === q.length;
  };
  const out: SymbolInformation[] = [];
  for (const entry of index.symbols.values()) {
    if (!entry.place || !matches(entry.qualified)) continue;
    out.push({ name: entry.qualified, kind: KIND[entry.item.kind], containerName: entry.spec.id, location: { uri: paths.uri(entry.place.file), range: toLspRange(entry.place.range) } });
    if (out.length >= limit) break;
  }
  return out;
}
