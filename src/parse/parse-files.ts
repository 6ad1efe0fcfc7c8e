import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Report } from '../diagnostics/report.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import { validateDocument, type ValidDocument } from '../validate/validate.ts';
import { parseDocument } from './document.ts';
import { fileStart } from './positions.ts';

/**
 * Parse and validate the documents of one check. What a file yields depends only on its text:
 * the cost of every input is bounded by the deterministic limits of prose-guard.ts (and the
 * 1 MiB file limit), so there is no time budget, which would make a loaded machine report
 * different diagnostics than an idle one.
 *
 * Worker threads are used only where they were measured to pay: on this 2-core machine two
 * workers made a 300-document, 5.9 MB corpus slower (wall 48–70 s against 35–43 s in-process,
 * CPU 17 s against 9–10 s; docs/reliability.md, "Worker threads"), and earlier idle measurements
 * gave at most 1.3×. Starting a worker also costs loading the parser (and, under tsx, the loader)
 * again. So the project's corpus, and anything below WORKER_POLICY, is parsed in this thread.
 */
export const WORKER_POLICY = { minBytes: 16 * 1024 * 1024, minCores: 4, workers: 2 } as const;

/**
 * How many parse workers to start for a corpus: 0 means parse in this thread.
 * HVSPEC_PARSE_WORKERS=N forces N (0 = never); results are the same either way, only speed differs.
 */
export function parseWorkerCount(bytes: number, files: number, cores = availableParallelism(), forced = process.env.HVSPEC_PARSE_WORKERS): number {
  const wanted = forced !== undefined && /^\d+$/.test(forced) ? Number(forced)
    : bytes >= WORKER_POLICY.minBytes && cores >= WORKER_POLICY.minCores ? WORKER_POLICY.workers : 0;
  return Math.min(wanted, files);
}

/** A crashed or out-of-memory worker is a bug, not a verdict on the file: the heap limit only contains the damage. */
const WORKER_HEAP_MB = 1024;

export interface ParseOutcome {
  diagnostics: Diagnostic[];
  document: ValidDocument | null;
}

export interface ParseJob {
  text: string;
  file: string;
}

/** Parse and validate one document in this thread; no input makes this throw. */
export function parseAndValidate(text: string, file: string): ParseOutcome {
  const report = new Report();
  try {
    const parsed = parseDocument(text, file, report);
    return { diagnostics: report.diagnostics, document: parsed ? validateDocument(parsed, report) : null };
  } catch (error) {
    return internalError(report, file, (error as Error).message);
  }
}

/** Outcomes in the order of `jobs`. */
export async function parseFiles(jobs: ParseJob[]): Promise<ParseOutcome[]> {
  const workers = parseWorkerCount(jobs.reduce((sum, job) => sum + job.text.length, 0), jobs.length);
  if (workers === 0) return jobs.map((job) => parseAndValidate(job.text, job.file));
  return parseInWorkers(jobs, workers);
}

function internalError(report: Report, file: string, message: string): ParseOutcome {
  report.add('HV9001', file, fileStart(), `Internal error while reading this file: ${message}.`,
    { hint: 'This is a bug in hvspec; please report it with this file.' });
  return { diagnostics: report.diagnostics, document: null };
}

/**
 * The one place a parse worker is started. From the TypeScript sources (run through tsx) the
 * entry is parse-worker-entry.mjs, which registers tsx in the worker thread (loader hooks are per
 * thread on Node 20) before loading parse-worker.ts; from compiled JavaScript it is parse-worker.js
 * beside this file, which needs no loader.
 */
export function startParseWorker(): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const entry = new URL(compiled ? './parse-worker.js' : './parse-worker-entry.mjs', import.meta.url);
  return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}

/** Each worker takes the next file when it finishes one; a worker that dies gives its file HV9001 and is replaced. */
function parseInWorkers(jobs: ParseJob[], count: number): Promise<ParseOutcome[]> {
  return new Promise((resolve) => {
    const outcomes: ParseOutcome[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    const live = new Set<Worker>();
    const finish = (index: number, outcome: ParseOutcome): void => {
      outcomes[index] = outcome;
      if (++done === jobs.length) {
        for (const w of live) void w.terminate();
        resolve(outcomes);
      }
    };
    const run = (): void => {
      if (next >= jobs.length) return;
      const worker = startParseWorker();
      live.add(worker);
      let current = -1;
      const feed = (): void => {
        if (next >= jobs.length) { live.delete(worker); void worker.terminate(); return; }
        current = next++;
        worker.postMessage({ id: current, text: jobs[current]!.text, file: jobs[current]!.file });
      };
      worker.on('message', (message: ParseOutcome & { id: number }) => {
        if (message.id !== current) return;
        current = -1;
        feed();
        finish(message.id, { diagnostics: message.diagnostics, document: message.document });
      });
      const died = (reason: string): void => {
        if (!live.delete(worker)) return;
        if (current >= 0) {
          const index = current;
          current = -1;
          finish(index, internalError(new Report(), jobs[index]!.file, `the parse worker stopped (${reason})`));
        }
        run();
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`exit code ${code}`));
      feed();
    };
    for (let i = 0; i < count; i++) run();
  });
}
