import type { Command } from 'commander';
import { catalogue, lookupCode } from '../../diagnostics/catalogue.ts';
import { closest } from '../../names/suggest.ts';
import { UsageError } from '../context.ts';

export function registerExplain(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('explain')
    .description('print the documentation of a diagnostic code, e.g. hvspec explain HV3001')
    .argument('<code>', 'a code such as HV3001')
    .action((code: string) => run(async () => {
      const doc = lookupCode(code.trim());
      if (!doc) {
        const guess = closest(code.toUpperCase(), catalogue.map((c) => c.code));
        throw new UsageError(`unknown diagnostic code "${code}"${guess ? ` (did you mean ${guess}?)` : ''}; docs/diagnostics.md lists them all`);
      }
      process.stdout.write(`${doc.code} ${doc.name} (${doc.severity})\n\n${doc.summary}\n\n${doc.explanation}\n`);
      return 0;
    }));
}
