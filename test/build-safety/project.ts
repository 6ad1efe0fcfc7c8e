/**
 * Small projects for the build-safety tests: one standard in two versions (A and B) that change
 * nearly every generated file, so "old or new" is a real distinction; helpers to run the CLI and
 * to read an output tree.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const TOP = path.join(import.meta.dirname, '../..');
const BIN = path.join(TOP, 'bin/hvspec.js');
const SOURCE = readFileSync(path.join(TOP, 'test/fixtures/check/valid-corpus/standards/a.md'), 'utf8');

/** Version B: another version number, title and constant value, so the model, every header, crate, package, page and book differ. */
export function sourceOf(version: 'A' | 'B'): string {
  if (version === 'A') return SOURCE;
  return SOURCE.replace('version: 1.0.0', 'version: 1.1.0').replace('title: Test a', 'title: Test a, second edition')
    .replace('MAX_U64, value: 0xFFFFFFFFFFFFFFFF', 'MAX_U64, value: 0xFFFFFFFFFFFFFFFE');
}

export function makeProject(version: 'A' | 'B', where = tmpdir(), prefix = 'hvspec-safety-'): string {
  const root = mkdtempSync(path.join(where, prefix));
  setSources(root, version);
  return root;
}

export function setSources(root: string, version: 'A' | 'B'): void {
  mkdirSync(path.join(root, 'standards'), { recursive: true });
  writeFileSync(path.join(root, 'standards/a.md'), sourceOf(version));
}

export interface Run { code: number | null; signal: NodeJS.Signals | null; stderr: string }

export function hvspecSync(args: string[], env: Record<string, string> = {}, cwd = TOP): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 300_000 });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

export function hvspecAsync(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** The writer's temp files and lock (src/output/write.ts), which are not output. */
export const isWriterFile = (name: string): boolean => /^\..+\.tmp-\d+-[0-9a-f]{12}$/.test(name) || name.startsWith('.hvspec-write.lock');

/** Every file under `dir`, relative path → bytes. */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    let entries;
    try { entries = readdirSync(path.join(dir, rel), { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r); else out.set(r, readFileSync(path.join(dir, r)));
    }
  };
  walk('');
  return out;
}

/** Paths whose bytes differ between two trees (missing on one side counts), sorted. */
export function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.has(p) || !b.has(p) || !a.get(p)!.equals(b.get(p)!)).sort();
}
