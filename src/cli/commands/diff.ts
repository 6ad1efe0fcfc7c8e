/**
 * `hvspec diff OLD NEW [--format text|json|sarif|github|markdown]`: compare two corpora (directories
 * or git revisions) and fail when a change breaks. Data on stdout, logs on stderr.
 * Exit codes: 0 nothing breaks, 1 an error-severity change (or a side does not compile), 2 usage.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { DiffDiagnostic } from '../../diff/diagnostics.ts';
import { render as renderMarkdown } from '../../diff/markdown.ts';
import { readSourceText } from '../../input/read-source.ts';
import { renderText } from '../../report/text.ts';
import { runDiff, UsageError as DiffUsageError } from '../../diff/run.ts';
import { UsageError, type CliContext, type GlobalOptions } from '../context.ts';
import { parseFormat, renderDiagnostics, type Format } from '../diagnostics-output.ts';
import { writeReport } from '../report-file.ts';

export type Runner = (action: () => Promise<number>) => Promise<void>;

/** Runs an action and sets the exit code, when main.ts does not pass its own runner. */
export const setExitCode: Runner = async (action) => {
  process.exitCode = await action();
};

/**
 * The diff has no single standards root: OLD and NEW are resolved against the directory the command
 * runs in (`-C`), and code frames come from NEW when it is a directory.
 */
export function diffContext(options: GlobalOptions, newRoot: string | null): CliContext & { cwd: string } {
  const cwd = options.C ? path.resolve(options.C) : process.cwd();
  const env = process.env;
  const color = options.color !== false && !env.NO_COLOR && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true);
  return {
    cwd,
    root: newRoot ?? cwd,
    config: {},
    quiet: options.quiet === true,
    color,
    stdout: (text) => { process.stdout.write(text); },
    stderr: (text) => { process.stderr.write(text); },
  };
}

/**
 * Text with code frames, read only from NEW when NEW is a directory: a revision has no files on disk
 * (the work tree may hold other text), and OLD's paths would frame the wrong file.
 */
export function renderDiffText(diagnostics: DiffDiagnostic[], newRoot: string | null, context: CliContext): string {
  const sources = new Map<string, string>();
  for (const d of diagnostics) {
    if (!newRoot || !d.file || d.side === 'old' || sources.has(d.file)) continue;
    const text = readSourceText(path.join(newRoot, d.file)); // null for an unreadable or non-regular file
    if (text !== null) sources.set(d.file, text);
  }
  // An OLD path names a file of the other corpus: label it so, which also keeps NEW's frame off it.
  const labelled = diagnostics.map((d) => (d.side === 'old' && d.file ? { ...d, file: `OLD:${d.file}` } : d));
  const shown = context.quiet ? labelled.filter((d) => d.severity === 'error') : labelled;
  return renderText(shown, { sources, color: context.color });
}

/** Turns the diff's own usage errors into the CLI's (exit code 2, one line on stderr). */
export async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DiffUsageError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerDiff(program: Command, run: Runner = setExitCode): void {
  program
    .command('diff')
    .description('compare two corpora (standards roots or git revisions) and report breaking changes')
    .argument('<old>', 'the published side: a standards root directory or a git revision (e.g. origin/main)')
    .argument('<new>', 'the proposed side: a standards root directory (e.g. .) or a git revision')
    .option('--format <format>', 'text, json, sarif, github or markdown', 'text')
    .option('--output-file <file>', 'write the report to a file instead of stdout')
    .action((oldArg: string, newArg: string, options: { format: string; outputFile?: string }, command: Command) => run(async () => {
      const format = parseFormat(options.format, ['markdown']);
      const globals = command.optsWithGlobals() as GlobalOptions;
      const base = diffContext(globals, null);
      const outcome = await asUsage(() => runDiff(oldArg, newArg, base.cwd));
      const context = diffContext(globals, outcome.new.root);
      const report = format === 'markdown' ? renderMarkdown(outcome.diagnostics, { old: oldArg, new: newArg })
        : format === 'text' ? renderDiffText(outcome.diagnostics, outcome.new.root, context)
        : renderDiagnostics(outcome.diagnostics, format as Format, context);
      await writeReport(report, options.outputFile, context);
      return outcome.exitCode;
    }));
}
