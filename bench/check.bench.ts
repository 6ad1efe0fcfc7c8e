/**
 * `npm run bench`: how fast `hvspec check` is against the least any checker must do.
 *
 * For synthetic corpora of 100 and 1,000 standards (bench/synthetic-corpus.ts) it measures
 *   - the floor: read every file, remark-parse it (the only plugin check uses) and YAML-parse every
 *     hvspec block and the front matter, in one fresh process;
 *   - `hvspec check` through the real CLI (`node bin/hvspec.js -C DIR check`), cold without the
 *     cache, cold filling the cache (the real first run), warm with nothing changed, and after one
 *     file changed: wall time, CPU time and peak RSS (`/usr/bin/time -v` when installed);
 *   - the same four through `compileCorpus` in a fresh process, timing only the compile, so the
 *     ratio to the floor is not blurred by Node and tsx start-up.
 * Each figure is the fastest of BENCH_RUNS runs (default 3): on a shared machine the minimum is the
 * figure least disturbed by other load. Targets are printed PASS/FAIL; the exit code is 0 unless
 * the benchmark itself broke (a check reported errors, a child crashed), because this is a
 * measurement, not a test.
 *
 * The same file is its own child: `check.bench.ts --child compile|floor DIR [--no-cache]` prints
 * one JSON line `{ ms, cpuMs, maxRssKb, files, errors }`.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);
const cli = path.join(projectRoot, 'bin', 'hvspec.js');
const TIME = '/usr/bin/time';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);

interface Sample {
  /** Wall-clock milliseconds. */
  ms: number;
  /** User + system CPU milliseconds (all threads, so GC on the second core counts). */
  cpuMs: number;
  /** Peak resident set size in KiB; NaN when unknown. */
  maxRssKb: number;
}

interface ChildReport extends Sample {
  files: number;
  errors: number;
}

// ---------------------------------------------------------------------------------------------
// Child mode: the work itself, timed from inside a fresh process.

async function childCompile(dir: string, cache: boolean): Promise<ChildReport> {
  const { compileCorpus } = await import('../src/compile.ts');
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await compileCorpus(dir, { cache });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  return { ms, cpuMs: (used.user + used.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, files: result.files, errors };
}

/** The least a checker must do: read, parse the Markdown, parse every block's YAML. */
async function childFloor(dir: string): Promise<ChildReport> {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { parseDocument } = await import('yaml');
  const markdown = unified().use(remarkParse);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const standards = path.join(dir, 'standards');
  let files = 0;
  let errors = 0;
  for (const name of readdirSync(standards).sort()) {
    if (!name.endsWith('.md')) continue;
    const text = readFileSync(path.join(standards, name), 'utf8');
    files++;
    const close = text.indexOf('\n---', 3);
    errors += parseDocument(text.slice(4, close)).errors.length;
    const tree = markdown.parse('\n'.repeat(text.slice(0, close).split('\n').length + 1) + text.slice(close + 4));
    const stack: any[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node.type === 'code' && node.lang === 'hvspec') errors += parseDocument(node.value).errors.length;
      else if (node.children) stack.push(...node.children);
    }
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, files, errors };
}

// ---------------------------------------------------------------------------------------------
// Parent mode: spawning and measuring.

const hasTime = existsSync(TIME);

/** Run a command, timing it from outside; peak RSS and CPU from /usr/bin/time -v when present. */
function spawnMeasured(args: string[]): Sample & { stdout: string; status: number | null } {
  const command = hasTime ? TIME : process.execPath;
  const argv = hasTime ? ['-v', process.execPath, ...args] : args;
  const start = performance.now();
  const child = spawnSync(command, argv, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - start;
  const stderr = child.stderr ?? '';
  const field = (label: string): number => Number(new RegExp(`${label}: ([0-9.]+)`).exec(stderr)?.[1] ?? NaN);
  return {
    ms,
    cpuMs: (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000,
    maxRssKb: field('Maximum resident set size \\(kbytes\\)'),
    stdout: child.stdout ?? '',
    status: child.status,
  };
}

function runCli(dir: string, cache: boolean): Sample {
  const result = spawnMeasured([cli, '-C', dir, '--no-color', 'check', ...(cache ? [] : ['--no-cache'])]);
  if (result.status !== 0 || !/\b0 errors\b/.test(result.stdout)) {
    throw new Error(`hvspec check on ${dir} did not pass (exit ${result.status}):\n${result.stdout.slice(-2000)}`);
  }
  return result;
}

function runChild(mode: 'compile' | 'floor', dir: string, cache: boolean): ChildReport {
  const result = spawnMeasured(['--import', 'tsx', thisFile, '--child', mode, dir, ...(cache ? [] : ['--no-cache'])]);
  if (result.status !== 0) throw new Error(`bench child ${mode} ${dir} failed (exit ${result.status})`);
  const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ChildReport;
  if (report.errors !== 0) throw new Error(`bench child ${mode} ${dir}: ${report.errors} errors`);
  return report;
}

/** Fastest of RUNS samples; peak RSS is the largest seen. Each sample is logged as it comes, so a
 * run cut short on a busy machine still leaves its figures behind. */
function best(label: string, take: (run: number) => Sample): Sample {
  const samples = Array.from({ length: RUNS }, (_, run) => {
    const sample = take(run);
    log(`  ${label}: ${seconds(sample.ms)} wall, ${seconds(sample.cpuMs)} CPU, ${mb(sample.maxRssKb)} (load ${os.loadavg()[0]!.toFixed(1)})`);
    return sample;
  });
  const fastest = samples.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...fastest, maxRssKb: Math.max(...samples.map((s) => s.maxRssKb)) };
}

const clearCache = (dir: string): void => rmSync(path.join(dir, '.hvspec-cache'), { recursive: true, force: true });

/** Change one document (a new prose line at its end) so exactly one cache entry misses. */
function touchOne(files: string[], run: number): void {
  appendFileSync(files[(run * 7919) % files.length]!, `\nAn edit made by the benchmark, number ${run}, ${process.hrtime.bigint()}.\n`);
}

interface SizeResult {
  size: number;
  megabytes: number;
  floor: Sample;
  cli: { cold: Sample; coldFill: Sample; warm: Sample; oneChanged: Sample };
  inProcess: { cold: Sample; coldFill: Sample; warm: Sample; oneChanged: Sample };
}

function measureSize(size: number, root: string): SizeResult {
  const dir = path.join(root, `corpus-${size}`);
  const files = writeSyntheticCorpus(dir, size);
  const megabytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0) / 1e6;
  log(`${size} documents, ${megabytes.toFixed(1)} MB in ${dir}`);

  const floor = best('floor', () => runChild('floor', dir, false));
  const cli = {
    cold: best('CLI --no-cache', () => runCli(dir, false)),
    coldFill: best('CLI cache fill', () => { clearCache(dir); return runCli(dir, true); }),
    warm: best('CLI warm', () => runCli(dir, true)),
    oneChanged: best('CLI one changed', (run) => { touchOne(files, run); return runCli(dir, true); }),
  };
  const inProcess = {
    cold: best('compileCorpus no cache', () => runChild('compile', dir, false)),
    coldFill: best('compileCorpus cache fill', () => { clearCache(dir); return runChild('compile', dir, true); }),
    warm: best('compileCorpus warm', () => runChild('compile', dir, true)),
    oneChanged: best('compileCorpus one changed', (run) => { touchOne(files, RUNS + run); return runChild('compile', dir, true); }),
  };
  return { size, megabytes, floor, cli, inProcess };
}

// ---------------------------------------------------------------------------------------------
// Output

function log(line: string): void { process.stderr.write(`${line}\n`); }

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number): string => (Number.isNaN(kb) ? 'n/a' : `${Math.round(kb / 1024)} MB`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(rows[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

function report(results: SizeResult[]): void {
  const rows: string[][] = [['corpus', 'run', 'wall', 'CPU', 'peak RSS']];
  for (const r of results) {
    const label = `${r.size} docs (${r.megabytes.toFixed(1)} MB)`;
    const add = (name: string, s: Sample): void => { rows.push([label, name, seconds(s.ms), seconds(s.cpuMs), mb(s.maxRssKb)]); };
    add('floor: read + remark-parse + yaml (in-process)', r.floor);
    add('CLI check --no-cache (cold)', r.cli.cold);
    add('CLI check, cache emptied (cold, fills cache)', r.cli.coldFill);
    add('CLI check, nothing changed (warm)', r.cli.warm);
    add('CLI check, one file changed', r.cli.oneChanged);
    add('compileCorpus, no cache', r.inProcess.cold);
    add('compileCorpus, cache emptied (fills cache)', r.inProcess.coldFill);
    add('compileCorpus, nothing changed', r.inProcess.warm);
    add('compileCorpus, one file changed', r.inProcess.oneChanged);
  }
  console.log(table(rows));
  console.log();

  const targets: string[][] = [['target', 'measured', 'limit', 'verdict']];
  const target = (name: string, value: number, limit: number, strict = false, unit = ''): void => {
    const pass = strict ? value < limit : value <= limit;
    targets.push([name, `${value.toFixed(2)}${unit}`, `${strict ? '<' : '≤'} ${limit}${unit}`, pass ? 'PASS' : 'FAIL']);
  };
  for (const r of results) {
    target(`${r.size}: cold check / floor (compileCorpus, no cache)`, r.inProcess.cold.ms / r.floor.ms, 1.3);
    target(`${r.size}: cold check / floor (CLI incl. start-up, cache fill)`, r.cli.coldFill.ms / r.floor.ms, 1.3);
    target(`${r.size}: unchanged re-run / cold (CLI)`, r.cli.warm.ms / r.cli.coldFill.ms, 0.1);
    target(`${r.size}: unchanged re-run / cold (compileCorpus)`, r.inProcess.warm.ms / r.inProcess.coldFill.ms, 0.1);
    target(`${r.size}: one file changed / cold (CLI, for information)`, r.cli.oneChanged.ms / r.cli.coldFill.ms, 1);
    // CPU time is far less disturbed than wall time when other jobs share the machine.
    target(`${r.size}: cold check / floor, CPU time (compileCorpus, for information)`, r.inProcess.cold.cpuMs / r.floor.cpuMs, 1.3);
    target(`${r.size}: unchanged re-run / cold, CPU time (CLI, for information)`, r.cli.warm.cpuMs / r.cli.coldFill.cpuMs, 0.1);
  }
  const small = results.find((r) => r.size === 100);
  const large = results.find((r) => r.size === 1000);
  if (small && large) {
    target('1000 / 100, cold check (CLI, cache fill)', large.cli.coldFill.ms / small.cli.coldFill.ms, 11);
    target('1000 / 100, cold check (compileCorpus, no cache)', large.inProcess.cold.ms / small.inProcess.cold.ms, 11);
    target('1000 / 100, cold check, CPU time (CLI, for information)', large.cli.coldFill.cpuMs / small.cli.coldFill.cpuMs, 11);
    // The CLI's figure (whole process, by /usr/bin/time) when known, else compileCorpus's own.
    const peaks = [large.cli.cold, large.cli.coldFill, large.inProcess.cold, large.inProcess.coldFill].map((s) => s.maxRssKb).filter((kb) => !Number.isNaN(kb));
    target('peak RSS at 1000 (MB)', Math.max(...peaks) / 1024, 512, true);
  }
  console.log(table(targets));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, mode, dir] = args;
    const cache = !args.includes('--no-cache');
    const result = mode === 'floor' ? await childFloor(dir!) : await childCompile(dir!, cache);
    console.log(JSON.stringify(result));
    return;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'hvspec-bench-'));
  try {
    console.log(`hvspec check benchmark — Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, best of ${RUNS}, peak RSS ${hasTime ? 'by /usr/bin/time -v' : 'unknown (install `time`)'}`);
    const results = SIZES.map((size) => measureSize(size, root));
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    report(results);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
    else log(`corpora kept in ${root}`);
  }
}

await main();
