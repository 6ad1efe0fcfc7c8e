/**
 * The YAML keys valid at a place in a block, read from the JSON Schemas in schemas/ (the same ones
 * ajv validates with), so completion can never offer a key the checker would reject.
 */
import { readFileSync } from 'node:fs';
import { SCHEMA_DIR } from '../validate/schema-dir.ts';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  description?: string;
  title?: string;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
}

export interface SchemaKey {
  name: string;
  required: boolean;
  description?: string;
  /** Allowed values when the schema lists them (e.g. `convention`: smccc, xen, kvm). */
  values?: unknown[];
}

const loaded = new Map<string, SchemaNode>();

function load(file: string): SchemaNode {
  let schema = loaded.get(file);
  if (!schema) {
    schema = JSON.parse(readFileSync(SCHEMA_DIR + file, 'utf8')) as SchemaNode;
    loaded.set(file, schema);
  }
  return schema;
}

/** Follow `$ref`s (`common.schema.json#/$defs/identifier`, `#/$defs/x`) from a node of `file`. */
function resolve(node: SchemaNode | undefined, file: string): { node: SchemaNode | undefined; file: string } {
  let current = node;
  let currentFile = file;
  for (let hops = 0; current?.$ref && hops < 16; hops++) {
    const [target, pointer] = current.$ref.split('#');
    if (target) currentFile = target.replace(/^.*\//, '');
    let at: unknown = load(currentFile);
    for (const part of (pointer ?? '').split('/').filter(Boolean)) at = (at as Record<string, unknown> | undefined)?.[part];
    current = at as SchemaNode | undefined;
  }
  return { node: current, file: currentFile };
}

/** The object schemas a node can be (alternatives flattened), arrays stepped into. */
function objects(node: SchemaNode | undefined, file: string): { node: SchemaNode; file: string }[] {
  const r = resolve(node, file);
  if (!r.node) return [];
  if (r.node.items && !r.node.properties) return objects(r.node.items, r.file);
  const alternatives = [...(r.node.oneOf ?? []), ...(r.node.anyOf ?? []), ...(r.node.allOf ?? [])];
  return [...(r.node.properties ? [{ node: r.node, file: r.file }] : []), ...alternatives.flatMap((a) => objects(a, r.file))];
}

/** `kind` is a block kind or `frontmatter`; `path` the keys of the mappings above the cursor. */
export function keysAt(kind: string, path: string[]): SchemaKey[] {
  let level: { node: SchemaNode; file: string }[];
  try {
    level = objects(load(`${kind}.schema.json`), `${kind}.schema.json`);
  } catch {
    return [];
  }
  for (const key of path) level = level.flatMap((o) => objects(o.node.properties?.[key], o.file));
  const out = new Map<string, SchemaKey>();
  for (const o of level) {
    for (const [name, property] of Object.entries(o.node.properties ?? {})) {
      if (out.has(name)) continue;
      const r = resolve(property, o.file);
      const values = r.node?.enum ?? resolve(r.node?.items, r.file).node?.enum;
      const description = property.description ?? r.node?.description;
      out.set(name, { name, required: (o.node.required ?? []).includes(name), ...(description ? { description } : {}), ...(values ? { values } : {}) });
    }
  }
  return [...out.values()];
}
