/**
 * `node --import tsx bench/startup.bench.ts` (`npm run bench:startup`): what starting hvspec costs.
 *
 *   - `hvspec --version` against `node -e 0` (target: at most 1.5×);
 *   - `hvspec --help`, which loads the whole CLI (every command's module);
 *   - a cold `hvspec check --no-cache` of the project's own corpus (standards/) against the floor:
 *     a fresh plain-Node process that reads the same files, remark-parses them and YAML-parses the
 *     front matter and every hvspec block, which no checker can avoid (target: at most 1.5×).
 *
 * Every figure is a whole process measured from outside: wall time, and user + system CPU from
 * `process.resourceUsage` of the child (via /usr/bin/time when installed). Each is the fastest of
 * BENCH_RUNS runs (default 5): on a shared machine the minimum is the least disturbed figure. CPU
 * is the better guide there, since wall time includes waiting for a core.
 *
 * BENCH_COMPARE_TSC=1 also builds the alternative the bundle was chosen over, plain `tsc` output
 * (one JavaScript file per module, dependencies from node_modules), and measures it the same way.
 *
 * Exit code 0 unless the benchmark itself broke: it is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = path.join(ROOT, 'bin/hvspec.js');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const TIME = '/usr/bin/time';

interface Sample { wallMs: number; cpuMs: number }

function measure(args: string[], expect: RegExp): Sample {
  const timed = existsSync(TIME);
  const start = performance.now();
  const child = spawnSync(timed ? TIME : process.execPath, timed ? ['-f', 'cpu %U %S', process.execPath, ...args] : args,
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  const wallMs = performance.now() - start;
  if (child.status !== 0 || !expect.test(child.stdout)) {
    throw new Error(`node ${args.join(' ')} failed (exit ${child.status}):\n${child.stdout.slice(-1000)}${child.stderr.slice(-1000)}`);
  }
  const cpu = /cpu ([0-9.]+) ([0-9.]+)\s*$/.exec(child.stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
}

function best(label: string, args: string[], expect: RegExp): Sample {
  const samples = Array.from({ length: RUNS }, () => measure(args, expect));
  const result = { wallMs: Math.min(...samples.map((s) => s.wallMs)), cpuMs: Math.min(...samples.map((s) => s.cpuMs)) };
  process.stderr.write(`  ${label}: ${ms(result.wallMs)} wall, ${ms(result.cpuMs)} CPU (load ${os.loadavg()[0]!.toFixed(1)})\n`);
  return result;
}

const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`);

/** The floor process: plain Node, only the parsers every check needs, over the same files. */
const FLOOR = `
import { readFileSync, readdirSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseDocument } from 'yaml';
const markdown = unified().use(remarkParse);
const dir = process.argv[1];
let files = 0;
for (const name of readdirSync(dir, { recursive: true }).sort()) {
  if (!String(name).endsWith('.md')) continue;
  const text = readFileSync(dir + '/' + name, 'utf8');
  files++;
  const close = text.indexOf('\\n---', 3);
  parseDocument(text.slice(4, close));
  const stack = [markdown.parse('\\n'.repeat(text.slice(0, close).split('\\n').length + 1) + text.slice(close + 4))];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node.type === 'code' && node.lang === 'hvspec') parseDocument(node.value);
    else if (node.children) stack.push(...node.children);
  }
}
console.log(files + ' files');
`;

/** plain tsc output of src/ and generators/ in a temp dir, runnable like dist/ (for the comparison). */
function buildTscVariant(): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'hvspec-tsc-'));
  const config = path.join(ROOT, 'tsconfig.bench-tsc.json');
  writeFileSync(config, JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: { noEmit: false, allowImportingTsExtensions: false, rewriteRelativeImportExtensions: true, rootDir: '.', outDir: out, noEmitOnError: false },
    include: ['src', 'generators'],
  }));
  try {
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: ROOT, stdio: 'ignore' });
  } finally {
    rmSync(config);
  }
  // What tsc does not emit: templates and assets, the generated validators, schemas, package.json.
  const copyAssets = (from: string, to: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) copyAssets(source, target);
      else if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) { mkdirSync(to, { recursive: true }); cpSync(source, target); }
    }
  };
  copyAssets(path.join(ROOT, 'generators'), path.join(out, 'generators'));
  copyAssets(path.join(ROOT, 'src/validate/generated'), path.join(out, 'src/validate/generated'));
  cpSync(path.join(ROOT, 'schemas'), path.join(out, 'schemas'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(out, 'package.json'));
  writeFileSync(path.join(out, 'src/parse/parse-worker-entry.mjs'), "await import('./parse-worker.js');\n");
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
  writeFileSync(path.join(out, 'cli.mjs'), "const { main } = await import('./src/cli/main.js');\nprocess.exitCode = await main(process.argv);\n");
  return out;
}

const standards = path.join(ROOT, 'standards');
const documents = readdirSync(standards, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
process.stderr.write(`hvspec start-up, fastest of ${RUNS} runs; corpus: ${documents} documents in standards/\n`);
if (!existsSync(path.join(ROOT, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');

const node = best('node -e 0', ['-e', '0'], /^$/);
const version = best('hvspec --version', [CLI, '--version'], /^\d+\.\d+\.\d+/);
const help = best('hvspec --help (whole CLI loaded)', [CLI, '--help'], /Usage: hvspec/);
const floor = best(`floor: node + read + remark-parse + yaml of ${documents} files`, ['--input-type=module', '-e', FLOOR, standards], new RegExp(`^${documents} files`));
const check = best('hvspec check --no-cache', [CLI, '-C', ROOT, 'check', '--no-cache'], /\b0 errors\b/);

const rows: [string, Sample, Sample, number][] = [
  ['hvspec --version vs node -e 0', version, node, 1.5],
  ['hvspec check --no-cache vs floor', check, floor, 1.5],
];
let tscRows: [string, Sample][] = [];
if (process.env.BENCH_COMPARE_TSC === '1') {
  process.stderr.write('building the tsc variant (BENCH_COMPARE_TSC=1)\n');
  const out = buildTscVariant();
  const tscCli = path.join(out, 'cli.mjs');
  tscRows = [
    ['tsc output: --version (whole CLI loaded)', best('tsc output --version', [tscCli, '--version'], /^\d+\.\d+\.\d+/)],
    ['tsc output: --help', best('tsc output --help', [tscCli, '--help'], /Usage: hvspec/)],
    ['tsc output: check --no-cache', best('tsc output check --no-cache', [tscCli, '-C', ROOT, 'check', '--no-cache'], /\b0 errors\b/)],
  ];
  if (process.env.BENCH_KEEP !== '1') rmSync(out, { recursive: true, force: true });
}

const lines = [
  '| measurement | wall | CPU |',
  '| --- | --- | --- |',
  ...([['node -e 0', node], ['hvspec --version', version], ['hvspec --help (whole CLI loaded)', help], [`floor (${documents} files)`, floor], ['hvspec check --no-cache', check], ...tscRows] as [string, Sample][])
    .map(([label, s]) => `| ${label} | ${ms(s.wallMs)} | ${ms(s.cpuMs)} |`),
  '',
  '| ratio (target) | wall | CPU |',
  '| --- | --- | --- |',
  ...rows.map(([label, a, b, target]) => {
    const verdict = (ratio: number): string => `${ratio.toFixed(2)}× ${ratio <= target ? 'PASS' : 'FAIL'}`;
    return `| ${label} (≤ ${target}×) | ${verdict(a.wallMs / b.wallMs)} | ${verdict(a.cpuMs / b.cpuMs)} |`;
  }),
];
process.stdout.write(`${lines.join('\n')}\n`);
