/**
 * The C compilers the tests drive, and the rule for missing ones: locally a test without its
 * compiler skips; in CI (CI=true) it fails, so a broken CI image cannot pass by skipping.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { GeneratedFile } from '../../generators/types.ts';

export function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Skips the test when `tool` is missing, unless CI=true (then the test fails). Returns whether to go on. */
export function needTool(t: TestContext, tool: string): boolean {
  if (hasTool(tool)) return true;
  if (process.env.CI === 'true') throw new Error(`${tool} is required in CI but was not found on PATH`);
  t.skip(`${tool} not installed`);
  return false;
}

export interface CompilerConfig {
  /** For messages: e.g. `gcc -std=c99`. */
  label: string;
  compiler: string;
  args: string[];
  /** Source file extension: `c` or `cpp`. */
  language: 'c' | 'cpp';
}

const STRICT = ['-Wall', '-Wextra', '-Werror', '-pedantic'];

/** The matrix every generated header must compile under. */
export const COMPILERS: CompilerConfig[] = [
  { label: 'gcc -std=c99', compiler: 'gcc', args: ['-std=c99', ...STRICT], language: 'c' },
  { label: 'gcc -std=c11', compiler: 'gcc', args: ['-std=c11', ...STRICT], language: 'c' },
  { label: 'clang -std=c99', compiler: 'clang', args: ['-std=c99', ...STRICT], language: 'c' },
  { label: 'clang -std=c11', compiler: 'clang', args: ['-std=c11', ...STRICT], language: 'c' },
  { label: 'g++ -std=c++17', compiler: 'g++', args: ['-std=c++17', ...STRICT], language: 'cpp' },
  { label: 'clang++ -std=c++17', compiler: 'clang++', args: ['-std=c++17', ...STRICT], language: 'cpp' },
  // Debian's cross compiler has no target libc headers; -ffreestanding uses GCC's own <stdint.h>,
  // as a hypervisor or RTOS build would.
  { label: 'aarch64-linux-gnu-gcc -std=c99', compiler: 'aarch64-linux-gnu-gcc', args: ['-std=c99', '-ffreestanding', ...STRICT], language: 'c' },
  { label: 'aarch64-linux-gnu-gcc -std=c11', compiler: 'aarch64-linux-gnu-gcc', args: ['-std=c11', '-ffreestanding', ...STRICT], language: 'c' },
  // Clang is a cross compiler out of the box: the aarch64 wrappers in C++ too.
  { label: 'clang++ --target=aarch64-linux-gnu -std=c++17', compiler: 'clang++', args: ['--target=aarch64-linux-gnu', '-ffreestanding', '-std=c++17', ...STRICT], language: 'cpp' },
];

/** A fresh temporary directory, removed when the test process exits. */
export function scratchDir(prefix = 'hvspec-c-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes generated files into a fresh temporary directory and returns it. */
export function writeFiles(files: GeneratedFile[], prefix = 'hvspec-c-'): string {
  const dir = scratchDir(prefix);
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file.contents);
  }
  return dir;
}

/** Runs a compiler; returns its diagnostics, or throws with them when it fails. */
export function compile(config: CompilerConfig, source: string, extra: string[]): string {
  const result = spawnSync(config.compiler, [...config.args, ...extra, source], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${config.label} failed on ${source}:\n${result.stderr.slice(0, 6000)}`);
  return result.stderr;
}

export function run(binary: string): string {
  return execFileSync(binary, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
