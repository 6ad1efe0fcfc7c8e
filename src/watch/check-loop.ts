import { performance } from 'node:perf_hooks';
import { compileCorpus, type CompileResult } from '../compile.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import { loadConfig, relevel, UsageError, type Config } from '../cli/context.ts';
import { diffDiagnostics, type DiagnosticDelta } from './diagnostic-delta.ts';
import { CONFIG_FILE, watchSources, type SourceWatcher } from './source-watcher.ts';

export interface CheckRun {
  /** 0 for the check at start-up, then 1, 2, … */
  sequence: number;
  /** Paths (relative to the root) whose change started this run; empty for the first run. */
  changed: string[];
  result: CompileResult;
  /** The result's diagnostics, re-levelled by the config and filtered (e.g. --quiet). */
  diagnostics: Diagnostic[];
  /** Against the previous run; for the first run everything is added. */
  delta: DiagnosticDelta;
  seconds: number;
}

export interface CheckLoopOptions {
  root: string;
  config: Config;
  /** Use the content-hash cache of per-file results (what makes a re-check cheap). */
  cache: boolean;
  /** Which diagnostics the user sees (e.g. errors only with --quiet). */
  shown?: (d: Diagnostic) => boolean;
  /** Called after each check, before the next one starts: builds run inside it. */
  onRun(run: CheckRun): Promise<void> | void;
  /** Something the user must know that is not a diagnostic (bad config, watcher error). */
  onProblem(message: string): void;
}

/**
 * The one warm compiler of `watch` and `preview`: checks the corpus with `compileCorpus` at start
 * and again after every settled burst of changes. Runs never overlap: changes that arrive during a
 * run (or its build) are collected and start exactly one more run when it ends, so the last save
 * is always the one checked last.
 */
export class CheckLoop {
  private readonly options: CheckLoopOptions;
  private config: Config;
  private watcher: SourceWatcher | undefined;
  private queued: Set<string> | undefined;
  private draining: Promise<void> | undefined;
  private previous: Diagnostic[] = [];
  private sequence = 0;
  private stopped = false;

  constructor(options: CheckLoopOptions) {
    this.options = options;
    this.config = options.config;
  }

  /** Watch, then run the first check; resolves when that check (and its onRun) is done. */
  async start(): Promise<void> {
    // Watching starts first so that a save during the first check is not lost.
    this.watcher = watchSources(this.options.root, (changed) => this.schedule(changed), (error) => this.options.onProblem(`watching failed: ${error.message}`));
    await this.watcher.ready;
    this.schedule([]);
    await this.draining;
  }

  /** Stop watching and wait for a check in progress to finish (its writes are atomic anyway). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.watcher?.close();
    await this.draining;
  }

  private schedule(changed: string[]): void {
    if (this.stopped) return;
    this.queued ??= new Set();
    for (const c of changed) this.queued.add(c);
    this.draining ??= this.drain().finally(() => { this.draining = undefined; });
  }

  private async drain(): Promise<void> {
    while (this.queued && !this.stopped) {
      const changed = [...this.queued].sort();
      this.queued = undefined;
      try {
        await this.runOnce(changed);
      } catch (error) {
        this.options.onProblem(`internal error: ${(error as Error).message ?? String(error)} (this is a bug in hvspec; please report it)`);
      }
    }
  }

  private async runOnce(changed: string[]): Promise<void> {
    if (changed.includes(CONFIG_FILE)) this.reloadConfig();
    const started = performance.now();
    const result = await compileCorpus(this.options.root, { cache: this.options.cache });
    const shown = this.options.shown ?? (() => true);
    const diagnostics = relevel(result.diagnostics, this.config).filter(shown);
    const delta = diffDiagnostics(this.previous, diagnostics);
    this.previous = diagnostics;
    const run: CheckRun = { sequence: this.sequence++, changed, result, diagnostics, delta, seconds: (performance.now() - started) / 1000 };
    await this.options.onRun(run);
  }

  /** A broken config is reported and the last good one kept, so one typo does not stop the loop. */
  private reloadConfig(): void {
    try {
      this.config = loadConfig(this.options.root);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      this.options.onProblem(`${error.message}; keeping the previous configuration`);
    }
  }
}
