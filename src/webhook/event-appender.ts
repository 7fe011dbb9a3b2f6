/** Group commit for the events file: batches are written in order and each is acknowledged, in order, once a disk sync begun after its write has finished. */
import { fstatSync, ftruncate, ftruncateSync, writeSync } from 'node:fs';
import { adaptiveSync, type DiskSync } from './disk-sync.js';
import type { FileGuard } from './intake-types.js';

/**
 * Disk syncs that may run at once. One (classic group commit: each batch is what arrived during the previous sync) was
 * measured best on 2 vCPUs: two at once split the senders into smaller batches. A sync on the receiver's own thread is
 * one at a time anyway.
 */
const DEFAULT_SYNCS = 1;
/** Turns of the event loop a batch may wait while requests keep arriving: measured 0.09 -> 0.07 syncs per request under load. */
const EXTRA_TURNS = 2;

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A written batch waiting for its sync; `start` is the file size before it, where a failure cuts the file back to. */
interface Batch {
  waiters: Waiter[];
  start: number;
  synced: boolean;
}

/** Durable appends of whole lines on a file descriptor opened for appending (single writer: the file is locked). */
export class EventAppender {
  fsyncs = 0;
  appended = 0;
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private readonly syncing: Batch[] = [];
  private idle: (() => void)[] = [];
  private scheduled = false;
  /** Set while a failed sync is being cut back: nothing new is written until the file is whole again. */
  private repairing = false;
  private size: number;
  /** Set by a hurried stop: nothing more is cut; only the batches already syncing finish. */
  private stopping = false;

  constructor(
    private readonly fd: number,
    /** The disk sync (fdatasync, on this thread while the disk is fast); tests pass one that fails or finishes out of order. */
    private readonly sync: DiskSync = adaptiveSync(),
    private readonly maxSyncs = DEFAULT_SYNCS,
    private readonly guard?: FileGuard,
  ) {
    this.size = fstatSync(fd).size;
  }

  /** Append text (newline added); resolves once it is on disk, rejects if it could not be written (nothing of it stays). */
  append(text: string): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('stopped before it was written'));
    this.pending.push(text);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Resolve when everything appended so far is on disk (or failed). */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /**
   * A hurried stop (a second Ctrl-C): what is not written yet is refused (never acknowledged; Meta sends it again), and
   * this resolves once the batches already written are synced and answered (or failed).
   */
  finishInFlight(): Promise<void> {
    this.stopping = true;
    this.refuseQueued(new Error('stopped before it was written'));
    return this.drain();
  }

  /** Refuse every append not written yet (none of it reaches the file). */
  private refuseQueued(err: Error): void {
    const refused = this.waiters;
    this.pending = [];
    this.waiters = [];
    for (const w of refused) w.reject(err);
  }

  /** Nothing can be cut now: stopping, cutting back a failure, all syncs busy, or nothing pending. */
  private blocked(): boolean {
    return this.stopping || this.repairing || this.syncing.length >= this.maxSyncs || !this.pending.length;
  }

  private isIdle(): boolean {
    return !this.pending.length && !this.syncing.length && !this.scheduled && !this.repairing;
  }

  private schedule(): void {
    if (this.scheduled || this.blocked()) return;
    this.scheduled = true;
    this.turn(this.pending.length, 0);
  }

  /**
   * Cut at the end of this turn of the event loop, so the requests read in it join the batch; while a turn brings more,
   * wait up to EXTRA_TURNS more. No timer: an idle receiver cuts at once, a busy one gets bigger batches (fewer syncs).
   */
  private turn(seen: number, extra: number): void {
    setImmediate(() => {
      if (this.pending.length > seen && extra < EXTRA_TURNS) return this.turn(this.pending.length, extra + 1);
      this.scheduled = false;
      this.cut();
    });
  }

  /** Write what is pending (to the page cache, in order, on this thread) and start its disk sync (which may finish at once). */
  private cut(): void {
    if (this.blocked()) return this.settle();
    // Moved away or removed since the last batch: not written into a file nobody reads (the receiver opens a new one).
    const moved = this.guard?.beforeWrite();
    if (moved) {
      this.refuseQueued(moved);
      return this.settle();
    }
    const buf = Buffer.from(this.pending.join('\n') + '\n');
    const batch: Batch = { waiters: this.waiters, start: this.size, synced: false };
    this.pending = [];
    this.waiters = [];
    try {
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off, null);
    } catch (err) {
      // A full disk or a broken file: cut back what part of the batch reached it, so no later line is glued to a fragment.
      try {
        ftruncateSync(this.fd, batch.start);
      } catch {
        // The file stays as it is; the next batch will fail the same way and say so.
      }
      for (const w of batch.waiters) w.reject(err);
      return this.settle();
    }
    this.size += buf.length;
    this.syncing.push(batch);
    this.sync(this.fd, (err) => this.synced(batch, err));
  }

  private synced(batch: Batch, err: Error | null): void {
    this.fsyncs++;
    batch.synced = true;
    // The late sync of a batch already refused by an earlier failure: nothing to do.
    if (!this.syncing.includes(batch)) return this.settle();
    // Removed while it synced: durable in a file that has no name any more, so not acknowledged.
    const gone = err ?? this.guard?.afterSync() ?? null;
    if (gone) return this.failAll(gone);
    // Acknowledged in order: a batch is released only when every batch written before it is durable too.
    while (this.syncing.length && this.syncing[0].synced) {
      const b = this.syncing.shift()!;
      this.appended += b.waiters.length;
      for (const w of b.waiters) w.resolve();
    }
    this.schedule();
    this.settle();
  }

  /**
   * A failed sync: every batch not acknowledged yet is refused and cut from the file. Not only the failed one and those
   * after it: a write-back error is reported to one sync of the file, which may be a later batch's, not its own.
   */
  private failAll(err: unknown): void {
    const failed = this.syncing.splice(0);
    this.size = failed[0].start;
    this.repairing = true;
    ftruncate(this.fd, this.size, () => {
      this.repairing = false;
      for (const b of failed) for (const w of b.waiters) w.reject(err);
      this.schedule();
      this.settle();
    });
  }

  private settle(): void {
    if (this.isIdle()) for (const w of this.idle.splice(0)) w();
  }
}
