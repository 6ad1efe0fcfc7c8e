import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Report } from '../diagnostics/report.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ValidDocument } from '../validate/validate.ts';

/**
 * Markdown parsers have super-linear corners (a 100 KB flat list took remark 15 s; 25,000 setext
 * headings over a minute) that no pre-scan can list exhaustively. So each document is parsed in a
 * worker thread with a budget: if a file takes longer than the time budget, or the worker runs out
 * of its heap, the worker is terminated, the file gets one HV1014 diagnostic, and a fresh worker
 * takes the next file. The pool serves the whole process and keeps it alive only while a file is in flight.
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

interface Job {
  id: number;
  text: string;
  file: string;
  resolve: (outcome: ParseOutcome) => void;
}

/** A worker and the file it is parsing, if any. */
interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/** Two workers keep both cores busy (the main thread mostly waits); more would only add heaps. */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));
const slots: Slot[] = [];
const queue: Job[] = [];
let nextId = 0;

function startSlot(): Slot {
  const worker = new Worker(new URL('./parse-worker-entry.mjs', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: PARSE_BUDGET.heapMegabytes },
  });
  const slot: Slot = { worker };
  worker.unref();
  worker.on('message', (message: ParseOutcome & { id: number; failure?: string }) => {
    if (slot.job?.id !== message.id) return;
    if (message.failure !== undefined) {
      const report = new Report();
      report.diagnostics.push(...message.diagnostics);
      report.add('HV9001', slot.job.file, undefined, `Internal error while reading this file: ${message.failure}.`,
        { hint: 'This is a bug in hvspec; please report it with this file.' });
      finish(slot, { diagnostics: report.diagnostics, document: null });
    } else {
      finish(slot, { diagnostics: message.diagnostics, document: message.document });
    }
  });
  worker.on('error', (error) => retire(slot, /memory/i.test(error.message) ? `it needed more than ${PARSE_BUDGET.heapMegabytes} MB to parse` : `the parser failed (${error.message})`));
  worker.on('exit', () => retire(slot, 'the parser stopped'));
  slots.push(slot);
  return slot;
}

/** Hand queued files to idle workers, starting workers up to the pool size. */
function pump(): void {
  while (queue.length > 0) {
    const slot = slots.find((s) => !s.job) ?? (slots.length < POOL_SIZE ? startSlot() : undefined);
    if (!slot) return;
    const job = queue.shift()!;
    slot.job = job;
    slot.worker.ref(); // keep the process alive while a file is in flight
    // The budget runs from when the worker gets the file, not from when it was queued.
    slot.timer = setTimeout(() => retire(slot, `it took longer than ${PARSE_BUDGET.milliseconds / 1000} s to parse`), PARSE_BUDGET.milliseconds);
    slot.worker.postMessage({ id: job.id, text: job.text, file: job.file });
  }
}

function finish(slot: Slot, outcome: ParseOutcome): void {
  clearTimeout(slot.timer);
  const job = slot.job;
  slot.job = undefined;
  slot.worker.unref();
  job?.resolve(outcome);
  pump();
}

/** Take a worker out of the pool (timed out, out of memory, crashed); its file gets HV1014. */
function retire(slot: Slot, reason: string): void {
  const index = slots.indexOf(slot);
  if (index < 0) return;
  slots.splice(index, 1);
  clearTimeout(slot.timer);
  const job = slot.job;
  slot.job = undefined;
  void slot.worker.terminate();
  if (job) job.resolve(budgetExceeded(job.file, reason));
  pump();
}

function budgetExceeded(file: string, reason: string): ParseOutcome {
  const report = new Report();
  report.add('HV1014', file, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    `Prose is too complex to parse safely: ${reason}.`, { hint: 'Simplify the document; split very long lists or sections.' });
  return { diagnostics: report.diagnostics, document: null };
}

/** Parse and validate one document's text within the budget; files may be queued concurrently. */
export function parseBounded(text: string, file: string): Promise<ParseOutcome> {
  return new Promise((resolve) => {
    queue.push({ id: nextId++, text, file, resolve });
    pump();
  });
}
