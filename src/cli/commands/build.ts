import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileCorpus } from '../../compile.ts';
import { Report } from '../../diagnostics/report.ts';
import { CONFIG_FILE } from '../../input/libraries.ts';
import { serializeModel } from '../../model/serialize.ts';
import { staleFiles, withOutputLock, writeFolder } from '../../output/write.ts';
import { createContext, relevel, UsageError, type GlobalOptions } from '../context.ts';
import { renderDiagnostics } from '../diagnostics-output.ts';

export function registerBuild(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('build')
    .description('generate output/ (model.json and every target) from the standards')
    .option('--target <list>', 'comma-separated targets, e.g. c,rust,ts,html,pdf; default all')
    .option('--check', 'write nothing; exit 1 if the committed output/ differs from what the sources generate')
    .option('--no-cache', 'ignore and do not fill .hvspec-cache/')
    .action((options: { target?: string; check?: boolean; cache: boolean }, command: Command) => run(async () => {
      const context = createContext(command.optsWithGlobals() as GlobalOptions);
      // Loaded here, not at start-up: the generators pull in heavy modules (the PDF target, a browser driver) that check and model never need.
      const { committedTargets, generateTargets, knownTargets } = await import('../../generate.ts');
      const { generators } = await import('../../../generators/index.ts');
      const { packageInfo } = await import('../../../generators/package-info.ts');
      const { loadPlugins } = await import('../../plugins/load.ts');
      // Plugins are loaded before anything is compiled: `--target` may name one, and a broken one stops the build.
      const pluginReport = new Report();
      let configText: string | undefined;
      try { configText = readFileSync(path.join(context.root, CONFIG_FILE), 'utf8'); } catch { /* no config file */ }
      const plugins = await loadPlugins(context.root, context.config.plugins ?? [], configText, generators, pluginReport);
      if (pluginReport.diagnostics.length > 0) {
        context.stderr(renderDiagnostics(pluginReport.diagnostics, 'text', context));
        context.stderr('build stopped: a plugin could not be loaded; output/ was not changed\n');
        return 1;
      }
      const all = knownTargets(plugins);
      const explicit = options.target !== undefined;
      // --check compares only committed targets, so it need not render the HTML or the PDF.
      const defaults = options.check ? committedTargets(plugins) : all;
      const targets = explicit ? options.target!.split(',').map((t) => t.trim()).filter(Boolean) : defaults;
      for (const t of targets) if (!all.includes(t)) throw new UsageError(`unknown target "${t}"; targets are ${all.join(', ')}`);

      const result = await compileCorpus(context.root, { cache: options.cache });
      const diagnostics = relevel(result.diagnostics, context.config);
      if (!result.model) {
        context.stderr(renderDiagnostics(diagnostics, 'text', context));
        context.stderr('build stopped: the standards have errors; output/ was not changed\n');
        return 1;
      }
      if (diagnostics.length > 0 && !context.quiet) context.stderr(renderDiagnostics(diagnostics, 'text', context));

      // Everything is generated in memory first: a failing generator leaves output/ untouched.
      const outputs = await generateTargets(result.model, context.root, targets, {
        plugins, package: packageInfo(context.config.package), report: pluginReport, ...(configText !== undefined ? { configText } : {}),
        ...(options.cache ? { cacheDir: path.join(context.root, '.hvspec-cache') } : {}),
      });
      if (pluginReport.diagnostics.length > 0) {
        context.stderr(renderDiagnostics(pluginReport.diagnostics, 'text', context));
        context.stderr('build stopped: a plugin failed; output/ was not changed\n');
        return 1;
      }
      const outputRoot = path.join(context.root, 'output');
      const model = { path: 'model.json', contents: serializeModel(result.model) };
      let failed = false;
      for (const o of outputs) {
        for (const w of o.warnings) context.stderr(`warning: ${o.generator.name}: ${w}\n`);
        if (explicit && o.warnings.length > 0 && o.files.length === 0) failed = true;
      }

      if (options.check) {
        const stale = await staleFiles(outputRoot, '', [model], false);
        for (const o of outputs) if (o.generator.committed) stale.push(...await staleFiles(outputRoot, o.generator.outDir, o.files, true));
        if (stale.length > 0) {
          context.stderr(`output/ is stale; run \`npx hvspec build\` and commit the result:\n${stale.map((s) => `  output/${s}\n`).join('')}`);
          return 1;
        }
        if (!context.quiet) context.stderr('output/ is up to date\n');
        return failed ? 1 : 0;
      }
      // Under the write lock: a concurrent build's files go in after ours (or before), never mixed in.
      await withOutputLock(outputRoot, async () => {
        await writeFolder(outputRoot, '', [model], false);
        for (const o of outputs) {
          if (o.files.length === 0 && o.warnings.length > 0) continue; // keep what an earlier build made
          await writeFolder(outputRoot, o.generator.outDir, o.files, true);
          if (!context.quiet) context.stderr(`${o.generator.name}: ${o.files.length} file${o.files.length === 1 ? '' : 's'} in output/${o.generator.outDir}/\n`);
        }
      }, (pid) => context.quiet || context.stderr(`waiting for another hvspec build (pid ${pid}) to finish writing output/\n`));
      const libraries = result.model.specs.filter((s) => s.library !== undefined).length;
      if (!context.quiet) context.stderr(`model: output/model.json (${result.model.specs.length - libraries} standards${libraries > 0 ? `, ${libraries} from standard libraries` : ''})\n`);
      return failed ? 1 : 0;
    }));
}
