import { Worker } from 'node:worker_threads';
import { Report } from '../diagnostics/report.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ValidDocument } from '../validate/validate.ts';

/**
 * Markdown parsers have super-linear corners (a 100 KB flat list took remark 15 s; 25,000 setext
 * headings over a minute) that no pre-scan can list exhaustively. So each document is parsed in a
 * worker thread with a budget: if a file takes longer than the time budget, or the worker runs out
 * of its heap, the worker is terminated, the file gets one HV1014 diagnostic, and a fresh worker
 * takes the next file. One worker serves the whole process and does not keep it alive.
 */
export const PARSE_BUDGET = {
  /** Per file; HVSPEC_PARSE_TIMEOUT_MS overrides it (the tests use a short one). */
  milliseconds: Number(process.env.HVSPEC_PARSE_TIMEOUT_MS) || 20_000,
  heapMegabytes: 1024,
};

export interface ParseOutcome {
  diagnostics: Diagnostic[];
  document: ValidDocument | null;
}

type Pending = { resolve: (outcome: ParseOutcome) => void; file: string; timer: NodeJS.Timeout; worker: Worker };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function startWorker(): Worker {
  const w = new Worker(new URL('./parse-worker-entry.mjs', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: PARSE_BUDGET.heapMegabytes },
  });
  w.unref();
  w.on('message', (message: ParseOutcome & { id: number; failure?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    clearTimeout(job.timer);
    if (pending.size === 0) w.unref();
    if (message.failure !== undefined) {
      const report = new Report();
      report.diagnostics.push(...message.diagnostics);
      report.add('HV9001', job.file, undefined, `Internal error while reading this file: ${message.failure}.`,
        { hint: 'This is a bug in hvspec; please report it with this file.' });
      job.resolve({ diagnostics: report.diagnostics, document: null });
    } else {
      job.resolve({ diagnostics: message.diagnostics, document: message.document });
    }
  });
  w.on('error', (error) => failAll(w, /memory/i.test(error.message) ? `it needed more than ${PARSE_BUDGET.heapMegabytes} MB to parse` : `the parser failed (${error.message})`));
  w.on('exit', () => failAll(w, 'the parser stopped'));
  return w;
}

/** Answer every file in flight on a dead worker (not those already sent to its successor), and forget it. */
function failAll(dead: Worker, reason: string): void {
  if (worker === dead) worker = undefined;
  for (const [id, job] of pending) {
    if (job.worker !== dead) continue;
    pending.delete(id);
    clearTimeout(job.timer);
    job.resolve(budgetExceeded(job.file, reason));
  }
}

function budgetExceeded(file: string, reason: string): ParseOutcome {
  const report = new Report();
  report.add('HV1014', file, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    `Prose is too complex to parse safely: ${reason}.`, { hint: 'Simplify the document; split very long lists or sections.' });
  return { diagnostics: report.diagnostics, document: null };
}

/** Parse and validate one document's text within the budget. */
export function parseBounded(text: string, file: string): Promise<ParseOutcome> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(budgetExceeded(file, `it took longer than ${PARSE_BUDGET.milliseconds / 1000} s to parse`));
      // Whatever else was queued on this worker is answered by failAll when it exits.
      if (worker === w) worker = undefined;
      void w.terminate();
    }, PARSE_BUDGET.milliseconds);
    pending.set(id, { resolve, file, timer, worker: w });
    w.ref(); // keep the process alive while a file is in flight
    w.postMessage({ id, text, file });
  });
}
