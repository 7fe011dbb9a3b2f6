/** Group commit for a worker: appends and claims queued meanwhile share one transaction (one round trip). */
import { isConnectionFailure, isRolledBack } from './errors.js';
import type { BatchOp, OpResult } from './tables/record-ops.js';

interface Queued {
  op: BatchOp;
  resolve: (r: OpResult) => void;
  reject: (err: unknown) => void;
}

/** Stores a batch; resolves with, per op, whether it was applied (and a claim's wait for its slot). */
export type BatchWriter = (ops: readonly BatchOp[]) => Promise<OpResult[]>;

// Each claim holds a transaction-level advisory lock until the commit: keep batches well inside max_locks_per_transaction.
const MAX_BATCH = 200;
const RETRIES = 5;

/**
 * One batch in flight at a time, in queue order. A batch lost with the connection is retried for
 * its appends only: a claim whose commit is in doubt is answered "not yours" (its recipient stays
 * "unknown" if the claim did commit: never sent twice); a repeated outcome event is harmless.
 */
export class Batcher {
  commits = 0;
  applied = 0;
  private queue: Queued[] = [];
  private busy = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly write: BatchWriter,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Queue an op; resolves once committed (ok when applied; a claim may be refused, or wait for its slot). */
  push(op: BatchOp): Promise<OpResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (!this.busy) setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) await this.flush(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.busy = false;
      for (const w of this.idle.splice(0)) w();
    }
  }

  private async flush(batch: Queued[]): Promise<void> {
    let items = batch;
    for (let attempt = 1; ; attempt++) {
      try {
        const ok = await this.write(items.map((q) => q.op));
        this.commits++;
        items.forEach((q, i) => {
          if (ok[i].ok) this.applied++;
          q.resolve(ok[i]);
        });
        return;
      } catch (err) {
        // A deadlock or serialization failure rolled the whole batch back: nothing of it is in doubt.
        if (isRolledBack(err) && attempt <= RETRIES) {
          await this.sleep(20 * attempt);
          continue;
        }
        if (!isConnectionFailure(err) || attempt > RETRIES) {
          for (const q of items) q.reject(err);
          return;
        }
        for (const q of items) if (q.op.op === 'claim') q.resolve({ ok: false });
        items = items.filter((q) => q.op.op !== 'claim');
        if (items.length === 0) return;
        await this.sleep(Math.min(2000, 200 * 2 ** (attempt - 1)));
      }
    }
  }

  /** Resolve once everything queued so far is committed (or failed). */
  drain(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => {
      this.idle.push(r);
      if (!this.busy) setImmediate(() => void this.run());
    });
  }
}
