import type { Command } from 'commander';
import { compileCorpus } from '../../compile.ts';
import { createContext, relevel, type GlobalOptions } from '../context.ts';
import { parseFormat, renderDiagnostics, type Format } from '../diagnostics-output.ts';
import { writeReport } from '../report-file.ts';

export function registerCheck(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('check')
    .description('validate the standards corpus and print diagnostics')
    .option('--format <format>', 'text, json, sarif or github', 'text')
    .option('--strict', 'warnings fail the check too (exit 1)')
    .option('--output-file <file>', 'write the report to a file instead of stdout')
    .option('--no-cache', 'ignore and do not fill .hvspec-cache/')
    .action((options: { format: string; strict?: boolean; outputFile?: string; cache: boolean }, command: Command) => run(async () => {
      const format = parseFormat(options.format) as Format;
      const context = createContext(command.optsWithGlobals() as GlobalOptions);
      const result = await compileCorpus(context.root, { cache: options.cache });
      const diagnostics = relevel(result.diagnostics, context.config);
      await writeReport(renderDiagnostics(diagnostics, format, context), options.outputFile, context);
      const failing = diagnostics.filter((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
      return failing.length > 0 ? 1 : 0;
    }));
}
