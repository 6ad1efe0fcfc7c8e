import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ResultCache, reviveMaps } from './cache/result-cache.ts';
import { Report, sortDiagnostics } from './diagnostics/report.ts';
import type { Diagnostic } from './diagnostics/types.ts';
import { decodeSource, MAX_FILE_BYTES } from './input/decode.ts';
import { discoverSources, isWithin, type SourceFile } from './input/discover.ts';
import { readRegularFile } from './input/read-source.ts';
import { buildModel } from './model/build.ts';
import type { Model } from './model/types.ts';
import { parseFiles } from './parse/parse-files.ts';
import { fileStart } from './parse/positions.ts';
import { runRules } from './rules/index.ts';
import type { ValidDocument } from './validate/validate.ts';

export interface CompileOptions {
  /** Use and fill the content-hash cache in `<root>/.hvspec-cache/` (default true). */
  cache?: boolean;
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
interface FileResult {
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

  const processed = await processFiles(sources, realStandards, cache);
  const results: FileResult[] = processed.map((p) => p.result);
  const keys: string[] = processed.map((p) => p.key);
  const corpusKey = cache?.key('corpus', ...keys, JSON.stringify(report.diagnostics));
  if (cache && corpusKey) {
    const hit = cache.get<CompileResult>(corpusKey);
    if (hit) return hit;
  }

  for (const r of results) report.diagnostics.push(...r.diagnostics);
  const documents = results.flatMap((r) => (r.document ? [r.document] : []));
  let model: Model | null = null;
  try {
    const built = buildModel(documents, report);
    runRules({ model: built.model, sources: built.sources, documents: documents.map((d) => d.parsed), report });
    model = built.model;
  } catch (error) {
    report.add('HV9001', undefined, undefined, `Internal error while building the model: ${(error as Error).message}.`,
      { hint: 'This is a bug in hvspec; please report it with the standards that trigger it.' });
  }
  const diagnostics = sortDiagnostics(report.diagnostics);
  const result: CompileResult = { model: diagnostics.some((d) => d.severity === 'error') ? null : model, diagnostics, files: sources.length };
  if (cache && corpusKey) cache.set(corpusKey, result);
  return result;
}

/**
 * Read, decode and parse every file. Reading and the cache come first, so the parser (in this
 * thread, or in workers for a large corpus: parse-files.ts) gets all texts that need it at once.
 */
async function processFiles(sources: SourceFile[], standards: string, cache: ResultCache | undefined): Promise<{ result: FileResult; key: string }[]> {
  const out: { result: FileResult; key: string }[] = [];
  const pending: { index: number; source: SourceFile; report: Report; text: string }[] = [];
  for (const source of sources) {
    const read = readSource(source, cache);
    if ('text' in read) pending.push({ index: out.length, source, report: read.report, text: read.text });
    out.push(read.done ?? { result: { diagnostics: [], document: null }, key: read.key });
  }
  const outcomes = await parseFiles(pending.map((p) => ({ text: p.text, file: p.source.file })));
  pending.forEach((p, i) => {
    const outcome = outcomes[i]!;
    p.report.diagnostics.push(...outcome.diagnostics);
    if (outcome.document) checkLinks(outcome.document.parsed.links, p.source, standards, p.report);
    const result: FileResult = { diagnostics: p.report.diagnostics, document: outcome.document };
    const key = out[p.index]!.key;
    cache?.set(key, result);
    out[p.index] = { result, key };
  });
  return out;
}

/** One file up to parsing: finished (unreadable, undecodable, cached) or its text to parse. */
function readSource(source: SourceFile, cache: ResultCache | undefined):
  { done: { result: FileResult; key: string }; key: string } | { done?: undefined; key: string; report: Report; text: string } {
  const report = new Report();
  // Only regular files are opened, never blocking (read-source.ts): a FIFO or device would hang the check.
  const read = readRegularFile(source.absolute);
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
