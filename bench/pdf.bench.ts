/**
 * `node --import tsx bench/pdf.bench.ts [ROOT]`: how long the PDF books of a corpus take.
 *
 * Compiles the corpus at ROOT (default: this project) once, then runs the PDF generator
 * BENCH_RUNS times (default 3) and prints each run and the fastest: on a shared machine the
 * minimum is the figure least disturbed by other load. Also prints pages and the machine's load
 * average, so a reader can tell a slow run from a busy machine. Target: the whole corpus < 15 s.
 * Exit code 0 unless the benchmark itself broke (no browser, compile errors).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfGenerator } from '../generators/pdf/index.ts';
import { compileCorpus } from '../src/compile.ts';

const TARGET_MS = 15_000;
const root = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../', import.meta.url)));
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

const { model, diagnostics } = await compileCorpus(root);
if (!model) {
  console.error(`bench/pdf: the corpus at ${root} has errors (${diagnostics.filter((d) => d.severity === 'error').length}); run hvspec check`);
  process.exit(1);
}

/**
 * CPU seconds of this process and of the children it reaped, from /proc (Linux); NaN elsewhere.
 * A lower bound: Chromium's renderer processes are children of its zygote and are not always
 * counted. Informative only; the target is on wall time.
 */
function cpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: utime, stime, cutime, cstime are fields 14–17 of stat(5), here 11–14.
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

const times: number[] = [];
const cpu: number[] = [];
let files: Awaited<ReturnType<typeof pdfGenerator.generate>> = [];
for (let run = 1; run <= runs; run++) {
  const warnings: string[] = [];
  const load = os.loadavg()[0]!.toFixed(1);
  const start = performance.now();
  const cpuStart = cpuSeconds();
  files = await pdfGenerator.generate(model, { root, warn: (m) => warnings.push(m) });
  const ms = performance.now() - start;
  cpu.push(cpuSeconds() - cpuStart);
  if (warnings.length) {
    console.error(`bench/pdf: ${warnings.join('; ')}`);
    process.exit(1);
  }
  times.push(ms);
  console.log(`run ${run}: ${(ms / 1000).toFixed(2)} s wall, ${cpu.at(-1)!.toFixed(2)} s CPU (load average before: ${load} on ${os.cpus().length} cores)`);
}

let pages = 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'hvspec-pdf-bench-'));
try {
  for (const file of files) {
    const at = path.join(dir, file.path);
    writeFileSync(at, file.contents);
    try {
      pages += Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [at], { encoding: 'utf8' }))?.[1] ?? 0);
    } catch {
      pages = NaN; // pdfinfo not installed: the page count is only informative
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const best = Math.min(...times);
console.log(`pdf: ${model.specs.length} standards, ${files.length} books, ${Number.isNaN(pages) ? '?' : pages} pages`);
console.log(`pdf: least CPU of ${runs} (lower bound, see cpuSeconds): ${Math.min(...cpu).toFixed(2)} s`);
console.log(`pdf: fastest of ${runs}: ${(best / 1000).toFixed(2)} s  (${Number.isNaN(pages) ? '' : `${((best / pages) * 100).toFixed(0)} ms per 100 pages, `}target < ${TARGET_MS / 1000} s: ${best < TARGET_MS ? 'PASS' : 'FAIL'})`);
