/**
 * Worker thread entry: parse and validate one document at a time for the main thread
 * (parse-files.ts, for large corpora). Only plain data crosses the boundary.
 */
import { parentPort } from 'node:worker_threads';
import { parseAndValidate } from './parse-files.ts';

parentPort!.on('message', (job: { id: number; text: string; file: string }) => {
  const outcome = parseAndValidate(job.text, job.file);
  parentPort!.postMessage({ id: job.id, diagnostics: outcome.diagnostics, document: outcome.document });
});
