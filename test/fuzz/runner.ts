import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTargets } from './build-check.ts';
import { runCli } from './cli-probe.ts';
import { generateDocument } from './generate.ts';
import { checkCorpus, checkResult, diagnosticLines, MAX_MEGABYTES, MAX_MILLISECONDS, type Corpus, type Failure } from './invariants.ts';
import { minimise } from './minimise.ts';
import { mutate } from './mutate.ts';
import { Rng } from './rng.ts';

const TOP = path.join(import.meta.dirname, '../..');
export const REPRODUCERS = path.join(import.meta.dirname, 'reproducers');

export interface FuzzOptions {
  count: number;
  seed: number;
  /** Stop early after this many minutes (the long run's time bound). */
  minutes?: number;
  /** Run the real CLI in a child process for one document in this many. */
  cliEvery: number;
  /** Build and compile the targets of one passing document in this many passing ones. */
  buildEvery: number;
  targets: string[];
  /** Re-check one document in this many and compare the diagnostics (same input, same output). */
  repeatEvery: number;
  /** Minimise and save a reproducer for each new kind of failure. */
  save: boolean;
  /**
   * Check the time bounds (CPU time per document and per CLI run). Off in the test-suite smoke,
   * whose verdict must not depend on how loaded the machine is; on in the long run.
   */
  timing: boolean;
  /** Corpus documents are checked with the documents they require (slower, more of the pipeline reached). */
  requirements: boolean;
  log?: (line: string) => void;
}

export interface FoundFailure extends Failure {
  signature: string;
  index: number;
  origin: string;
  ops: string[];
  /** Where it was saved, when `save` is on. */
  reproducer?: string;
}

export interface FuzzSummary {
  seed: number;
  documents: number;
  byOrigin: Record<string, number>;
  passing: number;
  builds: Record<string, { ok: number; failed: number }>;
  cliRuns: number;
  repeats: number;
  /** Documents failing each invariant. */
  failures: Record<string, number>;
  /** The first document of each distinct failure. */
  distinct: FoundFailure[];
  seconds: number;
  /** CPU time of the slowest document. */
  slowestMilliseconds: number;
  peakCliMegabytes: number;
}

interface Seed {
  file: string;
  spec: string;
  text: string;
  requires: string[];
}

function loadSeeds(): Seed[] {
  const dir = path.join(TOP, 'standards');
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const spec = /^spec:\s*(\S+)/m.exec(text)?.[1] ?? file;
    const requires = (/^requires:\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return { file, spec, text, requires };
  });
}

/** The seed and everything it requires, transitively, unchanged. */
function withRequirements(seed: Seed, seeds: Seed[]): Corpus {
  const corpus: Corpus = new Map();
  const visit = (s: Seed): void => {
    if (corpus.has(s.file)) return;
    corpus.set(s.file, s.text);
    for (const id of s.requires) { const dep = seeds.find((x) => x.spec === id); if (dep) visit(dep); }
  };
  visit(seed);
  return corpus;
}

interface Case {
  origin: string;
  ops: string[];
  corpus: Corpus;
  /** The file under test (the others are unchanged requirements). */
  main: string;
}

/** Document `index` of a run: reproducible from (seed, index) alone. */
export function makeCase(seed: number, index: number, seeds: Seed[], requirements = true): Case {
  const rng = new Rng(createHash('sha256').update(`${seed}:${index}`).digest().readUInt32LE(0));
  const roll = rng.next();
  let origin: string;
  let ops: string[] = [];
  let corpus: Corpus;
  let main: string;
  if (roll < 0.45) {
    const s = rng.pick(seeds);
    corpus = requirements ? withRequirements(s, seeds) : new Map();
    const m = mutate(s.text, rng);
    corpus.set(s.file, m.text);
    origin = `corpus:${s.file}`;
    ops = m.ops;
    main = s.file;
  } else {
    const generated = generateDocument(rng.seed());
    main = 'generated.md';
    let text = generated.text;
    origin = 'generated';
    if (roll >= 0.8) {
      const m = mutate(text, rng);
      text = m.text;
      ops = m.ops;
      origin = 'generated+mutated';
    }
    corpus = new Map([[main, text]]);
  }
  // A few documents get a raw byte that is not UTF-8 (strings cannot carry one).
  if (rng.chance(0.02)) {
    const bytes = Buffer.from(corpus.get(main) as string, 'utf8');
    const at = rng.int(0, bytes.length);
    corpus.set(main, Buffer.concat([bytes.subarray(0, at), Buffer.from([rng.pick([0x80, 0xc3, 0xff, 0xfe, 0xed, 0xf4])]), bytes.subarray(at)]));
    ops.push('invalid-utf8');
  }
  // And a few trees get an entry that is not a regular file (FIFOs and devices are left to a
  // dedicated test: before the fix they hung the check, which would stop the run).
  if (rng.chance(0.01)) {
    const special = rng.pick([
      { special: 'directory' } as const, { special: 'symlink', target: '/etc/hostname' } as const,
      { special: 'symlink', target: 'missing-target.md' } as const, { special: 'symlink', target: main } as const, { special: 'symlink', target: '.' } as const,
    ]);
    corpus.set('special.md', special);
    ops.push(`special-${special.special}`);
  }
  return { origin, ops, corpus, main };
}

/** A failure's kind plus its detail with the variable parts (numbers, names in quotes) removed. */
export function signatureOf(failure: Failure): string {
  const code = /^HV\d{4}/.exec(failure.detail)?.[0] ?? '';
  const shape = failure.detail.replace(/^HV\d{4} \S+ /, '').replace(/^src\/\S+\.ts\(/, '(').replace(/"[^"]*"/g, '""').replace(/\d+/g, 'N').slice(0, 80);
  return failure.kind === 'internal-error' || failure.kind.startsWith('build-') ? `${failure.kind} ${code} ${shape}` : `${failure.kind} ${code}`;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const log = options.log ?? (() => {});
  const seeds = loadSeeds();
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-fuzz-'));
  const scratch = mkdtempSync(path.join(tmpdir(), 'hvspec-fuzz-min-'));
  const summary: FuzzSummary = {
    seed: options.seed, documents: 0, byOrigin: {}, passing: 0, builds: {}, cliRuns: 0, repeats: 0, failures: {}, distinct: [],
    seconds: 0, slowestMilliseconds: 0, peakCliMegabytes: 0,
  };
  const seen = new Set<string>();
  const start = performance.now();
  const deadline = options.minutes === undefined ? Infinity : start + options.minutes * 60_000;
  let passingSinceBuild = 0;
  try {
    for (let index = 0; index < options.count && performance.now() < deadline; index++) {
      let c: Case;
      try {
        c = makeCase(options.seed, index, seeds, options.requirements);
      } catch (error) {
        // A bug of the fuzzer itself: counted and shown, and the run goes on.
        summary.failures['fuzzer-error'] = (summary.failures['fuzzer-error'] ?? 0) + 1;
        log(`fuzzer error on document ${index}: ${(error as Error).message}`);
        continue;
      }
      const kind = c.origin.split(':')[0]!;
      summary.byOrigin[kind] = (summary.byOrigin[kind] ?? 0) + 1;
      const outcome = await checkCorpus(root, c.corpus);
      summary.documents++;
      summary.slowestMilliseconds = Math.max(summary.slowestMilliseconds, outcome.cpuMilliseconds);
      const failures: Failure[] = outcome.failures.filter((f) => options.timing || f.kind !== 'slow');
      const result = outcome.result;

      if (result && index % options.repeatEvery === options.repeatEvery - 1) {
        summary.repeats++;
        const again = await checkCorpus(root, c.corpus);
        if (again.result && diagnosticLines(again.result).join('\n') !== diagnosticLines(result).join('\n')) {
          failures.push({ kind: 'nondeterministic', detail: 'the same input gave different diagnostics' });
        }
      }
      if (index % options.cliEvery === options.cliEvery - 1) {
        summary.cliRuns++;
        const format = ['text', 'json', 'sarif', 'github'][index % 4]!;
        const cli = runCli(root, ['check', '--no-cache', '--format', format]);
        summary.peakCliMegabytes = Math.max(summary.peakCliMegabytes, cli.peakMegabytes ?? 0);
        if (cli.signal || (cli.status !== 0 && cli.status !== 1)) failures.push({ kind: 'exit-code', detail: `exit ${cli.status} ${cli.signal ?? ''} ${cli.stderr.split('\n')[0]?.slice(0, 200)}` });
        else if (result && cli.status !== (result.model === null ? 1 : 0)) failures.push({ kind: 'exit-code', detail: `exit ${cli.status}, but check ${result.model === null ? 'found errors' : 'passed'}` });
        if (/\n\s+at .+(:\d+:\d+\)?|\(native\))/.test(`\n${cli.stderr}`)) failures.push({ kind: 'stack-trace', detail: cli.stderr.split('\n').slice(0, 2).join(' ').slice(0, 200) });
        if ((cli.peakMegabytes ?? 0) > MAX_MEGABYTES) failures.push({ kind: 'memory', detail: `${Math.round(cli.peakMegabytes!)} MB` });
        if (options.timing && (cli.cpuMilliseconds ?? cli.milliseconds) > MAX_MILLISECONDS) failures.push({ kind: 'slow-cli', detail: `${Math.round(cli.cpuMilliseconds ?? cli.milliseconds)} ms CPU (${Math.round(cli.milliseconds)} ms wall)` });
        if (format !== 'text' && format !== 'github') {
          try { JSON.parse(cli.stdout); } catch { failures.push({ kind: 'bad-output', detail: `--format ${format} is not JSON` }); }
        }
      }
      if (result?.model) {
        summary.passing++;
        if (passingSinceBuild++ % options.buildEvery === 0 && options.targets.length > 0) {
          try {
            for (const b of await buildTargets(result.model, options.targets)) {
              const counts = (summary.builds[b.target] ??= { ok: 0, failed: 0 });
              if (b.ok) counts.ok++; else { counts.failed++; failures.push({ kind: `build-${b.target}`, detail: b.detail ?? '' }); }
            }
          } catch (error) {
            failures.push({ kind: 'generator-exception', detail: String((error as Error).message).slice(0, 200) });
          }
        }
      }

      const kinds = new Set(failures.map((f) => f.kind));
      for (const k of kinds) summary.failures[k] = (summary.failures[k] ?? 0) + 1;
      for (const f of failures) {
        const signature = signatureOf(f);
        if (seen.has(signature)) continue;
        seen.add(signature);
        const found: FoundFailure = { ...f, signature, index, origin: c.origin, ops: c.ops };
        log(`new failure ${signature} (document ${index}, ${c.origin}${c.ops.length ? ` + ${c.ops.join(', ')}` : ''}): ${f.detail}`);
        if (options.save) found.reproducer = await saveReproducer(c, f, signature, options.seed, index, scratch);
        summary.distinct.push(found);
      }
      if ((index + 1) % 100 === 0) {
        const s = (performance.now() - start) / 1000;
        log(`${index + 1} documents, ${(summary.documents / s).toFixed(1)}/s, failures: ${JSON.stringify(summary.failures)}`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  summary.seconds = (performance.now() - start) / 1000;
  return summary;
}

/**
 * Minimise the failing file (the others stay as they are) while the same failure signature
 * remains, then keep it as test/fuzz/reproducers/<kind>-<hash>/: a standards/ tree and
 * expected.json (status "open" until the defect is fixed; the replay test then checks it).
 */
async function saveReproducer(c: Case, failure: Failure, signature: string, seed: number, index: number, scratch: string): Promise<string> {
  const original = c.corpus.get(c.main) as string | Buffer;
  let text = typeof original === 'string' ? original : original.toString('latin1');
  const binary = typeof original !== 'string';
  const fileLevel = !failure.kind.startsWith('build-') && !['generator-exception', 'exit-code', 'stack-trace', 'memory', 'slow-cli', 'bad-output', 'nondeterministic', 'slow'].includes(failure.kind);
  let alone = false;
  if (fileLevel) {
    const reproduces = async (corpus: Corpus): Promise<boolean> =>
      (await checkCorpus(scratch, corpus)).failures.some((f) => signatureOf(f) === signature);
    // Without the documents it requires, each check is much cheaper: try that first.
    const encode = (t: string): string | Buffer => (binary ? Buffer.from(t, 'latin1') : t);
    alone = c.corpus.size > 1 && await reproduces(new Map([[c.main, original]]));
    const withText = (t: string): Corpus => (alone || c.corpus.size === 1 ? new Map([[c.main, encode(t)]]) : new Map([...c.corpus, [c.main, encode(t)]]));
    text = await minimise(text, (candidate) => reproduces(withText(candidate)), 80);
  }
  const hash = createHash('sha256').update(signature).digest('hex').slice(0, 8);
  const name = `${failure.kind}-${hash}`;
  const dir = path.join(REPRODUCERS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'standards'), { recursive: true });
  for (const [file, contents] of c.corpus) {
    if (file !== c.main && fileLevel && (alone || !needed(file, text, c))) continue;
    if (file === c.main) writeFileSync(path.join(dir, 'standards', file), binary ? Buffer.from(text, 'latin1') : text);
    else if (typeof contents === 'string' || Buffer.isBuffer(contents)) writeFileSync(path.join(dir, 'standards', file), contents);
    else if (contents.special === 'directory') {
      mkdirSync(path.join(dir, 'standards', file));
      writeFileSync(path.join(dir, 'standards', file, '.gitkeep'), ''); // git keeps no empty directory
    } else symlinkSync(contents.target, path.join(dir, 'standards', file));
  }
  const expected = { kind: failure.kind, detail: failure.detail, signature, found: { seed, index, origin: c.origin, ops: c.ops }, status: 'open' };
  writeFileSync(path.join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  return path.relative(TOP, dir);
}

/** Keep a requirement file in a reproducer only when the minimised file still names its spec. */
function needed(file: string, mainText: string, c: Case): boolean {
  const contents = c.corpus.get(file);
  const spec = typeof contents === 'string' ? /^spec:\s*(\S+)/m.exec(contents)?.[1] : undefined;
  return spec !== undefined && mainText.includes(spec);
}

/**
 * Replay one saved reproducer: the invariant failures it still shows. A build failure's
 * reproducer is built again (that target only), as the fuzzer did.
 */
export async function replayReproducer(dir: string): Promise<{ failures: Failure[]; lines: string[] }> {
  const kind = (JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { kind: string }).kind;
  const corpus: Corpus = new Map();
  for (const file of readdirSync(path.join(dir, 'standards')).sort()) {
    const at = path.join(dir, 'standards', file);
    const stat = lstatSync(at);
    corpus.set(file, stat.isSymbolicLink() ? { special: 'symlink', target: readlinkSync(at) } : stat.isDirectory() ? { special: 'directory' } : readFileSync(at));
  }
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-fuzz-replay-'));
  try {
    const outcome = await checkCorpus(root, corpus);
    const failures = outcome.result ? checkResult(outcome.result, corpus) : outcome.failures;
    if ((kind.startsWith('build-') || kind === 'generator-exception') && outcome.result?.model) {
      try {
        for (const b of await buildTargets(outcome.result.model, kind === 'generator-exception' ? ['c', 'rust', 'ts'] : [kind.slice('build-'.length)])) {
          if (!b.ok) failures.push({ kind: `build-${b.target}`, detail: b.detail ?? '' });
        }
      } catch (error) {
        failures.push({ kind: 'generator-exception', detail: String((error as Error).message).slice(0, 200) });
      }
    }
    return { failures, lines: outcome.result ? diagnosticLines(outcome.result) : [] };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
