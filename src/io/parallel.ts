import { Worker } from 'node:worker_threads';
import type { ParallelRead, ScanHelper, ScanJob, ScanPartResult } from './scan.js';

/** Case files at least this large are read on two threads. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The share of a file the helper thread reads. The main thread also counts every case (its own
 * and the helper's), so the helper takes the larger part.
 */
export const HELPER_SHARE = 0.48;

/**
 * The parallel read of `readInto` with `threads: 2`: the last part of a large CSV file is read by
 * a worker thread running `dist/scan-worker.js` (next to the module that starts it).
 */
export function parallelRead(): ParallelRead {
  return { minBytes: PARALLEL_MIN_BYTES, share: HELPER_SHARE, start: startWorker };
}

/** Starts a worker thread on a job. A worker that cannot start fails its result (the file is then read in one pass). */
function startWorker(job: ScanJob): ScanHelper {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: job });
  } catch (error) {
    const result = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    result.catch(() => undefined);
    return { result, cancel: () => undefined };
  }
  const result = new Promise<ScanPartResult>((resolve, reject) => {
    worker.once('message', (message: { part?: ScanPartResult; error?: string }) => {
      if (message.part === undefined) reject(new Error(message.error ?? 'the helper thread failed'));
      else resolve(message.part);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { reject(new Error(`the helper thread stopped (exit code ${code})`)); });
  });
  result.catch(() => undefined);
  return { result, cancel: () => void worker.terminate() };
}
