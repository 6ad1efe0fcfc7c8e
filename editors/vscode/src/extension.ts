/**
 * The VS Code side of hvspec: starts `hvspec lsp --stdio` for the workspace and hands it the
 * standards' Markdown files. Everything else (diagnostics, hover, navigation, completion) is the
 * language server's; the grammar in syntaxes/ colours fenced hvspec blocks as YAML.
 */
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverCommand } from './server-command';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  const configured = workspace.getConfiguration('hvspec').get<string>('server.path', '');
  const { command, args, shell } = serverCommand(folder, configured);
  const serverOptions: ServerOptions = { command, args, options: { cwd: folder, shell } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown', pattern: '**/standards/**/*.md' }],
  };
  client = new LanguageClient('hvspec', 'hvspec', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
