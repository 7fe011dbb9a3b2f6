/** The campaign ledger: append-only JSON Lines, fsynced (group commits), torn-tail tolerant, locked; read as a stream. */
import { closeSync, constants, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync } from 'node:fs';
import { DurableAppender } from './appender.js';
import { InputError } from '../../core/errors.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import { checkPlace, intactLength, isSymlink, looksLikeLedger, refuseForeign } from './ledger-file.js';
import { acquireLock, type LockInfo } from './lock.js';

export { readHeader, readLedger, replayLedger, type LedgerRead } from './ledger-read.js';

/** An open, locked ledger for appending. */
export class Ledger {
  private readonly out: DurableAppender;
  private closed = false;

  private constructor(
    readonly path: string,
    private fd: number | undefined,
    private readonly lock: ReturnType<typeof acquireLock>,
    readonly tornBytes: number,
  ) {
    this.out = new DurableAppender(
      () => (this.fd ??= Ledger.create(path)),
      () => {
        const why = lock.lost();
        if (why) throw new Error(why);
      },
    );
  }

  /**
   * Lock and open a ledger for appending; a torn last line is trimmed. An absent ledger is created
   * (mode 0600) only when the first event is stored: a run declined at its prompt leaves no file behind.
   */
  static open(path: string): Ledger {
    checkPlace(path);
    const lock = acquireLock(`${path}.lock`);
    try {
      if (!existsSync(path) && !isSymlink(path)) return new Ledger(path, undefined, lock, 0);
      refuseForeign(path);
      // Never through a symlink (a campaign folder from someone else could plant one at the ledger's name).
      const fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW, 0o600);
      if (!looksLikeLedger(fd)) {
        closeSync(fd);
        throw new InputError(`${path} is not a wa-ops ledger (its first line is not a ledger event); nothing was changed`, {
          code: 'not-a-ledger',
          hint: 'pass --ledger with the path of the campaign\'s ledger, or a new file name',
        });
      }
      const size = fstatSync(fd).size;
      const intact = intactLength(fd);
      // The cut-short write was never acknowledged: trim it before anything is appended after it.
      if (intact < size) ftruncateSync(fd, intact);
      return new Ledger(path, fd, lock, size - intact);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private static create(path: string): number {
    // Exclusive: a file or symlink that appeared at the name since open() is not written through.
    const fd = openSync(path, 'ax+', 0o600);
    fsyncSync(fd);
    return fd;
  }

  /** A stale lock that was taken over when opening. */
  get tookOverLock(): LockInfo | undefined {
    return this.lock.tookOver;
  }

  /** Why the lock is no longer ours, or undefined. */
  lost(): string | undefined {
    return this.lock.lost();
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

  /** How many fsyncs the appends took (group commit: fewer than events). */
  get fsyncs(): number {
    return this.out.fsyncs;
  }

  /** How many events were appended. */
  get appended(): number {
    return this.out.appended;
  }

  /** Flush, close and release the lock. */
  close(): void {
    if (this.closed) return;
    try {
      if (!this.lock.lost()) this.out.flushSync();
    } finally {
      this.closed = true;
      if (this.fd !== undefined) closeSync(this.fd);
      this.lock.release();
    }
  }
}
