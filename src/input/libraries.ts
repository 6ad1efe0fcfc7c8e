/**
 * Standard libraries: npm packages that ship standards a repository may `requires:` (hvspec ships
 * virtio-core, arm-smccc, … in its own `standards/`). They are found the way Node finds a package
 * (`node_modules/<name>` from the standards root upwards), read with the same real-path and
 * containment rules as the local tree, and checked with the same pipeline; see docs/libraries.md.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { quote, Report } from '../diagnostics/report.ts';
import type { Diagnostic, Range } from '../diagnostics/types.ts';
import { configPosition } from './config-position.ts';
import { discoverSources, isWithin, type SourceFile } from './discover.ts';

/** The library every repository gets when it does not list its own: hvspec's standards, if installed. */
export const DEFAULT_LIBRARY = 'hvspec';

export const CONFIG_FILE = 'hvspec.config.json';

export interface StandardLibrary {
  /** The npm package name, e.g. `hvspec` or `@acme/hv-standards`. */
  name: string;
  /** Its package.json `version`. */
  version: string;
  /** Real path of its standards folder (links in its documents must stay inside it). */
  standards: string;
  /** Its documents' paths start with this (relative to the standards root, ending in `/`). */
  prefix: string;
  sources: SourceFile[];
}

export interface LibraryList {
  names: string[];
  /** Listed in hvspec.config.json (a missing package is an error) or the implicit default (skipped when absent). */
  explicit: boolean;
  /** The config text, to point diagnostics at the entry. */
  configText?: string;
}

/** npm's rule for a package name (lower case, optional scope), which also keeps it a plain path below node_modules/. */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * `standardLibraries` from `<root>/hvspec.config.json`. The CLI has validated the file already; a
 * program calling compileCorpus on a broken config simply gets the default.
 */
export function configuredLibraries(root: string): LibraryList {
  let text: string;
  try { text = readFileSync(path.join(root, CONFIG_FILE), 'utf8'); } catch { return { names: [DEFAULT_LIBRARY], explicit: false }; }
  let data: unknown;
  try { data = JSON.parse(text); } catch { return { names: [DEFAULT_LIBRARY], explicit: false, configText: text }; }
  const list = (data as { standardLibraries?: unknown } | null)?.standardLibraries;
  if (!Array.isArray(list)) return { names: [DEFAULT_LIBRARY], explicit: false, configText: text };
  return { names: list.map(String), explicit: true, configText: text };
}

const locate = (configText: string | undefined, name: string): Range | undefined => configPosition(configText, 'standardLibraries', name);

export interface FoundPackage { dir: string; manifest: Record<string, unknown> }

export function readManifest(dir: string): Record<string, unknown> | null | 'invalid' {
  let text: string;
  try { text = readFileSync(path.join(dir, 'package.json'), 'utf8'); } catch { return null; }
  try {
    const data: unknown = JSON.parse(text);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? data as Record<string, unknown> : 'invalid';
  } catch { return 'invalid'; }
}

/**
 * Node's lookup: `<dir>/node_modules/<name>` from `from` upwards. A listed name may also be the
 * package the root itself belongs to (Node's self-reference), which is how hvspec's own repository
 * names its own standards; the implicit default needs a real dependency.
 */
export function findPackage(name: string, from: string, selfReference: boolean): FoundPackage | 'invalid' | null {
  let nearestChecked = false;
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    const manifest = readManifest(candidate);
    if (manifest === 'invalid') return 'invalid';
    if (manifest) return { dir: candidate, manifest };
    if (selfReference && !nearestChecked) {
      const own = readManifest(dir);
      if (own !== null) {
        nearestChecked = true;
        if (own !== 'invalid' && own.name === name) return { dir, manifest: own };
      }
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Resolve the library list into document lists. `localStandards` is the real path of the root's
 * own standards/ (or null): a library that is those same files (hvspec's own repository listing
 * "hvspec") is not loaded a second time, and neither is a package listed twice.
 */
export async function resolveLibraries(root: string, list: LibraryList, localStandards: string | null, report: Report,
  resolveFrom: string = root): Promise<StandardLibrary[]> {
  const libraries: StandardLibrary[] = [];
  const seen = new Set<string>(localStandards ? [localStandards] : []);
  const configFile = list.configText !== undefined ? CONFIG_FILE : undefined;
  for (const name of list.names) {
    const at = locate(list.configText, name);
    if (!PACKAGE_NAME.test(name) || name.length > 214) {
      report.add('HV1064', configFile, at, `${quote(name)} is not an npm package name.`,
        { hint: 'List packages by name as in package.json dependencies, e.g. "hvspec" or "@acme/hv-standards"; local documents go under standards/.' });
      continue;
    }
    const found = findPackage(name, resolveFrom, list.explicit);
    if (found === null) {
      if (list.explicit) {
        report.add('HV1060', configFile, at, `Standard library ${quote(name)} is not installed (no node_modules/${name} from the standards root upwards).`,
          { hint: `Install it (\`npm install --save-dev ${name}\`) or remove it from "standardLibraries".` });
      }
      continue;
    }
    if (found === 'invalid') {
      report.add('HV1061', configFile, at, `Standard library ${quote(name)} has an unreadable package.json.`, { hint: 'Reinstall the package.' });
      continue;
    }
    let realPackage: string;
    try { realPackage = realpathSync(found.dir); } catch { continue; }
    const field = (found.manifest.hvspec as { standards?: unknown } | undefined)?.standards;
    const declared = typeof field === 'string' ? field : 'standards';
    const standards = path.resolve(found.dir, declared);
    let realStandards: string | null = null;
    try { realStandards = realpathSync(standards); } catch { /* reported below */ }
    if (path.isAbsolute(declared) || !isWithin(found.dir, standards) || (realStandards !== null && !isWithin(realPackage, realStandards))) {
      report.add('HV1062', configFile, at, `Standard library ${quote(name)} declares its standards at ${quote(declared)}, outside the package; it is not read.`,
        { hint: 'A package\'s "hvspec": { "standards": … } must name a folder inside the package.' });
      continue;
    }
    if (realStandards === null || !statSync(realStandards).isDirectory()) {
      // The implicit default is only a convenience: an installed hvspec without standards is no error.
      if (!list.explicit) continue;
      report.add('HV1061', configFile, at, `Package ${quote(name)} ships no standards (no ${quote(declared)} folder).`,
        { hint: 'A standard library has a standards/ folder, or names its folder in package.json: "hvspec": { "standards": "…" }.' });
      continue;
    }
    if (seen.has(realStandards)) continue;
    seen.add(realStandards);
    const relative = path.relative(root, standards).split(path.sep).join('/');
    libraries.push({
      name, version: typeof found.manifest.version === 'string' ? found.manifest.version : '0.0.0',
      standards: realStandards, prefix: `${relative}/`,
      sources: await discoverSources(root, report, standards),
    });
  }
  return libraries;
}

/** The library a file belongs to (by path prefix), or undefined for the repository's own documents. */
export function libraryOf(libraries: StandardLibrary[], file: string | undefined): StandardLibrary | undefined {
  if (file === undefined) return undefined;
  return libraries.find((l) => file.startsWith(l.prefix));
}

/**
 * A library is not the user's to fix: its warnings and notes are dropped, and its errors become
 * one HV1063 per library (naming the first), since they make the corpus unusable all the same.
 */
export function foldLibraryDiagnostics(diagnostics: Diagnostic[], libraries: StandardLibrary[], list: LibraryList): Diagnostic[] {
  if (libraries.length === 0) return diagnostics;
  const kept: Diagnostic[] = [];
  const errors = new Map<StandardLibrary, Diagnostic[]>();
  for (const d of diagnostics) {
    const library = libraryOf(libraries, d.file);
    if (!library) { kept.push(d); continue; }
    if (d.severity === 'error') errors.set(library, [...(errors.get(library) ?? []), d]);
  }
  for (const library of libraries) {
    const found = errors.get(library);
    if (!found) continue;
    const first = found.sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0)))[0]!;
    const where = `${first.file}${first.range ? `:${first.range.start.line}:${first.range.start.column}` : ''}`;
    const sub = new Report();
    sub.add('HV1063', list.configText !== undefined ? CONFIG_FILE : undefined, locate(list.configText, library.name),
      `Standard library ${quote(library.name)} ${library.version} has ${found.length} error${found.length === 1 ? '' : 's'}; first: ${where} ${first.code} ${first.message}`,
      { hint: 'Install a version of the library that `hvspec check` accepts, or report it to its maintainers.',
        ...(first.range ? { related: [{ file: first.file!, range: first.range, message: `${first.code} ${first.message}` }] } : {}) });
    kept.push(...sub.diagnostics);
  }
  return kept;
}
