import type { Command } from 'commander';
import path from 'node:path';
import { compileCorpus } from '../../compile.ts';
import { serializeModel } from '../../model/serialize.ts';
import { createContext, relevel, type GlobalOptions } from '../context.ts';
import { renderDiagnostics } from '../diagnostics-output.ts';
import { writeReport } from '../report-file.ts';

export function registerModel(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('model')
    .description('print the canonical model (JSON, described by schemas/model.schema.json)')
    .option('--out <file>', 'write the model to a file instead of stdout')
    .option('--no-cache', 'ignore and do not fill .hvspec-cache/')
    .action((options: { out?: string; cache: boolean }, command: Command) => run(async () => {
      const context = createContext(command.optsWithGlobals() as GlobalOptions);
      const result = await compileCorpus(context.root, { cache: options.cache });
      if (!result.model) {
        context.stderr(renderDiagnostics(relevel(result.diagnostics, context.config), 'text', context));
        return 1;
      }
      await writeReport(serializeModel(result.model), options.out ? path.resolve(options.out) : undefined, context);
      return 0;
    }));
}
