/** The campaign ledger: append-only JSON Lines, fsynced (group commits), torn-tail tolerant, locked. */
import { closeSync, fsyncSync, openSync, readFileSync, statSync, ftruncateSync, existsSync } from 'node:fs';
import { DurableAppender } from './appender.js';
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

/** An open, locked ledger for appending. */
export class Ledger {
  private readonly out: DurableAppender;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly releaseLock: () => void,
    readonly existing: LedgerEvent[],
    readonly tornBytes: number,
    readonly tookOverLock: LockInfo | undefined,
  ) {
    this.out = new DurableAppender(fd);
  }

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

  /** Append an event; resolves once it is on disk (group-committed with whatever else is pending). */
  append(event: LedgerEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('ledger closed'));
    return this.out.append(JSON.stringify(event));
  }

  /** Resolve when everything appended so far is on disk. */
  drain(): Promise<void> {
    return this.out.drain();
  }

  get fsyncs(): number {
    return this.out.fsyncs;
  }

  get appended(): number {
    return this.out.appended;
  }

  /** Flush, close and release the lock. */
  close(): void {
    if (this.closed) return;
    this.out.flushSync();
    this.closed = true;
    closeSync(this.fd);
    this.releaseLock();
  }
}
