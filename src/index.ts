/**
 * hvspec's programmatic API (`import { compile } from 'hvspec'`), documented in docs/package.md.
 * The same pipeline as the CLI: `compile` is what `hvspec check` runs, the reporters are what its
 * `--format` options print, and the generators are the `hvspec build` targets.
 */
import { loadConfig, relevel } from './cli/context.ts';
import { compileCorpus, type CompileResult } from './compile.ts';
import { generators } from '../generators/index.ts';
import type { Generator } from '../generators/types.ts';

export interface CompileOptions {
  /** Use and fill the content-hash cache in `<root>/.hvspec-cache/` (default true). */
  cache?: boolean;
  /**
   * Apply the severity levels of `<root>/hvspec.config.json`, as `hvspec check` does (default
   * true). An invalid config throws an Error naming the problem.
   */
  config?: boolean;
}

export type { CompileResult } from './compile.ts';

/**
 * Check the standards root `root` (the folder that holds `standards/`): parse, validate, build the
 * model and run the rules. Never throws for problems in the standards: they are diagnostics, and
 * `model` is null when any of them is an error.
 */
export async function compile(root: string, options: CompileOptions = {}): Promise<CompileResult> {
  const config = options.config === false ? {} : loadConfig(root);
  const result = await compileCorpus(root, { cache: options.cache !== false });
  return { ...result, diagnostics: relevel(result.diagnostics, config) };
}

export type { Diagnostic, Position, Range, RelatedLocation, Severity } from './diagnostics/types.ts';
export type * from './model/types.ts';
export { MODEL_FORMAT } from './model/types.ts';
/** The model as `hvspec model` prints it (stable key order; maps as objects). */
export { serializeModel } from './model/serialize.ts';

// Reporters: diagnostics → text in each `--format` of `hvspec check`.
export { renderText, type TextOptions } from './report/text.ts';
export { renderJson } from './report/json.ts';
export { renderSarif } from './report/sarif.ts';
export { renderGithub } from './report/github.ts';
export { summarize } from './report/summary.ts';

// Generators: the interface plugins implement, and the built-in targets.
export type { GenerateContext, GeneratedFile, Generator } from '../generators/types.ts';
export { generators } from '../generators/index.ts';
export { cGenerator } from '../generators/c/index.ts';
export { rustGenerator } from '../generators/rust/index.ts';
export { tsGenerator } from '../generators/ts/index.ts';
export { htmlGenerator } from '../generators/html/index.ts';
/** Taken from the list rather than re-exported from its module, whose declarations would make every
 * consumer's typecheck load Playwright's types (and through them @types/node). */
export const pdfGenerator: Generator = generators.find((g) => g.name === 'pdf')!;

export { toolVersion as version } from './cli/version.ts';
