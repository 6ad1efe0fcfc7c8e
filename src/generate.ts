import { generators } from '../generators/index.ts';
import type { Generator } from '../generators/types.ts';
import type { Model } from './model/types.ts';
import type { OutputFile } from './output/write.ts';

export interface TargetOutput {
  generator: Generator;
  files: OutputFile[];
  /** What the generator could not do (e.g. no browser for the PDF). */
  warnings: string[];
}

export function knownTargets(): string[] {
  return generators.map((g) => g.name);
}

/** Targets whose output is committed to git (and so checked by `build --check`). */
export function committedTargets(): string[] {
  return generators.filter((g) => g.committed).map((g) => g.name);
}

/** Run the chosen generators on the model, in memory; nothing is written here. */
export async function generateTargets(model: Model, root: string, targets: string[], cacheDir?: string): Promise<TargetOutput[]> {
  const outputs: TargetOutput[] = [];
  for (const generator of generators) {
    if (!targets.includes(generator.name)) continue;
    const warnings: string[] = [];
    const files = await generator.generate(model, { root, cacheDir, warn: (message) => warnings.push(message) });
    outputs.push({ generator, files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)), warnings });
  }
  return outputs;
}
