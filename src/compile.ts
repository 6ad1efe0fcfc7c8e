import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ResultCache, reviveMaps } from './cache/result-cache.ts';
import { Report, sortDiagnostics } from './diagnostics/report.ts';
import type { Diagnostic } from './diagnostics/types.ts';
import { decodeSource } from './input/decode.ts';
import { discoverSources, isWithin, type SourceFile } from './input/discover.ts';
import { configuredLibraries, foldLibraryDiagnostics, libraryOf, resolveLibraries, type LibraryList } from './input/libraries.ts';
import { buildModel } from './model/build.ts';
import type { Model } from './model/types.ts';
import { parseBounded } from './parse/bounded-parse.ts';
import { runRules } from './rules/index.ts';
import type { ValidDocument } from './validate/validate.ts';

export interface CompileOptions {
  /** Use and fill the content-hash cache in `<root>/.hvspec-cache/` (default true). */
  cache?: boolean;
  /** Standard libraries to load (npm package names); default: `standardLibraries` of `<root>/hvspec.config.json`, else "hvspec" if installed. */
  standardLibraries?: string[];
  /** Where node_modules are looked up from (default the root), e.g. the working tree when the root is a temporary copy of a revision. */
  resolveLibrariesFrom?: string;
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
  let hasStandards = true;
  try { realStandards = realpathSync(realStandards); } catch { hasStandards = false; /* no standards/: nothing to check */ }
  const list: LibraryList = options.standardLibraries ? { ...configuredLibraries(absoluteRoot), names: options.standardLibraries, explicit: true } : configuredLibraries(absoluteRoot);
  const libraries = await resolveLibraries(absoluteRoot, list, hasStandards ? realStandards : null, report,
    options.resolveLibrariesFrom !== undefined ? path.resolve(options.resolveLibrariesFrom) : absoluteRoot);
  // Library documents come first (their paths sort first too), so a clash is reported on the repository's own document.
  const work = [...libraries.flatMap((l) => l.sources.map((source) => ({ source, standards: l.standards }))),
    ...sources.map((source) => ({ source, standards: realStandards }))];

  // All files are queued at once so the parse workers stay busy; results keep the sorted file order.
  const processed = await Promise.all(work.map((w) => processFile(w.source, w.standards, cache)));
  const results: FileResult[] = processed.map((p) => p.result);
  const keys: string[] = processed.map((p) => p.key);
  // The library list and config text decide which specs are library specs and where HV1063 points.
  const corpusKey = cache?.key('corpus', ...keys, JSON.stringify(report.diagnostics), JSON.stringify(libraries.map((l) => [l.name, l.version, l.prefix])), list.configText ?? '');
  if (cache && corpusKey) {
    const hit = cache.get<CompileResult>(corpusKey);
    if (hit) return hit;
  }

  for (const r of results) report.diagnostics.push(...r.diagnostics);
  const documents = results.flatMap((r) => (r.document ? [r.document] : []));
  let model: Model | null = null;
  try {
    const built = buildModel(documents, report);
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
  return result;
}

async function processFile(source: SourceFile, standards: string, cache: ResultCache | undefined): Promise<{ result: FileResult; key: string }> {
  const report = new Report();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(source.absolute);
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
