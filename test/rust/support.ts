/**
 * What the Rust tests share: finding rustc, compiling a standards root, writing the generated
 * crate, building it as a library (one rustc run) and building + running a test file against it
 * (one more).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateRust } from '../../generators/rust/index.ts';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** The library name of the generated crate (Cargo package `hvspec-bindings`). */
export const CRATE = 'hvspec_bindings';

/** A Rust tool from PATH, else from ~/.cargo/bin (rustup's default), else null. */
export function findTool(name: 'rustc' | 'rustdoc' | 'cargo'): string | null {
  if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0) return name;
  const home = join(homedir(), '.cargo', 'bin', name);
  return existsSync(home) && spawnSync(home, ['--version'], { stdio: 'ignore' }).status === 0 ? home : null;
}

/** The tool, or a skip (locally) / failure (CI=true) when it is missing. */
export function needTool(t: TestContext, name: 'rustc' | 'rustdoc' | 'cargo'): string | null {
  const tool = findTool(name);
  if (tool !== null) return tool;
  if (process.env.CI === 'true') throw new Error(`${name} is required in CI but was not found on PATH or in ~/.cargo/bin`);
  t.skip(`${name} not installed`);
  return null;
}

/** Compiles a standards root; fails with its errors when there are any. */
export async function modelOf(root: string): Promise<Model> {
  const result = await compileCorpus(root, { cache: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(result.model, `corpus ${root} has errors:\n${errors.map((d) => `${d.file}:${d.range?.start.line ?? 0} ${d.code} ${d.message}`).join('\n')}`);
  return result.model;
}

export interface Crate {
  dir: string;
  files: Map<string, string>;
  warnings: string[];
}

/** Generates the crate of `model` into a fresh temporary directory. */
export function writeCrate(model: Model, prefix = 'hvspec-rust-'): Crate {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const warnings: string[] = [];
  const files = new Map<string, string>();
  for (const file of generateRust(model, { root: PROJECT_ROOT, warn: (message) => warnings.push(message) })) {
    const path = join(dir, file.path);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file.contents);
    files.set(file.path, typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents));
  }
  return { dir, files, warnings };
}

function run(tool: string, args: string[], cwd: string): string {
  try {
    return execFileSync(tool, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed:\n${e.stderr || ''}${e.stdout || ''}${e.stderr || e.stdout ? '' : e.message}`);
  }
}

/** `rustc --edition 2021 --crate-type lib -D warnings`: builds the crate; returns the rlib path. */
export function buildLibrary(rustc: string, crate: Crate): string {
  const rlib = join(crate.dir, `lib${CRATE}.rlib`);
  run(rustc, ['--edition', '2021', '--crate-type', 'lib', '--crate-name', CRATE, '-D', 'warnings', '-o', rlib, join(crate.dir, 'src', 'lib.rs')], crate.dir);
  return rlib;
}

/**
 * Builds `source` as a test harness (`rustc --edition 2021 --test`) linked against the crate and
 * runs it; returns its standard output. `args` go to the test binary (filters, --nocapture).
 */
export function runRustTests(rustc: string, crate: Crate, rlib: string, name: string, source: string, args: string[] = []): string {
  const file = join(crate.dir, `${name}.rs`);
  writeFileSync(file, source);
  const binary = join(crate.dir, name);
  run(rustc, ['--edition', '2021', '--test', '-D', 'warnings', '--extern', `${CRATE}=${rlib}`, '-o', binary, file], crate.dir);
  return runTestBinary(crate, name, args);
}

/** Runs a test binary `runRustTests` built again, e.g. one test with `--exact --nocapture`. */
export function runTestBinary(crate: Crate, name: string, args: string[] = []): string {
  return run(join(crate.dir, name), ['--test-threads=1', ...args], crate.dir);
}
