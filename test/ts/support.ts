/**
 * Shared by the TypeScript generator's tests: generate a model's package into a scratch
 * directory, load the project corpus (and fixture corpora) through the core when it exists,
 * and load generated modules.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_NAME, tsGenerator } from '../../generators/ts/index.ts';
import type { Model } from '../../src/model/types.ts';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const fixturesDir = join(import.meta.dirname, 'fixtures');

/** A fresh scratch directory under the OS temp dir. */
export function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hvspec-ts-${prefix}-`));
}

/** Generates the TypeScript package of `model` into `dir` (created). */
export async function generateInto(model: Model, dir: string): Promise<void> {
  const files = await tsGenerator.generate(model, { root: projectRoot, warn: (message) => { throw new Error(message); } });
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
}

/**
 * The model of a standards root through the core's compileCorpus, or null when the core is not
 * there yet (tests then cover the hand-written model only). A corpus with errors fails the test.
 */
export async function compileRoot(root: string): Promise<Model | null> {
  const compilePath = join(projectRoot, 'src/compile.ts');
  if (!existsSync(compilePath)) {
    if (process.env.CI === 'true') throw new Error('src/compile.ts is missing');
    return null;
  }
  const { compileCorpus } = (await import(pathToFileURL(compilePath).href)) as {
    compileCorpus(root: string, options?: { cache?: boolean }): Promise<{ model: Model | null; diagnostics: { severity: string; code: string; message: string; file?: string }[] }>;
  };
  const { model, diagnostics } = await compileCorpus(root, { cache: false });
  if (model === null) {
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file ?? ''} ${d.code} ${d.message}`);
    throw new Error(`the corpus at ${root} has errors:\n${errors.join('\n')}`);
  }
  return model;
}

/** A generated module of the package in `dir`, loaded from its JavaScript (`dist/`), as a consumer would. */
export async function loadModule(dir: string, name: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(join(dir, 'dist', `${name}.js`)).href)) as Record<string, unknown>;
}

/** Every generated module of `model` in `dir`, by spec id, plus the runtime under `_runtime`. */
export async function loadPackage(model: Model, dir: string): Promise<Map<string, Record<string, unknown>>> {
  const modules = new Map<string, Record<string, unknown>>();
  modules.set('_runtime', await loadModule(dir, '_runtime'));
  for (const spec of model.specs) modules.set(spec.id, await loadModule(dir, spec.id));
  return modules;
}

/** The example of docs/ts.md and the output it documents, between their marker comments. */
export function docsExample(): { code: string; output: string } {
  const text = readFileSync(join(projectRoot, 'docs/ts.md'), 'utf8');
  const between = (name: string): string => {
    const match = new RegExp(`<!-- ${name}:start -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n<!-- ${name}:end -->`).exec(text);
    if (match === null) throw new Error(`docs/ts.md has no ${name} block`);
    return match[1]!;
  };
  return { code: between('ts-example'), output: between('ts-example-output') };
}

/**
 * A consumer project in `dir`: `node_modules/hvspec-bindings` links to the package in
 * `packageDir`, so imports resolve through the package's `exports` as for an installed dependency.
 */
export function makeConsumer(dir: string, packageDir: string, files: Record<string, string>): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(packageDir, join(dir, 'node_modules', PACKAGE_NAME), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
}
