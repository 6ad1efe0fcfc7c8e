import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { lookupCode } from '../diagnostics/catalogue.ts';
import type { Diagnostic, Severity } from '../diagnostics/types.ts';
import { validateConfig as validate } from '../validate/validate.ts';
import type { PackageConfig } from '../../generators/types.ts';

/** A usage or configuration problem: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface Config {
  severity?: Record<string, Severity | 'off'>;
  chromium?: string;
  diff?: Record<string, unknown>;
  /** npm packages whose standards may be required (src/input/libraries.ts). */
  standardLibraries?: string[];
  /** Generator plugins: module paths or package names (src/plugins/). */
  plugins?: string[];
  /** Names and versions of the generated vendor packages (generators/package-info.ts). */
  package?: PackageConfig;
}

export interface GlobalOptions {
  C?: string;
  quiet?: boolean;
  color?: boolean;
}

export interface CliContext {
  /** The standards root: the directory holding standards/. */
  root: string;
  config: Config;
  quiet: boolean;
  color: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Walk up from `start` to the first directory with hvspec.config.json or standards/. */
export function findRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'hvspec.config.json')) || isDirectory(path.join(dir, 'standards'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new UsageError(`no standards root found from ${start} upwards (a directory holding standards/ or hvspec.config.json)`);
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

export function loadConfig(root: string): Config {
  const file = path.join(root, 'hvspec.config.json');
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`hvspec.config.json: ${(error as Error).message}`);
  }
  if (!validate(data)) {
    const first = validate.errors![0]!;
    throw new UsageError(`hvspec.config.json${first.instancePath.replace(/\//g, '.')}: ${first.message}${first.keyword === 'additionalProperties' ? ` (${(first.params as { additionalProperty: string }).additionalProperty})` : ''}`);
  }
  const config = data as Config;
  for (const [code, level] of Object.entries(config.severity ?? {})) {
    const doc = lookupCode(code);
    if (!doc) throw new UsageError(`hvspec.config.json: unknown diagnostic code ${code} in "severity"`);
    if (doc.severity === 'error' && level !== 'error') throw new UsageError(`hvspec.config.json: ${code} is an error and cannot be re-levelled to "${level}"`);
  }
  return config;
}

/** Apply the config's severity overrides (warnings and notes only; loadConfig refused the rest). */
export function relevel(diagnostics: Diagnostic[], config: Config): Diagnostic[] {
  const table = config.severity ?? {};
  return diagnostics.flatMap((d) => {
    const level = table[d.code];
    if (level === undefined || d.severity === 'error') return [d];
    if (level === 'off') return [];
    return [{ ...d, severity: level }];
  });
}

export function createContext(options: GlobalOptions): CliContext {
  const start = options.C ? path.resolve(options.C) : process.cwd();
  if (options.C && !isDirectory(start)) throw new UsageError(`-C ${options.C}: not a directory`);
  const root = findRoot(start);
  const env = process.env;
  const color = options.color !== false && !env.NO_COLOR && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true);
  return {
    root, config: loadConfig(root), quiet: options.quiet === true, color,
    stdout: (text) => { process.stdout.write(text); },
    stderr: (text) => { process.stderr.write(text); },
  };
}
