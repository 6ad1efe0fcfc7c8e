/**
 * Generator plugins (docs/plugins.md): modules named in hvspec.config.json `"plugins"` that export
 * a Generator, the interface the built-in targets implement. Loading never throws: a module that
 * is missing, fails to import, exports no generator or takes a built-in's name is a coded
 * diagnostic that names the plugin.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Generator } from '../../generators/types.ts';
import { quote, type Report } from '../diagnostics/report.ts';
import { configPosition } from '../input/config-position.ts';
import { CONFIG_FILE, findPackage } from '../input/libraries.ts';

export interface Plugin {
  /** The entry as written in the config, e.g. `./tools/go-gen.mjs` or `hvspec-go`. */
  entry: string;
  /** Absolute path of the module that was imported. */
  module: string;
  generator: Generator;
}

/** A target name and an output folder: lower case, so it is the same on every file system. */
export const PLUGIN_NAME = /^[a-z][a-z0-9-]{0,63}$/;

const isPath = (entry: string): boolean => entry.startsWith('./') || entry.startsWith('../') || path.isAbsolute(entry);

/** The module file of a plugin package: `exports["."]` (import or default condition), else `main`, else index.js. */
function packageEntry(dir: string, manifest: Record<string, unknown>): string {
  let target: unknown = manifest.exports;
  if (target !== null && typeof target === 'object' && '.' in (target as object)) target = (target as Record<string, unknown>)['.'];
  for (let depth = 0; depth < 4 && target !== null && typeof target === 'object'; depth++) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.node ?? conditions.default;
  }
  const file = typeof target === 'string' ? target : typeof manifest.main === 'string' ? manifest.main : 'index.js';
  return path.resolve(dir, file);
}

function resolveEntry(entry: string, root: string): string | null {
  if (isPath(entry)) {
    const file = path.resolve(root, entry);
    return existsSync(file) && statSync(file).isFile() ? file : null;
  }
  const found = findPackage(entry, root, true);
  if (found === null || found === 'invalid') return null;
  const file = packageEntry(found.dir, found.manifest);
  return existsSync(file) ? file : null;
}

/** Why `value` is not a Generator, or null when it is one. */
function shapeProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return 'it exports no generator object (default export or `generator`)';
  const g = value as Record<string, unknown>;
  if (typeof g.name !== 'string') return '`name` is not a string';
  if (typeof g.generate !== 'function') return '`generate` is not a function';
  if (g.outDir !== undefined && typeof g.outDir !== 'string') return '`outDir` is not a string';
  if (g.committed !== undefined && typeof g.committed !== 'boolean') return '`committed` is not a boolean';
  return null;
}

/**
 * Import every configured plugin. `builtIns` are the built-in generators, whose names and output
 * folders a plugin may not take. A plugin that fails is left out and reported.
 */
export async function loadPlugins(root: string, entries: readonly string[], configText: string | undefined,
  builtIns: readonly Generator[], report: Report): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  const names = new Map<string, string>(builtIns.map((g) => [g.name, 'the built-in target']));
  const folders = new Map<string, string>(builtIns.map((g) => [g.outDir, 'the built-in target']));
  for (const entry of entries) {
    const at = configPosition(configText, 'plugins', entry);
    const fail = (code: string, message: string, hint?: string): void => {
      report.add(code, configText !== undefined ? CONFIG_FILE : undefined, at, `Plugin ${quote(entry)}: ${message}`, hint ? { hint } : {});
    };
    const file = resolveEntry(entry, root);
    if (file === null) {
      fail('HV8001', isPath(entry) ? 'the module file does not exist.' : 'the package is not installed (no node_modules/' + entry + ' from the standards root upwards).',
        isPath(entry) ? 'Paths are relative to the standards root (the folder holding hvspec.config.json).' : `Install it: \`npm install --save-dev ${entry}\`.`);
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = await import(pathToFileURL(file).href) as Record<string, unknown>;
    } catch (error) {
      fail('HV8001', `importing ${quote(path.relative(root, file) || file)} failed: ${oneLine(error)}`, 'Run the module with `node` to see the full error.');
      continue;
    }
    const generator = (module.default ?? module.generator) as unknown;
    const problem = shapeProblem(generator);
    if (problem) {
      fail('HV8002', `${problem}.`, 'Export a Generator: `export default { name: "go", generate(model, context) { return [{ path, contents }]; } }` (docs/plugins.md).');
      continue;
    }
    const g = generator as Generator;
    const outDir = g.outDir ?? g.name;
    if (!PLUGIN_NAME.test(g.name) || !PLUGIN_NAME.test(outDir)) {
      fail('HV8003', `name ${quote(g.name)} and output folder ${quote(outDir)} must be lower-case names (letters, digits, dashes).`);
      continue;
    }
    const nameOwner = names.get(g.name);
    const folderOwner = folders.get(outDir);
    if (nameOwner || folderOwner) {
      fail('HV8003', nameOwner ? `the name ${quote(g.name)} is already taken by ${nameOwner}.` : `the output folder output/${outDir}/ already belongs to ${folderOwner}.`,
        'Give the plugin its own `name` (and `outDir`).');
      continue;
    }
    names.set(g.name, `plugin ${quote(entry)}`);
    folders.set(outDir, `plugin ${quote(entry)}`);
    // A plain object of the plugin's own fields: hvspec never calls anything but generate.
    plugins.push({ entry, module: file, generator: { name: g.name, outDir, committed: g.committed ?? true, generate: g.generate.bind(g) } });
  }
  return plugins;
}

/** An error as one line of text, whatever was thrown. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  // The text is the plugin's: control and bidi characters are made harmless before it reaches a terminal.
  const line = text.split('\n')[0]!.trim().replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return line.length > 300 ? `${line.slice(0, 297)}...` : line || 'unknown error';
}
