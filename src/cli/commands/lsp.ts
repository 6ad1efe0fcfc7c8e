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
    .action((_options: { stdio?: boolean }, command: Command) => run(() => {
      const global = command.optsWithGlobals() as GlobalOptions;
      const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
      startServer(connection, global.C ? { start: global.C } : {});
      // The `exit` notification ends the process (0 after `shutdown`, else 1); an editor that just
      // closes our stdin ends it too.
      return new Promise<number>((resolve) => { process.stdin.once('end', () => resolve(0)); process.stdin.once('close', () => resolve(0)); });
    }));
}
