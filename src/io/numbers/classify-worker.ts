/** Worker thread: classifies batches of phone cells with libphonenumber-js off the main thread. */
import { parentPort } from 'node:worker_threads';
import { classifyBatch } from './batch.js';

interface Request {
  id: number;
  cells: string[];
  regions: (string | undefined)[];
  mobileOnly: boolean;
}

parentPort?.on('message', (m: Request) => {
  parentPort?.postMessage({ id: m.id, batch: classifyBatch(m.cells, m.regions, m.mobileOnly) });
});
