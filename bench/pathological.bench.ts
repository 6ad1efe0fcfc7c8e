/**
 * `node --import tsx bench/pathological.bench.ts [case…]`: time and peak memory of `compileCorpus`
 * on inputs built to hit the Markdown parser's super-linear corners (docs/reliability.md, "Parse
 * limits and budgets"). Each case is one ~1 MiB document (the file-size limit) in its own fresh
 * process; the figures are wall time, CPU time and peak RSS of that process, and the diagnostic codes
 * it got. Two kinds of case:
 *   - `at-limit`: as close to a guard's limit as the shape allows, so it is accepted and parsed in
 *     full; this is the worst the parser can be made to do, and must stay within 10 s and 512 MB;
 *   - `over`: just past a limit (or the raw shape that used to hang), refused before parsing.
 * The tests (test/parse/prose-guard.test.ts) assert the diagnostics; this prints figures only,
 * and exits 0 unless a child crashed. BENCH_CASES=a,b or arguments pick cases by name.
 *
 * Child mode: `pathological.bench.ts --child DIR` prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROSE_LIMITS as L } from '../src/parse/prose-guard.ts';

const MIB = 1024 * 1024;
const FRONT = '---\nspec: patho\ntitle: Pathological\nversion: 1.0.0\nstatus: draft\n---\n\n';

/** Repeat `unit` up to `bytes` (at most `count` times). */
function fill(unit: string, bytes: number, count = Infinity): string {
  return unit.repeat(Math.max(1, Math.min(count, Math.floor(bytes / unit.length))));
}
/** A paragraph of plain words: the filler that brings a case up to the file-size limit. */
const words = (bytes: number): string => `${fill('plain words of prose ', Math.max(0, bytes - 1))}\n`;
const upTo = (body: string): string => body + (body.length < MIB - 4096 ? `\n${words(MIB - 4096 - body.length)}` : '');

function mismatchedParagraph(delimiters: number): string {
  return `${fill('*a_ ', delimiters * 2)}\n\n`;
}

function structChain(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) {
    text += `\`\`\`hvspec struct\nname: t${i}\nfields:\n  - { name: ${i ? 'inner' : 'leaf'}, type: ${i ? `t${i - 1}` : 'u8'} }\n\`\`\`\n\n`;
  }
  return text;
}

export const CASES: { name: string; kind: 'at-limit' | 'over'; body: () => string }[] = [
  { name: 'flat-list', kind: 'at-limit', body: () => upTo(fill('- item of a flat list\n', MIB, L.listItems - 10)) },
  { name: 'blank-lines', kind: 'at-limit', body: () => '\n'.repeat(L.lines - 100) },
  { name: 'paragraphs', kind: 'at-limit', body: () => upTo(fill('A short paragraph.\n\n', MIB, L.blocks - 10)) },
  { name: 'fence-lines', kind: 'at-limit', body: () => `\`\`\`\n${fill('code line in a fence\n', MIB - 200, L.lines - 100)}\`\`\`\n` },
  { name: 'setext-headings', kind: 'at-limit', body: () => upTo(fill('Heading\n=======\n\n', MIB, L.setextHeadings)) },
  { name: 'block-quotes', kind: 'at-limit', body: () => upTo(fill('> quoted\n\n', MIB, L.containers)) },
  { name: 'nested-lists', kind: 'at-limit', body: () => upTo(fill('- - nested\n\n', MIB, L.containers)) },
  { name: 'list-quote', kind: 'at-limit', body: () => upTo(fill('- > quoted item\n', MIB, L.containers)) },
  { name: 'deep-quote-lines', kind: 'at-limit', body: () => upTo(fill(`${fill(`${'> '.repeat(L.nesting)}deep\n`, MIB, Math.sqrt(L.paragraphLineWork / 4) - 1)}\n`, MIB, 4)) },
  { name: 'dense-paragraphs', kind: 'at-limit', body: () => upTo(fill(mismatchedParagraph(L.delimitersPerParagraph - 2), MIB, Math.floor(L.delimiterWork / L.delimitersPerParagraph ** 2))) },
  { name: 'many-delimiters', kind: 'at-limit', body: () => upTo(fill(`${fill('*a* ', 64 * 2)}\n\n`, MIB, Math.min(Math.floor(L.delimiters / 64) - 1, Math.floor(L.delimiterWork / 64 ** 2)))) },
  { name: 'nested-brackets', kind: 'at-limit', body: () => upTo(fill(`${'!['.repeat(L.delimitersPerParagraph / 2 - 2)}${'](b)'.repeat(L.delimitersPerParagraph / 2 - 2)}\n\n`, MIB, 3)) },
  { name: 'lazy-quote', kind: 'at-limit', body: () => upTo(`> start\n${fill('lazy\n', MIB, Math.floor(Math.sqrt(L.paragraphLineWork)) - 2)}`) },
  { name: 'link-definitions', kind: 'at-limit', body: () => { let s = ''; for (let i = 0; s.length < MIB - 200 && i < L.blocks - 10; i++) s += `[r${i}]: https://example.com/${i}\n\n`; return s; } },
  { name: 'long-line', kind: 'at-limit', body: () => words(MIB - 200) },
  { name: 'struct-chain', kind: 'at-limit', body: () => structChain(Math.floor(L.lines / 6) - 10) },
  { name: 'raw-setext-7500', kind: 'over', body: () => fill('a\n=\n', 30_000) },
  { name: 'raw-list-quote-5000', kind: 'over', body: () => fill('- > a\n', 30_000) },
  { name: 'raw-mismatched-15000', kind: 'over', body: () => fill('*a_ ', 30_000) },
  { name: 'raw-blank-lines-1m', kind: 'over', body: () => '\n'.repeat(MIB - 200) },
  { name: 'raw-flat-list-100k', kind: 'over', body: () => fill('- a\n', 100_000 * 4) },
];

async function child(dir: string): Promise<void> {
  const { compileCorpus } = await import('../src/compile.ts');
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await compileCorpus(dir, { cache: false });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const codes = [...new Set(result.diagnostics.map((d) => d.code))].sort();
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, codes }));
}

function main(names: string[]): void {
  const thisFile = fileURLToPath(import.meta.url);
  const chosen = CASES.filter((c) => names.length === 0 || names.includes(c.name));
  console.log(`pathological inputs, one fresh process each (load ${os.loadavg()[0]!.toFixed(1)}, ${os.availableParallelism()} cores)`);
  console.log('case                       kind      size KiB   wall s   CPU s   peak MB  codes');
  let crashed = false;
  for (const c of chosen) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `hvspec-patho-${c.name}-`));
    mkdirSync(path.join(dir, 'standards'));
    const text = FRONT + c.body();
    writeFileSync(path.join(dir, 'standards', 'patho.md'), text);
    const r = spawnSync(process.execPath, ['--import', 'tsx', thisFile, '--child', dir], { encoding: 'utf8', maxBuffer: 64 * MIB });
    rmSync(dir, { recursive: true, force: true });
    const line = r.stdout.trim().split('\n').at(-1) ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      crashed = true;
      console.log(`${c.name.padEnd(26)} ${c.kind.padEnd(9)} crashed (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-300)}`);
      continue;
    }
    const f = JSON.parse(line) as { ms: number; cpuMs: number; maxRssKb: number; codes: string[] };
    // CPU time, not wall time, is compared with the 10 s budget: on a shared machine wall time measures the neighbours.
    const over = f.cpuMs > 10_000 || f.maxRssKb > 512 * 1024 ? '  OVER BUDGET' : '';
    console.log(`${c.name.padEnd(26)} ${c.kind.padEnd(9)} ${(text.length / 1024).toFixed(0).padStart(8)} ${(f.ms / 1000).toFixed(2).padStart(8)} ${(f.cpuMs / 1000).toFixed(2).padStart(7)} ${(f.maxRssKb / 1024).toFixed(0).padStart(9)}  ${f.codes.join(',') || '-'}${over}`);
  }
  process.exitCode = crashed ? 1 : 0;
}

// Run only as a script: the tests import CASES.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') await child(args[1]!);
  else main(args.length > 0 ? args : (process.env.BENCH_CASES ?? '').split(',').filter(Boolean));
}
