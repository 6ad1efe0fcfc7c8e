import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Run the real CLI (bin/hvspec.js) in a child process on a standards root: exit code, stack
 * traces on stderr, wall time and peak memory (GNU time's maximum resident set, which counts the
 * parse workers too, as they are threads of the same process).
 */
const TOP = path.join(import.meta.dirname, '../..');
const TIME = '/usr/bin/time';

export interface CliOutcome {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  milliseconds: number;
  /** User + system CPU time, when GNU time is installed. */
  cpuMilliseconds?: number;
  /** Peak resident set in MB, when GNU time is installed. */
  peakMegabytes?: number;
}

export function runCli(root: string, args: string[]): CliOutcome {
  const command = [path.join(TOP, 'bin/hvspec.js'), '-C', root, ...args];
  const useTime = existsSync(TIME);
  const start = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-f', 'HVSPEC_FUZZ_PEAK_KB=%M CPU=%U+%S', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  const milliseconds = performance.now() - start;
  let stderr = r.stderr ?? '';
  let peakMegabytes: number | undefined;
  let cpuMilliseconds: number | undefined;
  const peak = /HVSPEC_FUZZ_PEAK_KB=(\d+) CPU=([\d.]+)\+([\d.]+)\s*$/.exec(stderr);
  if (peak) {
    peakMegabytes = Number(peak[1]) / 1024;
    cpuMilliseconds = (Number(peak[2]) + Number(peak[3])) * 1000;
    stderr = stderr.slice(0, peak.index);
  }
  let status = r.status;
  let signal: string | null = r.signal;
  // GNU time reports a child killed by a signal as "Command terminated by signal N".
  const killed = /Command terminated by signal (\d+)/.exec(stderr);
  if (killed) { signal = `signal ${killed[1]}`; status = null; }
  stderr = stderr.replace(/Command (exited with non-zero status \d+|terminated by signal \d+)\s*$/, '');
  return { status, signal, stdout: r.stdout ?? '', stderr, milliseconds, ...(peakMegabytes === undefined ? {} : { peakMegabytes }), ...(cpuMilliseconds === undefined ? {} : { cpuMilliseconds }) };
}
