/**
 * `hvspec lsp`: a language server over one standards root, kept warm in one process. It is a
 * client of the one pipeline: every check is `compileCorpus` with an editor session (open buffers
 * read instead of the disk, unchanged files' parse results reused), so diagnostics are those of
 * `hvspec check`; navigation and hover answer from the model that run built.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DidChangeWatchedFilesNotification, ErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult, type Location, type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compileCorpus, type EditorSession, type WarmFile } from '../compile.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import type { BuildResult } from '../model/build.ts';
import type { ValidDocument } from '../validate/valid-document.ts';
import { findRoot, loadConfig, relevel, type Config } from '../cli/context.ts';
import { quickFixes } from './code-actions.ts';
import { complete } from './completion.ts';
import { RootPaths, toLspDiagnostic, toLspRange } from './convert.ts';
import { hoverMarkdown } from './hover.ts';
import { documentOutline, workspaceSymbols } from './outline.ts';
import { renameEdits, renameProblem } from './rename.ts';
import { indexCorpus, type CorpusIndex, type Occurrence } from './symbol-index.ts';

export interface ServerOptions {
  /** Start the root search here instead of at the client's workspace folder (the CLI's -C). */
  start?: string;
}

/**
 * A check that has run this long while edits wait is probably held up by one slow file (a parse
 * near its budget); the next check then starts beside it instead of queueing behind it. This only
 * decides when a check starts, never what it finds.
 */
const OVERTAKE_AFTER_MS = 250;

interface Snapshot {
  built: BuildResult | null;
  documents: ValidDocument[];
  diagnostics: Diagnostic[];
  index?: CorpusIndex;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const overlay = new Map<string, string>();
  const warm = new Map<string, WarmFile>();
  let paths: RootPaths | undefined;
  let config: Config = {};
  let snapshot: Snapshot | undefined;
  let watchRegistration = false;

  // Scheduling: changes that arrive while a check runs are folded into one next check.
  let running = 0;
  let runStarted = 0;
  let pending = false;
  let started = 0;
  let publishedGeneration = 0;
  const published = new Map<string, string>();
  const changedSincePublish = new Set<string>();

  const fileOf = (uri: string): string | undefined => {
    const file = paths?.file(uri);
    return file !== undefined && file.startsWith('standards/') && file.endsWith('.md') ? file : undefined;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    let start = options.start ?? process.cwd();
    if (!options.start && folder?.startsWith('file:')) start = fileURLToPath(folder);
    else if (!options.start && params.rootPath) start = params.rootPath;
    try {
      const root = findRoot(start);
      paths = new RootPaths(root);
    } catch (error) {
      connection.console.error(`hvspec: ${(error as Error).message}`);
    }
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['[', ' ', ':', '.'] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'hvspec' },
    };
  });

  connection.onInitialized(() => {
    if (!paths) {
      void connection.window.showErrorMessage('hvspec: no standards root (a folder holding standards/ or hvspec.config.json) found from the workspace folder.');
      return;
    }
    try {
      config = loadConfig(paths.root);
    } catch (error) {
      void connection.window.showErrorMessage(`hvspec: ${(error as Error).message}`);
    }
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/standards/**/*.md' }, { globPattern: '**/hvspec.config.json' }],
      });
    }
    schedule();
  });

  function schedule(): void {
    if (!paths) return;
    // Overtaking starts only once the first check has filled the warm results (it parses every file).
    const overtake = running === 1 && publishedGeneration > 0 && performance.now() - runStarted > OVERTAKE_AFTER_MS;
    if (running === 0 || overtake) {
      // setImmediate: edits that arrive in the same turn share one check.
      running++;
      runStarted = performance.now();
      setImmediate(() => { void check(); });
    } else {
      pending = true;
    }
  }

  async function check(): Promise<void> {
    const generation = ++started;
    const versions = new Map(documents.all().map((d) => [d.uri, d.version]));
    const edited = new Set(changedSincePublish);
    changedSincePublish.clear();
    try {
      const session: EditorSession = { overlay, warm };
      const result = await compileCorpus(paths!.root, { session });
      if (generation > publishedGeneration) {
        publishedGeneration = generation;
        const diagnostics = relevel(result.diagnostics, config);
        snapshot = { built: session.last?.built ?? null, documents: session.last?.documents ?? [], diagnostics };
        publish(diagnostics, versions, edited);
        // Build the navigation index while idle, so the first hover after an edit does not pay for it.
        setImmediate(() => { if (running === 0 && !pending) index(); });
      }
    } catch (error) {
      connection.console.error(`hvspec: internal error while checking: ${(error as Error).message}`);
    } finally {
      running--;
      if (pending && running === 0) {
        pending = false;
        schedule();
      }
    }
  }

  function publish(diagnostics: Diagnostic[], versions: Map<string, number>, edited: Set<string>): void {
    const byFile = new Map<string, Diagnostic[]>();
    const corpusWide: Diagnostic[] = [];
    for (const d of diagnostics) {
      if (d.file === undefined) { corpusWide.push(d); continue; }
      const list = byFile.get(d.file);
      if (list) list.push(d); else byFile.set(d.file, [d]);
    }
    for (const d of corpusWide) connection.console.warn(`hvspec ${d.code}: ${d.message}`);
    const files = new Set([...published.keys(), ...byFile.keys(), ...edited]);
    for (const file of files) {
      const list = byFile.get(file) ?? [];
      const text = JSON.stringify(list);
      if (published.get(file) === text && !edited.has(file)) continue;
      if (list.length === 0) published.delete(file); else published.set(file, text);
      const uri = paths!.uri(file);
      const version = versions.get(uri);
      void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: list.map((d) => toLspDiagnostic(d, paths!)) });
    }
  }

  const index = (): CorpusIndex | undefined => {
    if (!snapshot?.built) return undefined;
    snapshot.index ??= indexCorpus(snapshot.built.model, snapshot.built.sources, snapshot.documents);
    return snapshot.index;
  };

  const occurrenceAt = (uri: string, line: number, character: number): { index: CorpusIndex; occurrence: Occurrence } | undefined => {
    const file = paths?.file(uri);
    const idx = index();
    if (file === undefined || !idx) return undefined;
    const occurrence = idx.at(file, line + 1, character + 1);
    return occurrence ? { index: idx, occurrence } : undefined;
  };

  const location = (file: string, range: Occurrence['range']): Location => ({ uri: paths!.uri(file), range: toLspRange(range) });

  documents.onDidChangeContent((event) => {
    const file = fileOf(event.document.uri);
    if (file === undefined) return;
    overlay.set(file, event.document.getText());
    changedSincePublish.add(file);
    schedule();
  });

  documents.onDidClose((event) => {
    const file = fileOf(event.document.uri);
    if (file === undefined) return;
    overlay.delete(file);
    schedule();
  });

  connection.onDidChangeWatchedFiles((event) => {
    for (const change of event.changes) {
      const file = paths?.file(change.uri);
      if (file !== undefined && !existsSync(path.join(paths!.root, file))) warm.delete(file);
      if (file === 'hvspec.config.json') {
        try { config = loadConfig(paths!.root); } catch (error) { void connection.window.showErrorMessage(`hvspec: ${(error as Error).message}`); }
      }
    }
    schedule();
  });

  connection.onHover((params) => {
    const found = occurrenceAt(params.textDocument.uri, params.position.line, params.position.character);
    const entry = found && found.index.symbols.get(found.occurrence.key);
    if (!found || !entry) return null;
    return { contents: { kind: 'markdown', value: hoverMarkdown(entry) }, range: toLspRange(found.occurrence.range) };
  });

  connection.onDefinition((params) => {
    const found = occurrenceAt(params.textDocument.uri, params.position.line, params.position.character);
    const place = found && found.index.symbols.get(found.occurrence.key)?.place;
    return place ? location(place.file, place.range) : null;
  });

  connection.onReferences((params) => {
    const found = occurrenceAt(params.textDocument.uri, params.position.line, params.position.character);
    if (!found) return [];
    return found.index.occurrences(found.occurrence.key)
      .filter((o) => params.context.includeDeclaration || !o.definition)
      .map((o) => location(o.file, o.range));
  });

  connection.onPrepareRename((params) => {
    const found = occurrenceAt(params.textDocument.uri, params.position.line, params.position.character);
    const entry = found && found.index.symbols.get(found.occurrence.key);
    if (!found || !entry) throw new ResponseError(ErrorCodes.InvalidRequest, 'Nothing hvspec can rename is here.');
    if (!entry.place) throw new ResponseError(ErrorCodes.InvalidRequest, `${entry.name} is not written anywhere (it is a default name); define it explicitly to rename it.`);
    return { range: toLspRange(found.occurrence.range), placeholder: entry.name };
  });

  connection.onRenameRequest((params): WorkspaceEdit => {
    const found = occurrenceAt(params.textDocument.uri, params.position.line, params.position.character);
    const entry = found && found.index.symbols.get(found.occurrence.key);
    if (!found || !entry) throw new ResponseError(ErrorCodes.InvalidRequest, 'Nothing hvspec can rename is here.');
    const problem = renameProblem(found.index, entry, params.newName);
    if (problem) throw new ResponseError(ErrorCodes.InvalidRequest, `Cannot rename ${entry.qualified}: ${problem}`);
    const changes: NonNullable<WorkspaceEdit['changes']> = {};
    for (const o of renameEdits(found.index, entry.key)) (changes[paths!.uri(o.file)] ??= []).push({ range: toLspRange(o.range), newText: params.newName });
    return { changes };
  });

  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || fileOf(document.uri) === undefined) return [];
    return complete(document.getText(), params.position.line, params.position.character, snapshot?.built?.model ?? null);
  });

  connection.onDocumentSymbol((params) => {
    const file = paths?.file(params.textDocument.uri);
    const doc = snapshot?.documents.find((d) => d.parsed.file === file);
    return doc ? documentOutline(doc.parsed) : [];
  });

  connection.onWorkspaceSymbol((params) => {
    const idx = index();
    return idx && paths ? workspaceSymbols(idx, params.query, paths) : [];
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? quickFixes(document, params.context.diagnostics) : [];
  });

  documents.listen(connection);
  connection.listen();
}
