/** Worker thread: parses and classifies blocks of CSV records off the main thread. */
import { parentPort } from 'node:worker_threads';
import { processBlock, type BlockRequest } from './block.js';

parentPort?.on('message', (req: BlockRequest) => {
  parentPort?.postMessage(processBlock(req));
});
