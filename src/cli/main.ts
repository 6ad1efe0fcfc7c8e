import { Command, CommanderError } from 'commander';
import { OutputError } from '../output/write.ts';
import { registerBuild } from './commands/build.ts';
import { registerChangelog } from './commands/changelog.ts';
import { registerConform } from './commands/conform.ts';
import { registerCheck } from './commands/check.ts';
import { registerDiff } from './commands/diff.ts';
import { registerExplain } from './commands/explain.ts';
import { registerLsp } from './commands/lsp.ts';
import { registerInit } from './commands/init.ts';
import { registerModel } from './commands/model.ts';
import { registerPreview } from './commands/preview.ts';
import { registerWatch } from './commands/watch.ts';
import { UsageError } from './context.ts';
import { toolVersion } from './version.ts';

/**
 * The `hvspec` command. Exit codes: 0 success, 1 the input has errors (or a diff found a breaking
 * change), 2 usage or configuration error. No input produces a stack trace: anything unexpected is
 * reported as one internal-error line.
 */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const run = async (action: () => Promise<number>): Promise<void> => {
    exitCode = await action();
  };
  const program = new Command('hvspec')
    .description('toolchain for hypervisor interface standards')
    .version(toolVersion(), '-V, --version')
    .option('-C <dir>', 'run as if started in <dir>')
    .option('--quiet', 'print only errors')
    .option('--no-color', 'no colour in text output (NO_COLOR is honoured too)')
    .showSuggestionAfterError(true)
    .exitOverride();

  // commands (one line each; diff and changelog are registered by src/cli/commands/diff.ts and changelog.ts)
  registerCheck(program, run);
  registerBuild(program, run);
  registerModel(program, run);
  registerExplain(program, run);
  registerDiff(program, run);
  registerChangelog(program, run);
  registerConform(program, run);
  registerWatch(program, run);
  registerPreview(program, run);
  registerLsp(program, run);
  registerInit(program, run);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof OutputError) {
      process.stderr.write(`hvspec: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`hvspec: internal error: ${(error as Error).message ?? String(error)}\n(this is a bug in hvspec; please report it)\n`);
    return 2;
  }
}
