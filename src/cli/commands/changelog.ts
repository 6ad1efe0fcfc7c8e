/**
 * `hvspec changelog OLD NEW`: Markdown "changes since OLD" on stdout, grouped by standard and by how
 * each change affects implementers. Exit codes: 0 written, 1 a side does not compile, 2 usage.
 */
import type { Command } from 'commander';
import { renderChangelog } from '../../diff/changelog.ts';
import { runDiff } from '../../diff/run.ts';
import type { GlobalOptions } from '../context.ts';
import { writeReport } from '../report-file.ts';
import { asUsage, diffContext, renderDiffText, setExitCode, type Runner } from './diff.ts';

export function registerChangelog(program: Command, run: Runner = setExitCode): void {
  program
    .command('changelog')
    .description('print a Markdown changelog of the interface changes between two corpora')
    .argument('<old>', 'the earlier side: a standards root directory or a git revision (e.g. v1.0.0)')
    .argument('<new>', 'the later side: a standards root directory or a git revision')
    .option('--output-file <file>', 'write the changelog to a file instead of stdout')
    .action((oldArg: string, newArg: string, options: { outputFile?: string }, command: Command) => run(async () => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const outcome = await asUsage(() => runDiff(oldArg, newArg, diffContext(globals, null).cwd));
      const context = diffContext(globals, outcome.new.root);
      if (!outcome.old.model || !outcome.new.model) {
        // No changelog without both models: the reasons go to stderr, stdout stays clean.
        context.stderr(renderDiffText(outcome.diagnostics, outcome.new.root, { ...context, color: false }));
        return 1;
      }
      await writeReport(renderChangelog(outcome.judged, outcome.old.model, outcome.new.model, oldArg), options.outputFile, context);
      return 0;
    }));
}
