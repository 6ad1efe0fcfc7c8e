/**
 * `hvspec changelog OLD NEW`: Markdown "changes since OLD" on stdout, grouped by standard and by how
 * each change affects implementers. Exit codes: 0 written, 1 a side does not compile, 2 usage.
 */
import type { Command } from 'commander';
import { renderChangelog } from '../../diff/changelog.ts';
import { runDiff, UsageError } from '../../diff/run.ts';

export function registerChangelog(program: Command): void {
  program
    .command('changelog')
    .description('print a Markdown changelog of the interface changes between two corpora')
    .argument('<old>', 'the earlier side: a standards root directory or a git revision (e.g. v1.0.0)')
    .argument('<new>', 'the later side: a standards root directory or a git revision')
    .action(async (oldArg: string, newArg: string) => {
      try {
        const outcome = await runDiff(oldArg, newArg);
        if (!outcome.old.model || !outcome.new.model) {
          for (const d of outcome.diagnostics) {
            process.stderr.write(`${d.file ? `${d.file}${d.range ? `:${d.range.start.line}` : ''}: ` : ''}${d.code} ${d.message}\n`);
          }
          process.exitCode = 1;
          return;
        }
        process.stdout.write(renderChangelog(outcome.judged, outcome.old.model, outcome.new.model, oldArg));
      } catch (error) {
        if (error instanceof UsageError) {
          process.stderr.write(`hvspec changelog: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
