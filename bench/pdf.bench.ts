/**
 * `node --import tsx bench/pdf.bench.ts [ROOT]`: how long the PDF books of a corpus take.
 *
 * Compiles the corpus at ROOT (default: this project) once, then runs the PDF generator
 * BENCH_RUNS times (default 3) and prints each run and the fastest: on a shared machine the
 * minimum is the figure least disturbed by other load. Also prints pages and the machine's load
 * average, so a reader can tell a slow run from a busy machine. Target: the whole corpus < 15 s.
 * Exit code 0 unless the benchmark itself broke (no browser, compile errors).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * CPU seconds of this process and all its descendants (Chromium's browser, zygote, renderers,
 * GPU and utility processes), sampled from /proc every 100 ms and summed per process at its last
 * sample: the load-independent figure. On a shared machine the wall time says how much of the
 * CPU the run was given; this says how much it needed (misses at most the last 100 ms of a process).
 */
function sampleTree(): { stop: () => number } {
  const last = new Map<number, number>();
  const sample = () => {
    const parent = new Map<number, number>();
    const cpu = new Map<number, number>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(d), Number(f[1]));
        cpu.set(Number(d), (Number(f[11]) + Number(f[12])) / 100);
      } catch { /* exited meanwhile */ }
    }
    for (const [pid, seconds] of cpu) {
      let p = pid;
      while (p !== process.pid && parent.has(p) && p > 1) p = parent.get(p)!;
      if (p === process.pid) last.set(pid, seconds);
    }
  };
  sample();
  const base = new Map(last);
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      let total = 0;
      for (const [pid, seconds] of last) total += seconds - (base.get(pid) ?? 0);
      return total;
    },
  };
}

/**
 * BENCH_BURN=n: n extra processes that burn a core each for the duration, the load `npm test`
 * adds (it runs two test files at a time: with the PDF test, one other busy test, BENCH_BURN=1).
 */
const burners = Array.from({ length: Math.max(0, Number(process.env.BENCH_BURN ?? 0)) }, () =>
  spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
process.on('exit', () => burners.forEach((b) => b.kill('SIGKILL')));

const times: number[] = [];
const treeCpu: number[] = [];
const cpu: number[] = [];
let files: Awaited<ReturnType<typeof pdfGenerator.generate>> = [];
for (let run = 1; run <= runs; run++) {
  const warnings: string[] = [];
  const load = os.loadavg()[0]!.toFixed(1);
  const start = performance.now();
  const cpuStart = cpuSeconds();
  const tree = sampleTree();
  files = await pdfGenerator.generate(model, { root, warn: (m) => warnings.push(m) });
  const ms = performance.now() - start;
  cpu.push(cpuSeconds() - cpuStart);
  treeCpu.push(tree.stop());
  if (warnings.length) {
    console.error(`bench/pdf: ${warnings.join('; ')}`);
    process.exit(1);
  }
  times.push(ms);
  console.log(`run ${run}: ${(ms / 1000).toFixed(2)} s wall, ${treeCpu.at(-1)!.toFixed(2)} s CPU in all processes, ${cpu.at(-1)!.toFixed(2)} s reaped (load average before: ${load} on ${os.cpus().length} cores, ${burners.length} burners)`);
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
console.log(`pdf: least CPU of ${runs}, all processes (sampled): ${Math.min(...treeCpu).toFixed(2)} s; on ${os.cpus().length} idle cores that is at least ${(Math.min(...treeCpu) / os.cpus().length).toFixed(1)} s of wall time`);
console.log(`pdf: fastest of ${runs}: ${(best / 1000).toFixed(2)} s  (${Number.isNaN(pages) ? '' : `${((best / pages) * 100).toFixed(0)} ms per 100 pages, `}target < ${TARGET_MS / 1000} s: ${best < TARGET_MS ? 'PASS' : 'FAIL'})`);
