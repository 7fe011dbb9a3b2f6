/** Append lines to a file durably: one write + fdatasync at a time, and whatever piles up meanwhile shares the next (group commit). */
import { fdatasync, fstatSync, fsyncSync, ftruncateSync, write, writeSync } from 'node:fs';
import { promisify } from 'node:util';

/** The file operations an appender uses (tests give a write that fails halfway, as a full disk does). */
export interface AppendIo {
  write: (fd: number, buf: Buffer, off: number, len: number) => Promise<{ bytesWritten: number }>;
  writeSync: (fd: number, buf: Buffer, off: number, len: number) => number;
  fdatasync: (fd: number) => Promise<void>;
}

const fsIo: AppendIo = {
  write: promisify(write) as AppendIo['write'],
  writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, len),
  fdatasync: promisify(fdatasync),
};

/**
 * Durable line appends on an open file descriptor (the only writer of its file). A batch that fails (a full disk) is
 * cut off again, so the file holds exactly the lines that were acknowledged: never a torn fragment that the next batch
 * would glue onto (a corrupt line in the middle, which stops every later reader), and never a line reported as failed
 * that a reader would later take as stored (an attempt that never went out would read as "unknown").
 */
export class DurableAppender {
  fsyncs = 0;
  appended = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private idleWaiters: (() => void)[] = [];
  private scheduled = false;
  private flushing = false;
  /** Set when a failed batch could not be cut off: nothing more may be appended after what it left. */
  private broken: unknown;

  /** beforeCommit throws to refuse a commit (the ledger's lock is no longer ours); fd may be opened on the first commit. */
  constructor(
    private readonly fdOf: number | (() => number),
    private readonly beforeCommit?: () => void,
    private readonly io: AppendIo = fsIo,
  ) {}

  private get fd(): number {
    return typeof this.fdOf === 'number' ? this.fdOf : this.fdOf();
  }

  /** Append one line (newline added); resolves once it is on disk. */
  append(line: string): Promise<void> {
    this.pending.push(line + '\n');
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => void this.flushAsync());
  }

  private async flushAsync(): Promise<void> {
    this.scheduled = false;
    if (this.pending.length === 0 || this.flushing) return;
    this.flushing = true;
    const lines = Buffer.from(this.pending.join(''));
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      if (this.broken) throw this.broken;
      this.beforeCommit?.();
      const fd = this.fd;
      const start = fstatSync(fd).size;
      let written = false;
      try {
        let off = 0;
        while (off < lines.length) off += (await this.io.write(fd, lines, off, lines.length - off)).bytesWritten;
        written = true;
        await this.io.fdatasync(fd);
      } catch (err) {
        this.cutBack(fd, start, err, written);
        throw err;
      }
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

  /**
   * Remove what a failed batch left (up to its start). A failed write (a full disk) leaves the file usable once it is cut
   * back; a failed sync does not (the disk may have lost earlier pages too), nor does a cut that fails: every later
   * batch is then refused.
   */
  private cutBack(fd: number, start: number, err: unknown, syncFailed: boolean): void {
    try {
      ftruncateSync(fd, start);
      if (syncFailed) this.broken = err;
    } catch {
      this.broken = err;
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
  flushSync(): void {
    if (this.flushing || this.pending.length === 0) return;
    if (this.broken) throw this.broken;
    const waiters = this.waiters;
    this.beforeCommit?.();
    const fd = this.fd;
    const lines = Buffer.from(this.pending.join(''));
    const start = fstatSync(fd).size;
    let written = false;
    try {
      // writeSync may write part of it (a full disk): the rest, or the error, comes from the next call.
      for (let off = 0; off < lines.length; ) off += this.io.writeSync(fd, lines, off, lines.length - off);
      written = true;
      fsyncSync(fd);
    } catch (err) {
      this.cutBack(fd, start, err, written);
      throw err;
    }
    this.pending = [];
    this.waiters = [];
    this.fsyncs++;
    this.appended += waiters.length;
    for (const w of waiters) w.resolve();
  }
}
