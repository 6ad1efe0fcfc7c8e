/**
 * `node --import tsx bench/lsp.bench.ts`: how fast `hvspec lsp` answers, measured with a real LSP
 * client (vscode-jsonrpc over the server's stdio, as editors talk to it).
 *
 * On the project's corpus and on the 1,000-document synthetic corpus (bench/synthetic-corpus.ts):
 *   - edit → diagnostics: a one-line change in one open standard (alternately breaking and fixing
 *     a field type, so the model is rebuilt with and without errors), from sending didChange to
 *     receiving publishDiagnostics for that version; p50 and p95 of BENCH_EDITS edits (default 40);
 *   - hover and go-to-definition on a type reference: p50 and p95 of 100 requests each;
 *   - the server's CPU time per edit (all threads, /proc stat), which a busy machine distorts less than wall time;
 *   - the server's memory with the corpus open: resident set now and at its peak (/proc VmRSS, VmHWM).
 * Targets (issue 13): edit p50 < 20 ms, p95 < 50 ms; hover and definition p95 < 10 ms; memory < 200 MB.
 * Figures are printed with PASS/FAIL; the exit code is 0 unless the benchmark itself broke.
 * BENCH_LSP=project,synthetic picks the corpora.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, positionOf } from '../test/lsp/client.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const EDITS = Math.max(4, Number(process.env.BENCH_EDITS ?? 40));
const WHICH = (process.env.BENCH_LSP ?? 'project,synthetic').split(',');

interface Case {
  name: string;
  root: string;
  file: string;
  /** A line to edit, and its broken and fixed forms. */
  line: string;
  broken: string;
  /** Text whose position (+skip) is a type reference for hover and definition. */
  reference: { needle: string; skip: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** User + system CPU milliseconds of a process, all threads (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

async function run(c: Case): Promise<void> {
  const started = performance.now();
  const client = await LspClient.start(c.root);
  const text = readFileSync(path.join(c.root, c.file), 'utf8');
  const opened = await client.open(c.file, text);
  if (opened.diagnostics.length > 0) throw new Error(`${c.file} has diagnostics before the edits: ${opened.diagnostics[0]!.message}`);
  const ready = performance.now() - started;

  const lineNo = positionOf(text, c.line).line;
  const lineText = text.split('\n')[lineNo]!;
  const edits: number[] = [];
  const cpuBefore = cpuMs(client.child.pid!);
  let current = lineText;
  for (let i = 0; i < EDITS; i++) {
    const replacement = i % 2 === 0 ? lineText.replace(c.line, c.broken) : lineText;
    const t0 = performance.now();
    const published = await client.edit(c.file, [{ range: { start: { line: lineNo, character: 0 }, end: { line: lineNo, character: current.length } }, text: replacement }]);
    current = replacement;
    edits.push(performance.now() - t0);
    if ((published.diagnostics.length > 0) !== (i % 2 === 0)) throw new Error(`edit ${i}: unexpected diagnostics ${JSON.stringify(published.diagnostics.map((d) => d.code))}`);
  }
  const cpuPerEdit = (cpuMs(client.child.pid!) - cpuBefore) / EDITS;
  if (EDITS % 2 === 1) await client.edit(c.file, [{ text }]);

  const at = positionOf(text, c.reference.needle, c.reference.skip);
  const timeRequests = async (method: string): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const answer = await client.request(method, client.at(c.file, at.line, at.character));
      times.push(performance.now() - t0);
      if (!answer) throw new Error(`${method} gave no answer`);
    }
    return times;
  };
  const hovers = await timeRequests('textDocument/hover');
  const definitions = await timeRequests('textDocument/definition');
  const memory = memoryMb(client.child.pid!);
  await client.stop();

  const f = (n: number): string => `${n.toFixed(1)} ms`;
  console.log(`\n${c.name}: server ready with ${c.file} open after ${(ready / 1000).toFixed(1)} s`);
  console.log(`  edit → diagnostics  p50 ${f(percentile(edits, 50))} ${verdict(percentile(edits, 50) < 20)} (< 20 ms)   p95 ${f(percentile(edits, 95))} ${verdict(percentile(edits, 95) < 50)} (< 50 ms)   max ${f(Math.max(...edits))}`);
  console.log(`  server CPU per edit ${f(cpuPerEdit)} (all threads; on a loaded machine closer to the idle latency than wall time)`);
  console.log(`  hover               p50 ${f(percentile(hovers, 50))}   p95 ${f(percentile(hovers, 95))} ${verdict(percentile(hovers, 95) < 10)} (< 10 ms)`);
  console.log(`  definition          p50 ${f(percentile(definitions, 50))}   p95 ${f(percentile(definitions, 95))} ${verdict(percentile(definitions, 95) < 10)} (< 10 ms)`);
  console.log(`  server memory       ${memory.rss.toFixed(0)} MB resident, peak ${memory.peak.toFixed(0)} MB ${verdict(memory.peak < 200)} (< 200 MB)`);
}

console.log(`hvspec lsp benchmark: Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, ${EDITS} edits`);
if (WHICH.includes('project')) {
  await run({
    name: 'project corpus (standards/, 17 documents)', root: projectRoot, file: 'standards/virtio-i2c.md',
    line: '{ name: addr, type: le16,', broken: '{ name: addr, type: le61,',
    reference: { needle: 'type: virtio_i2c_flags', skip: 8 },
  });
}
if (WHICH.includes('synthetic')) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hvspec-lsp-bench-'));
  try {
    writeSyntheticCorpus(dir, 1000);
    const file = 'standards/synth-0500.md';
    const text = readFileSync(path.join(dir, file), 'utf8');
    const typed = /type: (s500_\w+)/.exec(text);
    if (!typed) throw new Error('the synthetic document has no field of a named type');
    await run({
      name: 'synthetic corpus (1,000 documents, 18.9 MB)', root: dir, file,
      line: typed[0], broken: `type: ${typed[1]}_x`,
      reference: { needle: typed[0], skip: 7 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
