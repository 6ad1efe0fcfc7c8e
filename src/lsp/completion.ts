/**
 * Completion from the text around the cursor (the buffer as it is now, which may not parse) and the
 * last model: block kinds after ```` ```hvspec ````, YAML keys from the schemas, names where a block
 * names a type or an enum, `[[…]]` targets in prose, spec ids in `requires`.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { BLOCK_KINDS } from '../parse/document.ts';
import { referenceTargets } from '../model/references.ts';
import type { Model } from '../model/types.ts';
import { keysAt } from './schema-keys.ts';

const PRIMITIVES = ['u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64', 'le16', 'le32', 'le64', 'be16', 'be32', 'be64'];

/** Which names a key's value may hold. */
const VALUE_NAMES: Record<string, ('type' | 'struct' | 'enum' | 'enum-value' | 'constant')[]> = {
  type: ['type'], request: ['type'], response: ['type'], config: ['struct'], header: ['struct'], payload: ['struct'], memory: ['struct'],
  status: ['enum'], errors: ['enum'], types: ['enum'], enum: ['enum'], reply: ['struct', 'enum-value'],
};

interface Region {
  kind: string;
  /** 0-based first line of the YAML (after the fence or the opening ---). */
  first: number;
}

/** The YAML region holding `line`: the front matter, an hvspec block (its kind), or none (prose). */
function regionOf(lines: string[], line: number): Region | undefined {
  if (/^---\s*$/.test(lines[0] ?? '')) {
    let close = -1;
    for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i]!)) { close = i; break; }
    if (close < 0 || line < close) return line > 0 ? { kind: 'frontmatter', first: 1 } : undefined;
  }
  let open: { fence: string; kind: string; line: number } | undefined;
  for (let i = 0; i < line; i++) {
    const text = lines[i]!;
    if (open) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(text);
      if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) open = undefined;
      continue;
    }
    const m = /^\s*(`{3,}|~{3,})\s*(\S*)\s*(\S*)/.exec(text);
    if (m) open = { fence: m[1]!, kind: m[2] === 'hvspec' ? m[3]! : '', line: i };
  }
  return open && open.kind !== '' ? { kind: open.kind, first: open.line + 1 } : undefined;
}

/** Keys of the mappings that enclose the cursor, from indentation and flow brackets. */
function enclosingKeys(lines: string[], region: Region, line: number, prefix: string): string[] {
  const keys: string[] = [];
  // Flow mappings opened on this line: `- { name: x, ty` or `config: { a: 1, b`.
  const flowKey = /([A-Za-z_][\w-]*)\s*:\s*\{[^{}]*$/.exec(prefix);
  const dash = /^(\s*)-\s/.exec(prefix);
  const content = /^(\s*)(?:-\s+)?/.exec(prefix)![0].length;
  let limit = dash ? dash[1]!.length : content;
  let lastWasDash = dash !== null;
  for (let i = line - 1; i >= region.first; i--) {
    const text = lines[i]!;
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const m = /^(\s*)(-\s+)?(?:([A-Za-z_][\w-]*)\s*:(.*))?/.exec(text)!;
    const opensMapping = m[4] !== undefined && /^\s*(#.*)?$/.test(m[4]);
    const dashCol = m[1]!.length;
    const keyCol = dashCol + (m[2]?.length ?? 0);
    if (m[2] && dashCol < limit) { limit = dashCol; lastWasDash = true; continue; }
    if (m[3] && opensMapping && (keyCol < limit || (keyCol === limit && lastWasDash))) {
      keys.push(m[3]);
      limit = m[2] ? dashCol : keyCol;
      lastWasDash = m[2] !== undefined;
      if (limit === 0 && !m[2]) break;
    }
  }
  keys.reverse();
  if (flowKey) keys.push(flowKey[1]!);
  return keys;
}

function names(model: Model | null, wanted: ('type' | 'struct' | 'enum' | 'enum-value' | 'constant')[]): CompletionItem[] {
  const out: CompletionItem[] = [];
  if (wanted.includes('type')) for (const p of PRIMITIVES) out.push({ label: p, kind: CompletionItemKind.Keyword, detail: 'primitive type' });
  for (const spec of model?.specs ?? []) {
    const detail = (what: string): string => `${what} — ${spec.id}`;
    if (wanted.includes('type') || wanted.includes('struct')) for (const s of spec.structs) out.push({ label: s.name, kind: CompletionItemKind.Struct, detail: detail(`${s.kind}, ${s.size} bytes`) });
    if (wanted.includes('type') || wanted.includes('enum')) for (const e of spec.enums) out.push({ label: e.name, kind: CompletionItemKind.Enum, detail: detail(`enum ${e.storage.name}`) });
    if (wanted.includes('type')) for (const f of spec.flags) out.push({ label: f.name, kind: CompletionItemKind.Enum, detail: detail(`flags ${f.storage.name}`) });
    if (wanted.includes('enum-value')) for (const e of spec.enums) for (const v of e.values) out.push({ label: v.name, kind: CompletionItemKind.EnumMember, detail: detail(`${e.name} = ${v.value}`) });
    if (wanted.includes('constant')) for (const g of spec.constants) for (const c of g.constants) out.push({ label: c.name, kind: CompletionItemKind.Constant, detail: detail(`= ${c.value}`) });
  }
  return out;
}

export function complete(text: string, line: number, character: number, model: Model | null): CompletionItem[] {
  const lines = text.split('\n');
  const current = lines[line] ?? '';
  // Only the end of a very long line matters, and it keeps the regular expressions below linear.
  const prefix = current.slice(Math.max(0, character - 2000), character);

  // The kind word of a fence: ```hvspec |
  if (/^\s*(`{3,}|~{3,})\s*hvspec\s+\w*$/.test(prefix)) {
    return BLOCK_KINDS.map((kind) => ({ label: kind, kind: CompletionItemKind.Keyword, detail: 'hvspec block kind' }));
  }
  const region = regionOf(lines, line);
  if (!region) {
    if (/\[\[[^[\]]*$/.test(prefix)) {
      if (!model) return [];
      return [...referenceTargets(model)].map(([name, target]) => ({
        label: name, kind: CompletionItemKind.Reference, detail: `${target.kind} — ${target.spec}`,
      }));
    }
    return [];
  }

  // Value position: `key: partial`, `key: [a, parti`, or `- parti` under a list-valued key.
  const value = /([A-Za-z_][\w-]*)\s*:\s+(\[[^\]]*)?[^,:{}[\]]*$/.exec(prefix);
  const item = /^\s*-\s+[^,:{}[\]]*$/.exec(prefix);
  let key: string | undefined = value?.[1];
  if (!key && item) {
    const parents = enclosingKeys(lines, region, line, prefix.replace(/-\s+[^-]*$/, '- x: '));
    key = parents[parents.length - 1];
    if (key && keysAt(region.kind, parents).length > 0) key = undefined; // a list of mappings: a key goes here
  }
  if (key !== undefined) {
    if (region.kind === 'frontmatter' && key === 'requires') {
      return (model?.specs ?? []).map((s) => ({ label: s.id, kind: CompletionItemKind.Module, detail: `${s.title} ${s.version}` }));
    }
    if (VALUE_NAMES[key] && region.kind !== 'frontmatter') {
      const inBrackets = /\[[A-Za-z_0-9]*$/.test(prefix) && key === 'type';
      return names(model, inBrackets ? ['constant'] : VALUE_NAMES[key]!);
    }
    const path = enclosingKeys(lines, region, line, prefix);
    const schemaKey = keysAt(region.kind, path).find((k) => k.name === key);
    return (schemaKey?.values ?? []).map((v) => ({ label: String(v), kind: CompletionItemKind.Value }));
  }

  // Key position.
  const path = enclosingKeys(lines, region, line, prefix);
  const present = new Set([...prefix.matchAll(/([A-Za-z_][\w-]*)\s*:/g)].map((m) => m[1]!));
  return keysAt(region.kind, path).filter((k) => !present.has(k.name)).map((k) => ({
    label: k.name, kind: CompletionItemKind.Property, insertText: `${k.name}: `,
    detail: k.required ? 'required' : 'optional', ...(k.description ? { documentation: k.description } : {}),
  }));
}
