/**
 * The hvspec CLI as a child process for the watch and preview tests: output collected as it
 * comes, waits that resolve on the output itself (with a generous bound so a loaded machine only
 * makes them slower, never failing), and a stop that always leaves no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/hvspec.js', import.meta.url));

/** Upper bound of any single wait: far above what a check of the small corpus takes on a saturated machine. */
export const WAIT_BOUND_MS = 120_000;

export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private listeners = new Set<() => void>();

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { this.stdout += chunk; this.notify(); });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { this.stderr += chunk; this.notify(); });
    this.exit = new Promise((resolve) => this.child.once('exit', (code, signal) => { this.notify(); resolve({ code, signal }); }));
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Where stdout ends now: pass it to waitFor to look only at what comes after. */
  mark(): number {
    return this.stdout.length;
  }

  /** Resolves with stdout from `from` up to the end of the first match of `pattern`. */
  waitFor(pattern: RegExp, from = 0, bound = WAIT_BOUND_MS, stream: 'stdout' | 'stderr' = 'stdout'): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this[stream].slice(from);
        const match = pattern.exec(text);
        if (match) { done(); resolve(text.slice(0, match.index + match[0].length)); return; }
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
          done();
          reject(new Error(`hvspec exited before printing ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`no ${pattern} within ${bound} ms\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`)); }, bound);
      const done = () => { clearTimeout(timer); this.listeners.delete(check); };
      this.listeners.add(check);
      check();
    });
  }

  /** Send `signal` and wait for the exit. */
  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exit;
  }

  /** For cleanup after a failure: make sure the child is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exit;
  }
}
