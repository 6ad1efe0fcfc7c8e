import type { Command } from 'commander';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { GlobalOptions } from '../context.ts';
import { startServer } from '../../lsp/server.ts';

/**
 * `hvspec lsp --stdio`: the language server (docs/editors.md). stdout carries the protocol, so
 * nothing else may print there; the server's own messages go to the client's log.
 */
export function registerLsp(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('lsp')
    .description('language server for editors (Language Server Protocol over stdio)')
    .option('--stdio', 'talk LSP over stdin/stdout (the only transport; accepted because editors pass it)')
    .action((_options: { stdio?: boolean }, command: Command) => run(async () => {
      const global = command.optsWithGlobals() as GlobalOptions;
      const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
      startServer(connection, global.C ? { start: global.C } : {});
      // The connection ends the process on `exit` (or when stdin closes); until then, serve.
      await new Promise<never>(() => {});
      return 0;
    }));
}
