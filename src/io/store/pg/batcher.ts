/** Group commit for a worker: appends and claims queued meanwhile share one transaction (one round trip); a dropped connection is waited out. */
import { ClaimNotStoredError } from '../claim-not-stored.js';
import { isConnectionFailure, isRolledBack, surelyNotApplied } from './errors.js';
import { StoreOutage } from './outage.js';
import type { BatchOp, OpResult } from './tables/record-ops.js';

interface Queued {
  op: BatchOp;
  resolve: (r: OpResult) => void;
  reject: (err: unknown) => void;
}

/** Stores a batch; resolves with, per op, whether it was applied (and a claim's wait for its slot). */
export type BatchWriter = (ops: readonly BatchOp[]) => Promise<OpResult[]>;

/**
 * After a dropped connection, which of these claims (attempt events stored by this worker) did commit: true per op
 * whose attempt is in the store. Rejects when the store cannot be asked either.
 */
export type ClaimCheck = (claims: readonly BatchOp[]) => Promise<boolean[]>;

// Each claim holds a transaction-level advisory lock until the commit: keep batches well inside max_locks_per_transaction.
const MAX_BATCH = 200;
const ROLLBACK_RETRIES = 5;

/**
 * One batch in flight at a time, in queue order. A batch lost with the connection is tried again, with backoff, until
 * the store is back or the outage outlasts its bound (then every op of it rejects, and the writer reports the store
 * lost). A batch commits whole or not at all: before trying again, the claims of a batch whose commit is in doubt are
 * looked up; one found stored means the whole batch committed (its claims found are this worker's, its appends are
 * kept); the others are tried again (a claim retried after it did commit would only store a second attempt event, never
 * send twice: the request goes out only after the claim resolves). A repeated outcome event is harmless.
 */
export class Batcher {
  commits = 0;
  applied = 0;
  private queue: Queued[] = [];
  private busy = false;
  private idle: (() => void)[] = [];
  private abandoned = false;

  constructor(
    private readonly write: BatchWriter,
    private readonly outage: StoreOutage = new StoreOutage(),
    private readonly check?: ClaimCheck,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Queue an op; resolves once committed (ok when applied; a claim may be refused, or wait for its slot). */
  push(op: BatchOp): Promise<OpResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (!this.busy) setImmediate(() => void this.run());
    });
  }

  /** Stop waiting for a store that went away (the run was interrupted): what waits for it fails now. */
  abandon(): void {
    this.abandoned = true;
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
    let inDoubt = false;
    for (let rolledBack = 0; ; ) {
      try {
        if (inDoubt) {
          items = await this.settleDoubt(items);
          inDoubt = false;
          if (items.length === 0) return;
        }
        const ok = await this.write(items.map((q) => q.op));
        this.outage.ok();
        this.commits++;
        items.forEach((q, i) => {
          if (ok[i].ok) this.applied++;
          q.resolve(ok[i]);
        });
        return;
      } catch (err) {
        // A deadlock or serialization failure rolled the whole batch back: nothing of it is in doubt.
        if (isRolledBack(err) && ++rolledBack <= ROLLBACK_RETRIES) {
          await this.sleep(20 * rolledBack);
          continue;
        }
        const wait = isConnectionFailure(err) && !this.abandoned ? this.outage.failed() : undefined;
        if (wait === undefined) {
          // Claims surely not stored say so: their recipients are pending, not "unknown", in the run's own counts too.
          for (const q of items) q.reject(q.op.op === 'claim' && !inDoubt && surelyNotApplied(err) ? new ClaimNotStoredError(err) : err);
          return;
        }
        // In doubt only when the batch may have reached the server: a connection refused, or an error the server
        // answered with, applied nothing.
        inDoubt ||= items.some((q) => q.op.op === 'claim') && !surelyNotApplied(err);
        await this.pause(wait);
      }
    }
  }

  /** The batch went out and the connection dropped before its answer: resolve what did commit, return the rest. */
  private async settleDoubt(items: Queued[]): Promise<Queued[]> {
    const claims = items.filter((q) => q.op.op === 'claim');
    if (!this.check || claims.length === 0) return items;
    const stored = await this.check(claims.map((q) => q.op));
    if (!stored.some(Boolean)) return items; // not committed (or every claim of it refused): all again
    this.commits++;
    const committed = new Set(claims.filter((_, i) => stored[i]));
    const rest: Queued[] = [];
    for (const q of items) {
      if (q.op.op === 'append' || committed.has(q)) {
        this.applied++;
        q.resolve({ ok: true });
      } else rest.push(q); // refused or told to wait in the batch that committed: asked afresh
    }
    return rest;
  }

  /** Sleep between tries, cut short by abandon(). */
  private async pause(ms: number): Promise<void> {
    for (let left = ms; left > 0 && !this.abandoned; left -= 100) await this.sleep(Math.min(100, left));
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
