/**
 * Worker thread entry: parse and validate one document at a time for the main thread, which
 * enforces a time and memory budget (see bounded-parse.ts). Only plain data crosses the boundary.
 */
import { parentPort } from 'node:worker_threads';
import { Report } from '../diagnostics/report.ts';
import { validateDocument } from '../validate/validate.ts';
import { parseDocument } from './document.ts';

parentPort!.on('message', (job: { id: number; text: string; file: string }) => {
  const report = new Report();
  try {
    const parsed = parseDocument(job.text, job.file, report);
    const document = parsed ? validateDocument(parsed, report) : null;
    parentPort!.postMessage({ id: job.id, diagnostics: report.diagnostics, document });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, diagnostics: report.diagnostics, document: null, failure: (error as Error).message });
  }
});
