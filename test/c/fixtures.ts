/**
 * The header sets the C tests compile: the project's corpus plus the fixture corpora under
 * test/c/fixtures/ (layouts the corpus may lack, hostile doc strings, keyword-like names, format 2
 * values: C types, derived values, aliases, legacy guards, C enums, accessor macros).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from '../../generators/types.ts';
import type { Model } from '../../src/model/types.ts';
import { headerNames, headersOf, modelOf, projectModel } from './corpus.ts';
import { writeFiles } from './toolchain.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface HeaderSet {
  label: string;
  model: Model;
  files: GeneratedFile[];
  dir: string;
  /** Header file names, common header first. */
  headers: string[];
}

/**
 * Text no standard file may contain (the decoder rejects it), added to every doc string of the
 * hostile fixture's model: the generator must still cope, since the model is a public format
 * anyone may produce.
 */
export const RAW_HOSTILE = ' \u202E*/ int hvspec_injected_bidi; /*\u2066 \u0007\u001b[31m \u0085 \u000b \uFEFF end\\';

/** Appends RAW_HOSTILE to every `doc` and `title` string of a model (a deep copy). */
export function withRawHostileText(model: Model): Model {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = (key === 'doc' || key === 'title') && typeof v === 'string' ? `${v}${RAW_HOSTILE}` : visit(v);
    return out;
  };
  return visit(model) as Model;
}

async function set(label: string, model: Model): Promise<HeaderSet> {
  const files = headersOf(model);
  return { label, model, files, dir: writeFiles(files, `hvspec-c-${label}-`), headers: headerNames(files) };
}

export async function projectHeaderSet(): Promise<HeaderSet> {
  return set('project', await projectModel());
}

export async function fixtureHeaderSet(name: 'layouts' | 'names' | 'hostile' | 'values'): Promise<HeaderSet> {
  const model = await modelOf(join(FIXTURES, name));
  return set(name, name === 'hostile' ? withRawHostileText(model) : model);
}
