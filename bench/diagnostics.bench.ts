/**
 * `node --import tsx bench/diagnostics.bench.ts`: the cost of producing and printing diagnostics
 * grows linearly with the input (issue 11 item 2). For one document whose block repeats a key N
 * times on one line (every repeat a duplicate-key error), and one whose N keys are all distinct
 * (no error, but the YAML library's own duplicate check was quadratic in N), it prints the CPU
 * time of `compileCorpus` plus the text reporter, and the size of the text report, for doubling N.
 * Linear means each doubling roughly doubles the time and leaves the report's size flat (it is
 * capped per file). CPU time, not wall time, so a loaded machine changes the figures little.
 * A measurement, not a test: it prints, and exits 0 unless something broke.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileCorpus } from '../src/compile.ts';
import { renderText } from '../src/report/text.ts';

const FRONT = '---\nspec: bench\ntitle: T\nversion: 1.0.0\nstatus: draft\n---\n\n# T\n\n';

async function measure(text: string): Promise<{ cpuMs: number; diagnostics: number; reportBytes: number }> {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-bench-diag-'));
  try {
    mkdirSync(path.join(root, 'standards'));
    writeFileSync(path.join(root, 'standards/d.md'), text);
    const cpu = process.cpuUsage();
    const result = await compileCorpus(root, { cache: false });
    const report = renderText(result.diagnostics, { sources: new Map([['standards/d.md', text]]), color: false });
    const used = process.cpuUsage(cpu);
    return { cpuMs: (used.user + used.system) / 1000, diagnostics: result.diagnostics.length, reportBytes: report.length };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await measure(`${FRONT}warm-up\n`);
for (const shape of ['duplicate', 'distinct'] as const) {
  process.stdout.write(`\n${shape} keys on one line\n      N   bytes   CPU ms   diagnostics   report bytes\n`);
  for (const n of [5_000, 10_000, 20_000, 40_000]) {
    const keys = Array.from({ length: n }, (_, i) => (shape === 'duplicate' ? 'a: 1' : `a${i}: 1`)).join(', ');
    const text = `${FRONT}\`\`\`hvspec constants\n{ name: c, ${keys} }\n\`\`\`\n`;
    const m = await measure(text);
    process.stdout.write(`${String(n).padStart(7)} ${String(text.length).padStart(7)} ${m.cpuMs.toFixed(0).padStart(8)} ${String(m.diagnostics).padStart(13)} ${String(m.reportBytes).padStart(14)}\n`);
  }
}
