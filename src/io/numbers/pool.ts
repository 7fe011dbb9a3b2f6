/** A fixed pool of block workers; each worker answers in the order it was asked. */
import { Worker } from 'node:worker_threads';
import { THREAD_LIMITS } from './validate-capped.js';
import type { BlockRequest, BlockResult } from './block.js';

interface Pending {
  resolve: (b: BlockResult) => void;
  reject: (e: unknown) => void;
}

/** Worker threads that process blocks; use run() and close(). */
export class BlockPool {
  private readonly workers: Worker[] = [];
  private readonly queues: Pending[][] = [];
  private next = 0;

  constructor(size: number, resourceLimits: typeof THREAD_LIMITS = THREAD_LIMITS) {
    const url = new URL('./classify-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const w = new Worker(url, { resourceLimits });
      const queue: Pending[] = [];
      w.on('message', (m: BlockResult) => queue.shift()?.resolve(m));
      w.on('error', (err) => {
        for (const p of queue.splice(0)) p.reject(err);
      });
      this.workers.push(w);
      this.queues.push(queue);
    }
  }

  /** Blocks waiting on the least busy worker. */
  get minQueue(): number {
    return Math.min(...this.queues.map((q) => q.length));
  }

  /** Process a block on the least busy worker. */
  run(req: BlockRequest): Promise<BlockResult> {
    let i = this.next;
    for (let k = 0; k < this.queues.length; k++) if (this.queues[k].length < this.queues[i].length) i = k;
    this.next = (i + 1) % this.workers.length;
    return new Promise((resolve, reject) => {
      this.queues[i].push({ resolve, reject });
      this.workers[i].postMessage(req);
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
