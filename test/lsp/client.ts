/**
 * A real LSP client for tests and the bench: spawns `hvspec lsp --stdio` (the bin, as editors do)
 * and talks JSON-RPC over its stdio with vscode-jsonrpc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const BIN = path.join(import.meta.dirname, '../../bin/hvspec.js');

export interface LspPosition { line: number; character: number }
export interface LspRange { start: LspPosition; end: LspPosition }
export interface LspDiagnostic {
  range: LspRange; severity: number; code: string; message: string; source: string;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string; range: LspRange }; message: string }[];
}
export interface Published { uri: string; version?: number; diagnostics: LspDiagnostic[] }

export class LspClient {
  readonly connection: MessageConnection;
  readonly published: Published[] = [];
  private waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  private versions = new Map<string, number>();

  private constructor(readonly child: ChildProcess, readonly root: string) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => { if (w.test(p)) { w.resolve(p); return false; } return true; });
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.listen();
  }

  /** `command`: what to run instead of this checkout's bin (e.g. a workspace's node_modules/.bin/hvspec). */
  static async start(root: string, env: Record<string, string> = {}, command: { command: string; args: string[] } = { command: process.execPath, args: [BIN, 'lsp', '--stdio'] }): Promise<LspClient> {
    const child = spawn(command.command, command.args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    const client = new LspClient(child, root);
    client.capabilities = ((await client.initialize()) as { capabilities: Record<string, unknown> }).capabilities;
    return client;
  }

  capabilities: Record<string, unknown> = {};

  private async initialize(): Promise<unknown> {
    const root = this.root;
    const client = this;
    const result = await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'root' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    });
    await client.connection.sendNotification('initialized', {});
    return result;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).href;
  }

  /** The next diagnostics published for `file` (optionally for a given document version). */
  nextDiagnostics(file: string, version?: number): Promise<Published> {
    const uri = this.uri(file);
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && (version === undefined || p.version === version), resolve }));
  }

  async open(file: string, text = readFileSync(path.join(this.root, file), 'utf8')): Promise<Published> {
    this.versions.set(file, 1);
    const next = this.nextDiagnostics(file, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId: 'markdown', version: 1, text } });
    return next;
  }

  /** Replace the whole text; resolves with the diagnostics published for the new version. */
  async change(file: string, text: string): Promise<Published> {
    return this.edit(file, [{ text }]);
  }

  async edit(file: string, changes: ({ text: string } | { range: LspRange; text: string })[]): Promise<Published> {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    const next = this.nextDiagnostics(file, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: changes });
    return next;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  at(file: string, line: number, character: number): { textDocument: { uri: string }; position: LspPosition } {
    return { textDocument: { uri: this.uri(file) }, position: { line, character } };
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => { if (this.child.exitCode !== null) resolve(); else this.child.once('exit', () => resolve()); });
    try {
      await this.request('shutdown', null);
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** 0-based position of the `nth` occurrence of `needle` in `text` (plus `offset` characters). */
export function positionOf(text: string, needle: string, offset = 0, nth = 0): LspPosition {
  let at = -1;
  for (let i = 0; i <= nth; i++) { at = text.indexOf(needle, at + 1); if (at < 0) throw new Error(`${needle} not found`); }
  at += offset;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}
