/**
 * Running a plugin: it gets its own deep-frozen copy of the model (it cannot change what the other
 * targets see), and whatever it returns is checked before anything is written: a list of
 * `{ path, contents }` with safe, distinct relative paths, so it cannot write outside output/<outDir>/.
 */
import type { GenerateContext } from '../../generators/types.ts';
import { quote, type Report } from '../diagnostics/report.ts';
import type { Model } from '../model/types.ts';
import type { OutputFile } from '../output/write.ts';
import { CONFIG_FILE } from '../input/libraries.ts';
import { configPosition } from '../input/config-position.ts';
import { oneLine, type Plugin } from './load.ts';

/** Freeze every object and array reachable from `value` (iteratively: models can be deep). */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object' || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const child of Object.values(next)) pending.push(child);
  }
  return value;
}

/** Why one returned entry is not a file hvspec may write, or null. */
function fileProblem(file: unknown): string | null {
  if (file === null || typeof file !== 'object') return 'an entry is not an object { path, contents }';
  const { path, contents } = file as { path?: unknown; contents?: unknown };
  if (typeof path !== 'string') return 'an entry has no string `path`';
  if (path === '' || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\') || path.includes('\u0000')
    || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return `the path ${quote(path)} is not a plain relative path inside its output folder`;
  }
  if (typeof contents !== 'string' && !(contents instanceof Uint8Array)) return `the contents of ${quote(path)} are not a string or a Uint8Array`;
  return null;
}

/**
 * Call the plugin's generate; return its files sorted by path, or null after reporting HV8004
 * (it threw) or HV8005 (it returned something unusable).
 */
export async function runPlugin(plugin: Plugin, model: Model, context: GenerateContext, configText: string | undefined, report: Report): Promise<OutputFile[] | null> {
  const at = configPosition(configText, 'plugins', plugin.entry);
  const file = configText !== undefined ? CONFIG_FILE : undefined;
  const name = `Plugin ${quote(plugin.generator.name)} (${plugin.entry})`;
  let returned: unknown;
  try {
    returned = await plugin.generator.generate(deepFreeze(structuredClone(model)), Object.freeze({ ...context }));
  } catch (error) {
    report.add('HV8004', file, at, `${name} failed: ${oneLine(error)}`, { hint: 'output/ was not changed. The model a plugin receives is read-only (frozen).' });
    return null;
  }
  if (!Array.isArray(returned)) {
    report.add('HV8005', file, at, `${name} returned ${returned === null ? 'null' : typeof returned}, not an array of files.`,
      { hint: '`generate` returns (or resolves to) an array of { path, contents }.' });
    return null;
  }
  const seen = new Set<string>();
  for (const entry of returned) {
    let problem = fileProblem(entry);
    const path = (entry as { path?: string } | null)?.path;
    if (!problem && path !== undefined) {
      // Two names that differ only in case are one file on macOS and Windows.
      if (seen.has(path.toLowerCase())) problem = `the path ${quote(path)} is returned twice`;
      seen.add(path.toLowerCase());
    }
    if (problem) {
      report.add('HV8005', file, at, `${name} returned a file hvspec will not write: ${problem}.`,
        { hint: 'Paths are relative to output/<outDir>/, with forward slashes and no `..`; nothing of this plugin was written.' });
      return null;
    }
  }
  const files = (returned as OutputFile[]).map((f) => ({ path: f.path, contents: f.contents }));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
