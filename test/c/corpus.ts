/** The project's own corpus, compiled once per test file, and its C headers. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { generateC } from '../../generators/c/index.ts';
import type { GeneratedFile } from '../../generators/types.ts';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Compiles a standards root; fails the test (with the errors) when it has any. */
export async function modelOf(root: string): Promise<Model> {
  const result = await compileCorpus(root, { cache: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(result.model, `corpus ${root} has errors:\n${errors.map((d) => `${d.file}:${d.range?.start.line ?? 0} ${d.code} ${d.message}`).join('\n')}`);
  return result.model;
}

let project: Promise<Model> | undefined;

export function projectModel(): Promise<Model> {
  project ??= modelOf(PROJECT_ROOT);
  return project;
}

/** The C headers of a model; the generator must not warn (no invented name collides). */
export function headersOf(model: Model): GeneratedFile[] {
  const warnings: string[] = [];
  const files = generateC(model, (message) => warnings.push(message));
  assert.deepEqual(warnings, [], 'the C generator warned');
  return files;
}

/** Header file names in include order: the common header first, then the specs'. */
export function headerNames(files: GeneratedFile[]): string[] {
  return files.map((f) => f.path).filter((p) => p.endsWith('.h'));
}
