/** Append lines to a file durably: one write + fdatasync at a time, and whatever piles up meanwhile shares the next (group commit). */
import { fdatasync, fsyncSync, write, writeSync } from 'node:fs';
import { promisify } from 'node:util';

const writeAsync = promisify(write) as (fd: number, buf: Buffer, off: number, len: number) => Promise<{ bytesWritten: number }>;
const fdatasyncAsync = promisify(fdatasync);

/** Durable line appends on an open file descriptor. */
export class DurableAppender {
  fsyncs = 0;
  appended = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private idleWaiters: (() => void)[] = [];
  private scheduled = false;
  private flushing = false;

  /** beforeCommit throws to refuse a commit (the ledger's lock is no longer ours); fd may be opened on the first commit. */
  constructor(
    private readonly fdOf: number | (() => number),
    private readonly beforeCommit?: () => void,
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
      this.beforeCommit?.();
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
  flushSync(): void {
    if (this.flushing || this.pending.length === 0) return;
    const waiters = this.waiters;
    this.beforeCommit?.();
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.waiters = [];
    fsyncSync(this.fd);
    this.fsyncs++;
    this.appended += waiters.length;
    for (const w of waiters) w.resolve();
  }
}
