/** Worker thread: parses and classifies blocks of CSV records off the main thread. */
import { parentPort } from 'node:worker_threads';
import { processBlock, type BlockRequest } from './block.js';

parentPort?.on('message', (req: BlockRequest) => {
  const r = processBlock(req);
  // The rendered rows and the per-row arrays move to the ordering thread without a copy.
  parentPort?.postMessage(r, [r.out.buffer, r.line.buffer, r.key.buffer, r.kind.buffer, r.statusAt.buffer, r.rowStart.buffer, r.rowEnd.buffer] as ArrayBuffer[]);
});
