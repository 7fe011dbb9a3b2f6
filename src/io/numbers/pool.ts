/** A fixed pool of classification workers; batches come back in the order they were sent. */
import { Worker } from 'node:worker_threads';
import type { ClassifiedBatch } from './batch.js';

interface Pending {
  resolve: (b: ClassifiedBatch) => void;
  reject: (e: unknown) => void;
}

/** Worker threads that classify batches; use classify() and close(). */
export class ClassifyPool {
  private readonly workers: Worker[] = [];
  private readonly queues: Pending[][] = [];
  private next = 0;
  private seq = 0;

  constructor(size: number) {
    const url = new URL('./classify-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const w = new Worker(url);
      const queue: Pending[] = [];
      w.on('message', (m: { batch: ClassifiedBatch }) => queue.shift()?.resolve(m.batch));
      w.on('error', (err) => {
        for (const p of queue.splice(0)) p.reject(err);
      });
      this.workers.push(w);
      this.queues.push(queue);
    }
  }

  /** Classify a batch on the next worker in turn. */
  classify(cells: string[], regions: (string | undefined)[], mobileOnly: boolean): Promise<ClassifiedBatch> {
    const i = this.next;
    this.next = (this.next + 1) % this.workers.length;
    return new Promise((resolve, reject) => {
      this.queues[i].push({ resolve, reject });
      this.workers[i].postMessage({ id: this.seq++, cells, regions, mobileOnly });
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
