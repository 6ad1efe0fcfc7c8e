import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Range } from '../diagnostics/types.ts';
import { quote, type Report } from '../diagnostics/report.ts';
import { LineIndex } from './positions.ts';

/** Limits that keep one hostile block from costing more than a real one ever could. */
export const YAML_LIMITS = { maxAliases: 100, maxNodes: 50_000, maxDepth: 64 } as const;

/** Where a value sits in the Markdown file: the key's range (for mapping values) and the value's. */
export interface Located {
  key?: Range;
  value: Range;
}

/**
 * A block's data as plain JSON-like values plus positions. Integers within ±2^53 are numbers;
 * larger ones are numbers too (so the schema sees an integer) but their exact value is kept in
 * `exactIntegers` by path, and the model reads them from there: nothing is silently rounded.
 */
export interface YamlData {
  data: unknown;
  /** Path (`fields/2/type`, root is ``) → positions. */
  positions: Map<string, Located>;
  exactIntegers: Map<string, string>;
}

/** Where the block's text starts in its file, so offsets become file positions. */
export interface BlockOrigin {
  file: string;
  /** 1-based file line of the block's first line. */
  line: number;
  /** Columns removed from every line (a fence indented inside a list). */
  indent: number;
  /** Columns removed from each line, when they differ (a block quote's `>` prefixes); else `indent`. */
  indents?: number[];
}

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;
const ALLOWED_TAGS = new Set(['tag:yaml.org,2002:str']);

export function joinPath(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}/${key}`;
}

/** Parse one YAML text (a block or the front matter); null when it has errors (reported). */
export function parseYaml(text: string, origin: BlockOrigin, report: Report): YamlData | null {
  const index = new LineIndex(text);
  const toRange = (start: number, end: number): Range => {
    // The parser may place an error one past the end of the text (an unclosed `{`): clamp, so
    // the range stays inside the file (found by the fuzzer).
    const clamp = (offset: number): number => Math.min(Math.max(0, offset), text.length);
    const r = index.range(clamp(start), clamp(end));
    return {
      start: { line: r.start.line + origin.line - 1, column: r.start.column + (origin.indents?.[r.start.line - 1] ?? origin.indent) },
      end: { line: r.end.line + origin.line - 1, column: r.end.column + (origin.indents?.[r.end.line - 1] ?? origin.indent) },
    };
  };
  const depth = flowDepth(text);
  if (depth.depth > YAML_LIMITS.maxDepth) {
    report.add('HV1025', origin.file, toRange(depth.offset, depth.offset + 1),
      `YAML is nested more than ${YAML_LIMITS.maxDepth} levels deep.`, { hint: 'Flatten the data; no block kind needs deep nesting.' });
    return null;
  }
  let doc: Document;
  try {
    // uniqueKeys is off because the library checks each key against every earlier one (quadratic:
    // 50,000 keys in one mapping took 20 s); duplicates are found below with a set per mapping.
    doc = parseDocument(text, { intAsBigInt: true, uniqueKeys: false, strict: true, prettyErrors: false });
  } catch (error) {
    report.add('HV1020', origin.file, toRange(0, 0), `YAML could not be parsed: ${(error as Error).message}`);
    return null;
  }
  let failed = false;
  let exhausted = false;
  let syntaxReported = false;
  for (const error of doc.errors) {
    const range = toRange(error.pos[0], error.pos[1]);
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    if (error.code === 'MULTIPLE_DOCS') {
      report.add('HV1023', origin.file, range, 'More than one YAML document in one block.', { hint: 'Remove the `---` or split it into two blocks.' });
    } else if (error.code === 'RESOURCE_EXHAUSTION') {
      if (!exhausted) report.add('HV1025', origin.file, range, 'YAML is nested too deeply to parse.', { hint: 'Flatten the data.' });
      exhausted = true;
    } else if (!syntaxReported) {
      // Later syntax errors of the same text are almost always cascades of the first.
      report.add('HV1020', origin.file, range, `YAML syntax error: ${message}.`);
      syntaxReported = true;
    }
    failed = true;
  }
  for (const warning of doc.warnings) {
    report.add('HV1024', origin.file, toRange(warning.pos[0], warning.pos[1]), `YAML feature not accepted: ${warning.message.split('\n')[0]}.`,
      { hint: 'Use plain mappings, sequences, strings and integers.' });
    failed = true;
  }
  if (failed) return null;

  const result: YamlData = { data: null, positions: new Map(), exactIntegers: new Map() };
  const budget = { aliases: 0, nodes: 0 };
  let ok = true;
  let duplicates = false;
  // A mapping reached again through an alias is checked once.
  const checkedMaps = new Set<unknown>();
  const fail = (code: string, node: YamlNode | null | undefined, message: string, hint?: string): undefined => {
    const r = node?.range ?? [0, 0, 0];
    report.add(code, origin.file, toRange(r[0], r[1]), message, hint ? { hint } : {});
    ok = false;
    return undefined;
  };

  // Recursive, but bounded by YAML_LIMITS.maxDepth (checked before descending).
  const convert = (node: unknown, path: string, depthNow: number, keyRange: Range | undefined): unknown => {
    if (!ok) return undefined;
    if (++budget.nodes > YAML_LIMITS.maxNodes) return fail('HV1022', node as YamlNode, `YAML block expands to more than ${YAML_LIMITS.maxNodes} nodes.`, 'Write the data out without aliases.');
    if (depthNow > YAML_LIMITS.maxDepth) return fail('HV1025', node as YamlNode, `YAML is nested more than ${YAML_LIMITS.maxDepth} levels deep.`, 'Flatten the data.');
    if (node === null || node === undefined) {
      return null;
    }
    if (isAlias(node)) {
      if (++budget.aliases > YAML_LIMITS.maxAliases) return fail('HV1022', node, `YAML block uses more than ${YAML_LIMITS.maxAliases} alias expansions.`, 'Write the data out without aliases.');
      const target = node.resolve(doc);
      if (!target) return fail('HV1020', node, `YAML alias *${node.source} refers to no anchor.`, 'Define the anchor (&name) before using it.');
      return convert(target, path, depthNow + 1, keyRange);
    }
    const yamlNode = node as YamlNode;
    const r = yamlNode.range ?? [0, 0, 0];
    const located: Located = { value: toRange(r[0], r[1]) };
    if (keyRange) located.key = keyRange;
    if (!result.positions.has(path)) result.positions.set(path, located);
    if (yamlNode.tag !== undefined && !ALLOWED_TAGS.has(yamlNode.tag) && (isScalar(node) || isMap(node) || isSeq(node))) {
      return fail('HV1024', yamlNode, `YAML tag ${yamlNode.tag} is not accepted.`, 'Remove the tag; blocks hold plain data.');
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'bigint') {
        if (value < INT64_MIN || value > UINT64_MAX) return fail('HV1026', node, `Integer ${value} is outside the 64-bit range.`);
        const n = Number(value);
        if (!Number.isSafeInteger(n)) result.exactIntegers.set(path, value.toString());
        return n;
      }
      if (typeof value === 'number' && !Number.isFinite(value)) return fail('HV1026', node, 'Infinite or NaN numbers are not accepted.');
      return value ?? null;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const seen = checkedMaps.has(node) ? undefined : new Set<string>();
      checkedMaps.add(node);
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'bigint' && typeof keyNode.value !== 'boolean')) {
          return fail('HV1024', keyNode ?? yamlNode, 'Only plain scalar keys are accepted in mappings.');
        }
        const key = String(keyNode.value);
        const kr = keyNode.range ?? [0, 0, 0];
        // Keys are compared as the strings they become (1 and "1" are one key of the data).
        if (seen?.has(key)) {
          report.add('HV1021', origin.file, toRange(kr[0], kr[1]), `Duplicate key ${quote(key)} in a mapping.`, { hint: 'Remove or rename one of the keys.' });
          duplicates = true;
          continue;
        }
        seen?.add(key);
        const value = convert(pair.value, joinPath(path, key), depthNow + 1, toRange(kr[0], kr[1]));
        // defineProperty: a key named __proto__ or constructor stays a plain own property.
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => convert(item, joinPath(path, i), depthNow + 1, undefined));
    }
    return fail('HV1024', yamlNode, 'Unsupported YAML node.');
  };
  result.data = convert(doc.contents, '', 0, undefined);
  return ok && !duplicates ? result : null;
}

/** Deepest nesting of flow brackets, outside quotes and comments (cheap guard before parsing). */
function flowDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    // A quote opens a quoted scalar only at the start of a token (not in `device's`).
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s\[{,:]/.test(text[i - 1]!))) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) { while (i < text.length && text[i] !== '\n') i++; }
    else if (ch === '[' || ch === '{') { depth++; if (depth > max) { max = depth; at = i; } }
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, offset: at };
}
