import { generators, libraryScope } from '../generators/index.ts';
import type { GenerateContext, Generator, PackageInfo } from '../generators/types.ts';
import type { Report } from './diagnostics/report.ts';
import type { Model } from './model/types.ts';
import type { OutputFile } from './output/write.ts';
import type { Plugin } from './plugins/load.ts';
import { runPlugin } from './plugins/run.ts';

export interface TargetOutput {
  generator: Generator;
  files: OutputFile[];
  /** What the generator could not do (e.g. no browser for the PDF). */
  warnings: string[];
  /** Set for a plugin's target. */
  plugin?: Plugin;
}

export interface GenerateOptions {
  plugins?: readonly Plugin[];
  package?: PackageInfo;
  /** Receives the plugins' diagnostics (HV8004, HV8005); required when there are plugins. */
  report?: Report;
  /** Text of hvspec.config.json, to point plugin diagnostics at their entry. */
  configText?: string;
  /** Where a generator may keep a cache of its own (`.hvspec-cache/`; absent with --no-cache), e.g. the PDF's finished books. */
  cacheDir?: string;
}

export function knownTargets(plugins: readonly Plugin[] = []): string[] {
  return [...generators.map((g) => g.name), ...plugins.map((p) => p.generator.name)];
}

/** Targets whose output is committed to git (and so checked by `build --check`). */
export function committedTargets(plugins: readonly Plugin[] = []): string[] {
  return [...generators, ...plugins.map((p) => p.generator)].filter((g) => g.committed).map((g) => g.name);
}

/**
 * The model a built-in target sees: without standard-library specs ('local'), or with only those
 * the repository's own specs require, directly or not ('dependencies').
 */
export function scopedModel(model: Model, scope: 'local' | 'dependencies'): Model {
  if (!model.specs.some((s) => s.library !== undefined)) return model;
  const byId = new Map(model.specs.map((s) => [s.id, s]));
  const keep = new Set(model.specs.filter((s) => s.library === undefined).map((s) => s.id));
  if (scope === 'dependencies') {
    const pending = [...keep];
    while (pending.length > 0) {
      for (const id of byId.get(pending.pop()!)?.requires ?? []) if (!keep.has(id)) { keep.add(id); pending.push(id); }
    }
  }
  return { ...model, specs: model.specs.filter((s) => keep.has(s.id)) };
}

/** Run the chosen generators on the model, in memory; nothing is written here. */
export async function generateTargets(model: Model, root: string, targets: string[], options: GenerateOptions = {}): Promise<TargetOutput[]> {
  const outputs: TargetOutput[] = [];
  for (const generator of generators) {
    if (!targets.includes(generator.name)) continue;
    const warnings: string[] = [];
    const context: GenerateContext = {
      root, warn: (message) => warnings.push(message),
      ...(options.package ? { package: options.package } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    };
    const files = await generator.generate(scopedModel(model, libraryScope[generator.name] ?? 'dependencies'), context);
    outputs.push({ generator, files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)), warnings });
  }
  for (const plugin of options.plugins ?? []) {
    if (!targets.includes(plugin.generator.name)) continue;
    const warnings: string[] = [];
    const context: GenerateContext = { root, warn: (message) => warnings.push(String(message)), ...(options.package ? { package: options.package } : {}) };
    const files = await runPlugin(plugin, model, context, options.configText, options.report!);
    if (files) outputs.push({ generator: plugin.generator, files, warnings, plugin });
  }
  return outputs;
}
