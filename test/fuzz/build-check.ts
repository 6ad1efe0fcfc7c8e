import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Model } from '../../src/model/types.ts';
import { generateTargets } from '../../src/generate.ts';

/**
 * For a model that passed `check`: generate a target and compile it with the real tool, with
 * warnings as errors. Returns the failures (empty when everything built). Tools that are not
 * installed are skipped and reported in `skipped`, never counted as passes.
 */
const TOP = path.join(import.meta.dirname, '../..');
const TSC = path.join(TOP, 'node_modules/.bin/tsc');

export interface BuildOutcome {
  target: string;
  ok: boolean;
  detail?: string;
}

function run(command: string, args: string[], cwd: string): { ok: boolean; output: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  if (r.error) return { ok: false, output: String(r.error.message) };
  return { ok: r.status === 0, output: `${r.stderr ?? ''}${r.stdout ?? ''}` };
}

export function toolAvailable(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

function firstError(output: string): string {
  const line = output.split('\n').find((l) => /error/i.test(l)) ?? output.split('\n')[0] ?? '';
  return line.slice(0, 300);
}

export async function buildTargets(model: Model, targets: string[]): Promise<BuildOutcome[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-fuzz-build-'));
  const outcomes: BuildOutcome[] = [];
  try {
    for (const output of await generateTargets(model, TOP, targets)) {
      const target = output.generator.name;
      const out = path.join(dir, target);
      for (const file of output.files) {
        const file_ = path.join(out, file.path);
        mkdirSync(path.dirname(file_), { recursive: true });
        writeFileSync(file_, file.contents);
      }
      if (target === 'c') {
        const headers = output.files.map((f) => f.path).filter((p) => p.endsWith('.h'));
        writeFileSync(path.join(out, 'all.c'), `${headers.map((h) => `#include "${h}"`).join('\n')}\nint hvspec_fuzz_unit;\n`);
        const r = run('gcc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic', '-c', '-o', path.join(out, 'all.o'), 'all.c'], out);
        outcomes.push({ target, ok: r.ok, ...(r.ok ? {} : { detail: firstError(r.output) }) });
      } else if (target === 'rust') {
        const r = run('rustc', ['--edition', '2021', '--crate-type', 'lib', '--crate-name', 'hvspec_bindings', '-D', 'warnings', '-o', path.join(out, 'lib.rlib'), 'src/lib.rs'], out);
        outcomes.push({ target, ok: r.ok, ...(r.ok ? {} : { detail: firstError(r.output) }) });
      } else if (target === 'ts') {
        const r = run(TSC, ['-p', path.join(out, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], out);
        outcomes.push({ target, ok: r.ok, ...(r.ok ? {} : { detail: firstError(r.output) }) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return outcomes;
}
