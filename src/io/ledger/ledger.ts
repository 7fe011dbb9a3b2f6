/** The campaign ledger: append-only JSON Lines, fsynced (group commits), torn-tail tolerant, locked. */
import { closeSync, fsyncSync, fdatasync, openSync, readFileSync, statSync, ftruncateSync, write, writeSync, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { InputError } from '../../core/errors.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import { acquireLock, type LockInfo } from './lock.js';

export interface LedgerRead {
  events: LedgerEvent[];
  /** Bytes of a torn last line (a write cut short by a crash), ignored. */
  tornBytes: number;
  /** Length of the intact part. */
  intactBytes: number;
}

/** Read a ledger without locking it (status, webhooks). A missing file is an empty ledger. */
export function readLedger(path: string): LedgerRead {
  if (!existsSync(path)) return { events: [], tornBytes: 0, intactBytes: 0 };
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(10) + 1;
  const text = buf.subarray(0, end).toString('utf8');
  const events: LedgerEvent[] = [];
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line === '') continue;
    try {
      events.push(JSON.parse(line) as LedgerEvent);
    } catch {
      throw new InputError(`${path}:${lineNo}: corrupt ledger line (not JSON)`, {
        code: 'corrupt-ledger',
        hint: 'the ledger was edited or damaged; restore it from a backup, or move it aside to start the campaign afresh (already-sent recipients would then be sent again)',
      });
    }
  }
  return { events, tornBytes: buf.length - end, intactBytes: end };
}

const writeAsync = promisify(write) as (fd: number, buf: Buffer, off: number, len: number) => Promise<{ bytesWritten: number }>;
const fdatasyncAsync = promisify(fdatasync);

/** An open, locked ledger for appending. */
export class Ledger {
  fsyncs = 0;
  appended = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private flushing = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly releaseLock: () => void,
    readonly existing: LedgerEvent[],
    readonly tornBytes: number,
    readonly tookOverLock: LockInfo | undefined,
  ) {}

  /** Lock, read and open a ledger for appending (created with mode 0600 if absent). */
  static open(path: string): Ledger {
    const lock = acquireLock(`${path}.lock`);
    try {
      const read = readLedger(path);
      const fd = openSync(path, 'a+', 0o600);
      if (read.tornBytes > 0) ftruncateSync(fd, read.intactBytes); // the cut-short write was never acknowledged
      if (statSync(path).size === 0) fsyncSync(fd);
      return new Ledger(path, fd, lock.release, read.events, read.tornBytes, lock.tookOver);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** Append an event; resolves once it is on disk. Events arriving while a write is on its way share the next one. */
  append(event: LedgerEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('ledger closed'));
    this.pending.push(JSON.stringify(event) + '\n');
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => void this.flushAsync());
  }

  // One write + fdatasync at a time, off the event loop; whatever piles up meanwhile goes in the next (group commit).
  private async flushAsync(): Promise<void> {
    this.scheduled = false;
    if (this.pending.length === 0 || this.flushing) return;
    this.flushing = true;
    const lines = Buffer.from(this.pending.join(''));
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      let off = 0;
      while (off < lines.length) off += (await writeAsync(this.fd, lines, off, lines.length - off)).bytesWritten;
      await fdatasyncAsync(this.fd);
      this.fsyncs++;
      this.appended += waiters.length;
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.schedule();
      else for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Resolve when everything appended so far is on disk. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushing || this.scheduled) {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        this.schedule();
      });
    }
  }

  /** Write and fsync what is pending, synchronously (only when no asynchronous write is on its way). */
  flush(): void {
    if (this.flushing || this.pending.length === 0) return;
    const lines = this.pending.join('');
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    writeSync(this.fd, lines);
    fsyncSync(this.fd);
    this.fsyncs++;
    this.appended += waiters.length;
    for (const w of waiters) w.resolve();
  }

  /** Flush, close and release the lock. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
    this.releaseLock();
  }
}
