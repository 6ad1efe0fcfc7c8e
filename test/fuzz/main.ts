/**
 * `npm run fuzz -- [--count N] [--seed N] [--minutes M] [--cli-every N] [--build-every N]
 * [--targets c,rust,ts] [--save] [--summary FILE]`: the long fuzz run. Prints progress, each new
 * kind of failure as it is found, and a summary (documents, failures by kind, time). With --save
 * every new kind of failure is minimised into test/fuzz/reproducers/.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runFuzz } from './runner.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    minutes: { type: 'string' },
    'cli-every': { type: 'string', default: '200' },
    'build-every': { type: 'string', default: '50' },
    'repeat-every': { type: 'string', default: '50' },
    targets: { type: 'string', default: 'c,rust,ts' },
    save: { type: 'boolean', default: false },
    'no-requirements': { type: 'boolean', default: false },
    summary: { type: 'string' },
  },
});

const number = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number, not "${text}"\n`);
    process.exit(2);
  }
  return n;
};

const summary = await runFuzz({
  count: number('count', values.count),
  seed: number('seed', values.seed),
  ...(values.minutes === undefined ? {} : { minutes: Number(values.minutes) }),
  cliEvery: Math.max(1, number('cli-every', values['cli-every'])),
  buildEvery: Math.max(1, number('build-every', values['build-every'])),
  repeatEvery: Math.max(1, number('repeat-every', values['repeat-every'])),
  targets: values.targets.split(',').map((t) => t.trim()).filter(Boolean),
  save: values.save,
  timing: true,
  requirements: !values['no-requirements'],
  log: (line) => process.stdout.write(`${line}\n`),
});

const out = process.stdout;
out.write('\n== hvspec fuzz summary\n');
out.write(`seed ${summary.seed}: ${summary.documents} documents in ${summary.seconds.toFixed(0)} s (${(summary.documents / summary.seconds).toFixed(1)}/s); `);
out.write(`${JSON.stringify(summary.byOrigin)}; ${summary.passing} passed check\n`);
out.write(`builds: ${JSON.stringify(summary.builds)}; CLI runs: ${summary.cliRuns} (peak ${summary.peakCliMegabytes.toFixed(0)} MB); repeats: ${summary.repeats}; slowest document ${summary.slowestMilliseconds.toFixed(0)} ms CPU\n`);
out.write(`failures by kind (documents): ${JSON.stringify(summary.failures)}\n`);
for (const f of summary.distinct) out.write(`  ${f.signature} — document ${f.index} (${f.origin}${f.ops.length ? ` + ${f.ops.join(', ')}` : ''})${f.reproducer ? ` → ${f.reproducer}` : ''}\n     ${f.detail}\n`);
if (values.summary) writeFileSync(values.summary, `${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = summary.distinct.length > 0 ? 1 : 0;
