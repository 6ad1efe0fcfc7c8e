import type { Command } from 'commander';
import path from 'node:path';
import { serializeModel } from '../../model/serialize.ts';
import { CheckLoop, type CheckRun } from '../../watch/check-loop.ts';
import { writeChangedOutputs } from '../../watch/incremental-build.ts';
import { renderRun } from '../../watch/run-report.ts';
import { untilStopSignal } from '../../watch/stop-signal.ts';
import { createContext, UsageError, type CliContext, type GlobalOptions } from '../context.ts';

export function registerWatch(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('watch')
    .description('re-check the standards on every save and print only what changed; --build keeps output/ up to date')
    .option('--build', 'after each clean check, regenerate the targets, writing only files whose contents changed')
    .option('--target <list>', 'with --build: comma-separated targets, e.g. c,rust,ts,html,pdf; default all')
    .option('--no-cache', 'ignore and do not fill .hvspec-cache/ (every re-check parses every file)')
    .action((options: { build?: boolean; target?: string; cache: boolean }, command: Command) => run(async () => {
      const context = createContext(command.optsWithGlobals() as GlobalOptions);
      if (options.target !== undefined && !options.build) throw new UsageError('--target needs --build');
      const build = options.build ? await buildStep(context, options.target) : undefined;
      const stop = untilStopSignal();
      const loop = new CheckLoop({
        root: context.root,
        config: context.config,
        cache: options.cache,
        shown: context.quiet ? (d) => d.severity === 'error' : undefined,
        onProblem: (message) => context.stderr(`hvspec: ${message}\n`),
        onRun: async (r) => {
          context.stdout(renderRun(r, context));
          if (build) await build(r);
        },
      });
      if (!context.quiet) context.stdout(`watching ${path.join(context.root, 'standards')}${build ? ' (building output/)' : ''}; Ctrl-C stops\n`);
      await Promise.race([loop.start(), stop]);
      await stop;
      await loop.stop();
      if (!context.quiet) context.stdout('stopped watching\n');
      return 0;
    }));
}

/** The --build step: the same generators as `hvspec build`, then only changed files written. */
async function buildStep(context: CliContext, targetList: string | undefined): Promise<(r: CheckRun) => Promise<void>> {
  const { generateTargets, knownTargets } = await import('../../generate.ts');
  const all = knownTargets();
  const targets = targetList !== undefined ? targetList.split(',').map((t) => t.trim()).filter(Boolean) : all;
  for (const t of targets) if (!all.includes(t)) throw new UsageError(`unknown target "${t}"; targets are ${all.join(', ')}`);
  const outputRoot = path.join(context.root, 'output');
  let lastBuilt: string | undefined;
  return async (r) => {
    if (!r.result.model) {
      context.stdout('build skipped: the standards have errors; output/ was not changed\n');
      return;
    }
    // Generators read only the model: when it is what the last build wrote (a save without a
    // change, or a fix back to the last good text), there is nothing to generate.
    const modelText = serializeModel(r.result.model);
    if (modelText === lastBuilt) {
      if (!context.quiet) context.stdout('built: the model did not change; output/ is as the last build left it\n');
      return;
    }
    try {
      // Generated in memory first, as `hvspec build` does: a failing generator leaves output/ untouched.
      const outputs = await generateTargets(r.result.model, context.root, targets);
      for (const o of outputs) for (const w of o.warnings) context.stderr(`warning: ${o.generator.name}: ${w}\n`);
      const changes = await writeChangedOutputs(outputRoot, { path: 'model.json', contents: modelText }, outputs);
      lastBuilt = modelText;
      const touched = [...changes.written.map((p) => `output/${p}`), ...changes.removed.map((p) => `output/${p} (removed)`)];
      if (touched.length === 0) {
        if (!context.quiet) context.stdout(`built: output/ unchanged (${changes.unchanged} files)\n`);
        return;
      }
      const listed = touched.length <= 8 ? touched.join(', ') : `${touched.slice(0, 8).join(', ')} and ${touched.length - 8} more`;
      if (!context.quiet) context.stdout(`built: ${listed} (${changes.written.length} written, ${changes.removed.length} removed, ${changes.unchanged} unchanged)\n`);
    } catch (error) {
      // A generator or a write failed: say so and keep watching; the next save tries again.
      context.stderr(`hvspec: build failed: ${(error as Error).message ?? String(error)}\n`);
    }
  };
}
