import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { serializeModel } from '../../model/serialize.ts';
import { PreviewSite, type OverlayError } from '../../preview/preview-site.ts';
import { PortInUseError, startPreviewServer } from '../../preview/server.ts';
import { CheckLoop, type CheckRun } from '../../watch/check-loop.ts';
import { renderRun } from '../../watch/run-report.ts';
import { untilStopSignal } from '../../watch/stop-signal.ts';
import { createContext, UsageError, type GlobalOptions } from '../context.ts';

export const DEFAULT_PREVIEW_PORT = 7313;

export function registerPreview(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('preview')
    .description('serve the HTML site on 127.0.0.1, rebuild it on every save and reload the open page')
    .option('--port <n>', `TCP port on 127.0.0.1 (0 picks a free one)`, String(DEFAULT_PREVIEW_PORT))
    .option('--no-cache', 'ignore and do not fill .hvspec-cache/ (every re-check parses every file)')
    .action((options: { port: string; cache: boolean }, command: Command) => run(async () => {
      const port = parsePort(options.port);
      const context = createContext(command.optsWithGlobals() as GlobalOptions);
      const { generateTargets } = await import('../../generate.ts');
      const site = new PreviewSite();
      let lastModel: string | undefined;
      const live = await startPreviewServer(site, port).catch((error: unknown) => {
        throw error instanceof PortInUseError ? new UsageError(error.message) : error;
      });
      const stop = untilStopSignal();

      const rebuild = async (r: CheckRun) => {
        context.stdout(renderRun(r, context));
        if (!r.result.model) {
          site.errors = overlayErrors(r.diagnostics);
          live.sendErrors();
          if (!context.quiet) context.stdout(site.hasBuild ? 'preview: the open pages show these errors over the last good build\n' : 'preview: no site until the errors are fixed\n');
          return;
        }
        // The site is a function of the model alone: a save that leaves it as it was (or the first
        // run after a fix that restored the last good text) needs no generation.
        const modelText = serializeModel(r.result.model);
        if (modelText === lastModel) {
          site.errors = [];
          live.sendErrors();
          if (!context.quiet && r.sequence > 0) context.stdout('preview: the model did not change; no page changed\n');
          return;
        }
        const started = performance.now();
        try {
          // The whole site is generated in memory (pages share the search index and cross-references);
          // only pages whose bytes changed are reloaded.
          const [html] = await generateTargets(r.result.model, context.root, ['html']);
          for (const w of html!.warnings) context.stderr(`warning: html: ${w}\n`);
          const firstSite = !site.hasBuild;
          const changed = site.update(html!.files);
          lastModel = modelText;
          site.errors = [];
          live.sendErrors();
          live.sendReload(changed);
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          if (context.quiet) return;
          if (firstSite) context.stdout(`preview: site ready, ${html!.files.length} files (generated in ${seconds} s)\n`);
          else context.stdout(`preview: ${changed.length === 0 ? 'no page changed' : `updated ${describe(changed)}`} (site generated in ${seconds} s)\n`);
        } catch (error) {
          const message = `The HTML site could not be generated: ${(error as Error).message ?? String(error)}.`;
          site.errors = [{ file: '', line: 0, column: 0, code: 'hvspec', message }];
          live.sendErrors();
          context.stderr(`hvspec: ${message}\n`);
        }
      };
      const loop = new CheckLoop({
        root: context.root, config: context.config, cache: options.cache,
        shown: context.quiet ? (d) => d.severity === 'error' : undefined,
        onProblem: (message) => context.stderr(`hvspec: ${message}\n`),
        onRun: rebuild,
      });
      // The URL first, so the user can open it while the first build runs.
      context.stdout(`preview: ${live.url} (Ctrl-C stops)\n`);
      await Promise.race([loop.start(), stop]);
      await stop;
      await loop.stop();
      await live.close();
      if (!context.quiet) context.stdout('preview stopped\n');
      return 0;
    }));
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  return Number(value);
}

/** Only errors stop the site from being rebuilt, so only they are shown over it. */
function overlayErrors(diagnostics: Diagnostic[]): OverlayError[] {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => ({
    file: d.file ?? '', line: d.range?.start.line ?? 0, column: d.range?.start.column ?? 0,
    code: d.code, message: d.message, ...(d.hint ? { hint: d.hint } : {}),
  }));
}

function describe(paths: string[]): string {
  return paths.length <= 4 ? paths.join(', ') : `${paths.slice(0, 4).join(', ')} and ${paths.length - 4} more pages`;
}
