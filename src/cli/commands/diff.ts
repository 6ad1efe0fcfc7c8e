/**
 * `hvspec diff OLD NEW [--format text|json|sarif|github|markdown]`: compare two corpora (directories
 * or git revisions) and fail when a change breaks. Data on stdout, logs on stderr.
 * Exit codes: 0 nothing breaks, 1 an error-severity change (or a side does not compile), 2 usage.
 */
import { Command, Option } from 'commander';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { render as renderMarkdown } from '../../diff/markdown.ts';
import { runDiff, UsageError } from '../../diff/run.ts';

export const DIFF_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

interface Reporter {
  render(diagnostics: Diagnostic[], options: Record<string, unknown>): string;
}

/** The shared reporters live in src/report/<format>.ts; markdown is the diff's own. */
async function renderDiagnostics(format: DiffFormat, diagnostics: Diagnostic[], labels: { old: string; new: string }): Promise<string> {
  if (format === 'markdown') return renderMarkdown(diagnostics, labels);
  const reporter = (await import(`../../report/${format}.ts`)) as Reporter;
  return reporter.render(diagnostics, { command: 'diff' });
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two corpora (standards roots or git revisions) and report breaking changes')
    .argument('<old>', 'the published side: a standards root directory or a git revision (e.g. origin/main)')
    .argument('<new>', 'the proposed side: a standards root directory (e.g. .) or a git revision')
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .action(async (oldArg: string, newArg: string, options: { format: DiffFormat }) => {
      try {
        const outcome = await runDiff(oldArg, newArg);
        const output = await renderDiagnostics(options.format, outcome.diagnostics, { old: oldArg, new: newArg });
        if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
        process.exitCode = outcome.exitCode;
      } catch (error) {
        if (error instanceof UsageError) {
          process.stderr.write(`hvspec diff: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
