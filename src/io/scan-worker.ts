/**
 * The helper thread of `servicemaal evaluate` for large CSV files: reads the part of the file its
 * job names (see `scanPart`) and posts what it read back, or the error that stopped it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanPart, type ScanJob } from './scan.js';

const port = parentPort;
if (port !== null) {
  scanPart(workerData as ScanJob).then(
    (part) => { port.postMessage({ part }, [...part.items, ...part.ids].map((batch) => batch.buffer as ArrayBuffer)); },
    (error: unknown) => { port.postMessage({ error: error instanceof Error ? error.message : String(error) }); },
  );
}
