import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ResultCache, reviveMaps } from './cache/result-cache.ts';
import { Report, sortDiagnostics } from './diagnostics/report.ts';
import type { Diagnostic } from './diagnostics/types.ts';
import { decodeSource } from './input/decode.ts';
import { discoverSources, isWithin, type SourceFile } from './input/discover.ts';
import { buildModel, type BuildResult } from './model/build.ts';
import type { Model } from './model/types.ts';
import { parseBounded } from './parse/bounded-parse.ts';
import { runRules } from './rules/index.ts';
import type { ValidDocument } from './validate/validate.ts';

export interface CompileOptions {
  /** Use and fill the content-hash cache in `<root>/.hvspec-cache/` (default true). */
  cache?: boolean;
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
  try { realStandards = realpathSync(realStandards); } catch { /* no standards/: nothing to check */ }

  // All files are queued at once so the parse workers stay busy; results keep the sorted file order.
  const processed = await Promise.all(sources.map((source) => options.session
    ? processInSession(source, realStandards, cache, options.session)
    : processFile(source, realStandards, cache)));
  const results: FileResult[] = processed.map((p) => p.result);
  const keys: string[] = processed.map((p) => p.key);
  // A session wants the model as built (errors or not), which the corpus cache does not keep.
  const corpusKey = options.session ? undefined : cache?.key('corpus', ...keys, JSON.stringify(report.diagnostics));
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
    runRules({ model: built.model, sources: built.sources, documents: documents.map((d) => d.parsed), report });
    model = built.model;
  } catch (error) {
    report.add('HV9001', undefined, undefined, `Internal error while building the model: ${(error as Error).message}.`,
      { hint: 'This is a bug in hvspec; please report it with the standards that trigger it.' });
  }
  const diagnostics = sortDiagnostics(report.diagnostics);
  const result: CompileResult = { model: diagnostics.some((d) => d.severity === 'error') ? null : model, diagnostics, files: sources.length };
  if (cache && corpusKey) cache.set(corpusKey, result);
  if (options.session) options.session.last = { built, documents };
  return result;
}

/** `overlay`: the bytes to use instead of the file on disk (an editor's unsaved buffer). */
async function processFile(source: SourceFile, standards: string, cache: ResultCache | undefined, overlay?: Uint8Array): Promise<{ result: FileResult; key: string }> {
  const report = new Report();
  let bytes: Uint8Array;
  try {
    bytes = overlay ?? readFileSync(source.absolute);
  } catch (error) {
    report.add('HV1001', source.file, undefined, `File cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
    return { result: { diagnostics: report.diagnostics, document: null }, key: `unreadable:${source.file}` };
  }
  const key = cache?.key('file', source.file, bytes) ?? '';
  const cached = cache?.get<FileResult>(key);
  if (cached) return { result: reviveMaps(cached), key };
  let document: ValidDocument | null = null;
  const text = decodeSource(bytes, source.file, report);
  if (text !== null) {
    // Parsing and validation run in a worker with a time and memory budget (bounded-parse.ts).
    const outcome = await parseBounded(text, source.file);
    report.diagnostics.push(...outcome.diagnostics);
    document = outcome.document;
    if (document) checkLinks(document.parsed.links, source, standards, report);
  }
  const result: FileResult = { diagnostics: report.diagnostics, document };
  cache?.set(key, result);
  return { result, key };
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

async function processInSession(source: SourceFile, standards: string, cache: ResultCache | undefined, session: EditorSession): Promise<{ result: FileResult; key: string }> {
  const text = session.overlay.get(source.file);
  let stamp: string | undefined;
  if (text === undefined) {
    try { const s = statSync(source.absolute); stamp = `${s.size}:${s.mtimeMs}:${s.ino}`; } catch { /* unreadable: processFile reports it */ }
  }
  const warm = session.warm.get(source.file);
  if (warm && (text !== undefined ? warm.text === text : stamp !== undefined && warm.stamp === stamp)) return warm.processed;
  // Buffers change on every keystroke: they do not go to the disk cache, files on disk do.
  const processed = text !== undefined
    ? await processFile(source, standards, undefined, Buffer.from(text, 'utf8'))
    : await processFile(source, standards, cache);
  session.warm.set(source.file, text !== undefined ? { text, processed } : { ...(stamp !== undefined ? { stamp } : {}), processed });
  return processed;
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
