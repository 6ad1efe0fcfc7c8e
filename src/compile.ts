import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ResultCache, reviveMaps } from './cache/result-cache.ts';
import { Report, sortDiagnostics } from './diagnostics/report.ts';
import type { Diagnostic } from './diagnostics/types.ts';
import { decodeSource, MAX_FILE_BYTES } from './input/decode.ts';
import { discoverSources, isWithin, type SourceFile } from './input/discover.ts';
import { configuredLibraries, foldLibraryDiagnostics, libraryOf, resolveLibraries, type LibraryList } from './input/libraries.ts';
import { readRegularFile } from './input/read-source.ts';
import { buildModel, type BuildResult } from './model/build.ts';
import type { Model } from './model/types.ts';
import { parseFiles } from './parse/parse-files.ts';
import { fileStart } from './parse/positions.ts';
import { runRules } from './rules/index.ts';
import type { ValidDocument } from './validate/valid-document.ts';

export interface CompileOptions {
  /** Use and fill the content-hash cache in `<root>/.hvspec-cache/` (default true). */
  cache?: boolean;
  /** Standard libraries to load (npm package names); default: `standardLibraries` of `<root>/hvspec.config.json`, else "hvspec" if installed. */
  standardLibraries?: string[];
  /** Where node_modules are looked up from (default the root), e.g. the working tree when the root is a temporary copy of a revision. */
  resolveLibrariesFrom?: string;
  /** For a long-lived caller (`hvspec lsp`): unsaved buffers and warm per-file results (see EditorSession). */
  session?: EditorSession;
}

export interface CompileResult {
  /** The canonical model; null when any error was found. */
  model: Model | null;
  /** Sorted by file, position and code. */
  diagnostics: Diagnostic[];
  /** Number of standards files read. */
  files: number;
}

/** What one file yields on its own, before the corpus is put together (cached per file). */
export interface FileResult {
  diagnostics: Diagnostic[];
  document: ValidDocument | null;
}

/**
 * Check a standards root: read every document, parse, validate, build the model, run the rules.
 * All errors of all files are reported in one run; no input makes this throw.
 */
export async function compileCorpus(root: string, options: CompileOptions = {}): Promise<CompileResult> {
  const absoluteRoot = path.resolve(root);
  const report = new Report();
  const cache = options.cache === false ? undefined : new ResultCache(absoluteRoot);
  const sources = await discoverSources(absoluteRoot, report);
  let realStandards = path.join(absoluteRoot, 'standards');
  let hasStandards = true;
  try { realStandards = realpathSync(realStandards); } catch { hasStandards = false; /* no standards/: nothing to check */ }
  const list: LibraryList = options.standardLibraries ? { ...configuredLibraries(absoluteRoot), names: options.standardLibraries, explicit: true } : configuredLibraries(absoluteRoot);
  const libraries = await resolveLibraries(absoluteRoot, list, hasStandards ? realStandards : null, report,
    options.resolveLibrariesFrom !== undefined ? path.resolve(options.resolveLibrariesFrom) : absoluteRoot);
  // Library documents come first (their paths sort first too), so a clash is reported on the repository's own document.
  const work = [...libraries.flatMap((l) => l.sources.map((source) => ({ source, standards: l.standards }))),
    ...sources.map((source) => ({ source, standards: realStandards }))];

  const processed = options.session ? await processInSession(work, cache, options.session) : await processFiles(work, cache);
  const results: FileResult[] = processed.map((p) => p.result);
  const keys: string[] = processed.map((p) => p.key);
  // The library list and config text decide which specs are library specs and where HV1063 points.
  // A session wants the model as built (errors or not), which the corpus cache does not keep.
  const corpusKey = options.session ? undefined : cache?.key('corpus', ...keys, JSON.stringify(report.diagnostics), JSON.stringify(libraries.map((l) => [l.name, l.version, l.prefix])), list.configText ?? '');
  if (cache && corpusKey) {
    const hit = cache.get<CompileResult>(corpusKey);
    if (hit) return hit;
  }

  for (const r of results) report.diagnostics.push(...r.diagnostics);
  const documents = results.flatMap((r) => (r.document ? [r.document] : []));
  let model: Model | null = null;
  let built: BuildResult | null = null;
  try {
    built = buildModel(documents, report);
    for (const spec of built.model.specs) {
      const library = libraryOf(libraries, spec.file);
      if (library) spec.library = library.name;
    }
    runRules({ model: built.model, sources: built.sources, documents: documents.map((d) => d.parsed), report });
    model = built.model;
  } catch (error) {
    report.add('HV9001', undefined, undefined, `Internal error while building the model: ${(error as Error).message}.`,
      { hint: 'This is a bug in hvspec; please report it with the standards that trigger it.' });
  }
  const diagnostics = sortDiagnostics(foldLibraryDiagnostics(report.diagnostics, libraries, list));
  const result: CompileResult = { model: diagnostics.some((d) => d.severity === 'error') ? null : model, diagnostics, files: sources.length };
  if (cache && corpusKey) cache.set(corpusKey, result);
  if (options.session) options.session.last = { built, documents };
  return result;
}

/**
 * Read, decode and parse every file. Reading and the cache come first, so the parser (in this
 * thread, or in workers for a large corpus: parse-files.ts) gets all texts that need it at once.
 */
async function processFiles(work: FileWork[], cache: ResultCache | undefined): Promise<{ result: FileResult; key: string }[]> {
  const out: { result: FileResult; key: string }[] = [];
  const pending: { index: number; source: SourceFile; standards: string; report: Report; text: string; cacheable: boolean }[] = [];
  for (const { source, standards, overlay } of work) {
    // Buffers change on every keystroke: they do not go to the disk cache, files on disk do.
    const read = readSource(source, overlay === undefined ? cache : undefined, overlay);
    if ('text' in read) pending.push({ index: out.length, source, standards, report: read.report, text: read.text, cacheable: overlay === undefined });
    out.push(read.done ?? { result: { diagnostics: [], document: null }, key: read.key });
  }
  const outcomes = await parseFiles(pending.map((p) => ({ text: p.text, file: p.source.file })));
  pending.forEach((p, i) => {
    const outcome = outcomes[i]!;
    p.report.diagnostics.push(...outcome.diagnostics);
    if (outcome.document) checkLinks(outcome.document.parsed.links, p.source, p.standards, p.report);
    const result: FileResult = { diagnostics: p.report.diagnostics, document: outcome.document };
    const key = out[p.index]!.key;
    if (p.cacheable) cache?.set(key, result);
    out[p.index] = { result, key };
  });
  return out;
}

/** One file up to parsing: finished (unreadable, undecodable, cached) or its text to parse. */
/** One file to read: where its links may point, and an editor's unsaved text instead of the disk. */
interface FileWork {
  source: SourceFile;
  standards: string;
  overlay?: Uint8Array;
}

function readSource(source: SourceFile, cache: ResultCache | undefined, overlay?: Uint8Array):
  { done: { result: FileResult; key: string }; key: string } | { done?: undefined; key: string; report: Report; text: string } {
  const report = new Report();
  // Only regular files are opened, never blocking (read-source.ts): a FIFO or device would hang the check.
  const read = overlay !== undefined ? { kind: 'bytes' as const, bytes: overlay } : readRegularFile(source.absolute);
  if (read.kind !== 'bytes') {
    if (read.kind === 'too-large') {
      report.add('HV1002', source.file, fileStart(), `File is ${read.size} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB).`,
        { hint: 'Split the standard into several documents that require each other.' });
    } else {
      report.add('HV1001', source.file, fileStart(), read.kind === 'not-regular' ? `This is ${read.what}, not a regular file; it is not read.` : `File cannot be read: ${read.code}.`);
    }
    const key = `unreadable:${source.file}:${read.kind}`;
    return { done: { result: { diagnostics: report.diagnostics, document: null }, key }, key };
  }
  const key = cache?.key('file', source.file, read.bytes) ?? '';
  const cached = cache?.get<FileResult>(key);
  if (cached) return { done: { result: reviveMaps(cached), key }, key };
  const text = decodeSource(read.bytes, source.file, report);
  if (text === null) {
    const result: FileResult = { diagnostics: report.diagnostics, document: null };
    cache?.set(key, result);
    return { done: { result, key }, key };
  }
  return { key, report, text };
}

// --- The editor layer (hvspec lsp) --------------------------------------------------------------

/**
 * What a long-lived caller keeps between runs. `overlay` holds the text of unsaved buffers, read
 * instead of the file on disk; `warm` holds each file's last result, reused while its text (or,
 * for a file read from disk, its size, mtime and inode) is unchanged, so an edit re-parses only the
 * edited file while the model and rules run over the whole corpus as in `hvspec check`.
 * compileCorpus leaves the model as built (also when it has errors) and the documents in `last`.
 */
export interface EditorSession {
  /** Root-relative path (`standards/virtio-i2c.md`, as in diagnostics) → buffer text. */
  overlay: Map<string, string>;
  warm: Map<string, WarmFile>;
  last?: { built: BuildResult | null; documents: ValidDocument[] };
}

export interface WarmFile {
  /** The overlay text the result was made from, or undefined when it came from disk. */
  text?: string;
  /** `size:mtime:inode` of the file on disk when it came from disk. */
  stamp?: string;
  processed: { result: FileResult; key: string };
}

/** processFiles for a session: files whose text is unchanged since the last run are not read again. */
async function processInSession(work: FileWork[], cache: ResultCache | undefined, session: EditorSession): Promise<{ result: FileResult; key: string }[]> {
  const out: ({ result: FileResult; key: string } | undefined)[] = [];
  const todo: { index: number; item: FileWork; text?: string; stamp?: string }[] = [];
  for (const item of work) {
    const file = item.source.file;
    const text = session.overlay.get(file);
    let stamp: string | undefined;
    if (text === undefined) {
      try { const s = statSync(item.source.absolute); stamp = `${s.size}:${s.mtimeMs}:${s.ino}`; } catch { /* unreadable: readSource reports it */ }
    }
    const warm = session.warm.get(file);
    if (warm && (text !== undefined ? warm.text === text : stamp !== undefined && warm.stamp === stamp)) {
      out.push(warm.processed);
      continue;
    }
    todo.push({ index: out.length, item: text !== undefined ? { ...item, overlay: Buffer.from(text, 'utf8') } : item, ...(text !== undefined ? { text } : {}), ...(stamp !== undefined ? { stamp } : {}) });
    out.push(undefined);
  }
  // A file deleted (or renamed) since the last run keeps no result: the session would only grow.
  const present = new Set(work.map((w) => w.source.file));
  for (const file of session.warm.keys()) if (!present.has(file)) session.warm.delete(file);
  const processed = await processFiles(todo.map((t) => t.item), cache);
  todo.forEach((t, i) => {
    const p = processed[i]!;
    out[t.index] = p;
    session.warm.set(t.item.source.file, { ...(t.text !== undefined ? { text: t.text } : {}), ...(t.stamp !== undefined ? { stamp: t.stamp } : {}), processed: p });
  });
  return out as { result: FileResult; key: string }[];
}

const SAFE_SCHEMES = /^(https?|mailto):/i;

/** Links in prose may point at the web, at anchors, or at files inside the standards tree. */
function checkLinks(links: { url: string; range: Diagnostic['range'] }[], source: SourceFile, standards: string, report: Report): void {
  for (const link of links) {
    const url = link.url.trim();
    if (url === '' || url.startsWith('#') || SAFE_SCHEMES.test(url)) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('\\') || url.startsWith('//')) {
      report.add('HV3013', source.file, link.range, `Link to ${JSON.stringify(url.slice(0, 60))} is not allowed in a published standard.`,
        { hint: 'Use an https: URL, an anchor, a relative link to another standard, or [[spec:id]].' });
      continue;
    }
    let target: string;
    try {
      target = path.resolve(path.dirname(source.absolute), decodeURIComponent(url.split(/[?#]/)[0]!));
    } catch {
      target = path.resolve(path.dirname(source.absolute), url.split(/[?#]/)[0]!);
    }
    let real = target;
    try { real = realpathSync(target); } catch { /* a missing target is checked by the publisher's link checker */ }
    if (!isWithin(standards, real)) {
      report.add('HV3013', source.file, link.range, `Link to ${JSON.stringify(url.slice(0, 60))} leaves the standards tree.`,
        { hint: 'Link only to documents under standards/, or use [[spec:id]].' });
    }
  }
}
