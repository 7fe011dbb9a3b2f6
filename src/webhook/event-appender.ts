/** Group commit for the events file: one write and one fdatasync for everything that arrived during the previous one; a failed write is cut back so no fragment stays. */
import { fdatasync, fstatSync, ftruncate, writeSync } from 'node:fs';
import { promisify } from 'node:util';

/** fdatasync on the thread pool, without promisify's extra layer (it runs once per batch on the hot path). */
const fdatasyncAsync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
const ftruncateAsync = promisify(ftruncate);
const LINGER_MS = 2;
const MAX_BATCH = 512;

/** Durable appends of whole lines on a file descriptor opened for appending (single writer: the file is locked). */
export class EventAppender {
  fsyncs = 0;
  appended = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private idle: (() => void)[] = [];
  private flushing = false;
  private size: number;
  private wake: (() => void) | undefined;
  private target = 0;

  constructor(private readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  /** Append text (newline added); resolves once it is on disk, rejects if it could not be written (nothing of it stays). */
  append(text: string): Promise<void> {
    this.pending.push(text + '\n');
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    else if (this.wake && this.pending.length >= this.target) this.wake();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // Let the requests that arrived in this tick join the batch.
    await new Promise<void>((r) => setImmediate(r));
    let acked = 0;
    while (this.pending.length) {
      // The senders just answered usually send again at once: wait briefly (at most LINGER_MS) so their events share
      // this disk sync instead of splitting the senders into two groups that take turns.
      if (acked > 1) await this.linger(Math.min(this.pending.length + acked, MAX_BATCH));
      const buf = Buffer.from(this.pending.join(''));
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        // The write goes to the page cache (microseconds): done on this thread, saving a thread-pool round trip per batch.
        let off = 0;
        while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off, null);
        await fdatasyncAsync(this.fd);
        this.size += buf.length;
        this.fsyncs++;
        this.appended += waiters.length;
        acked = waiters.length;
        for (const w of waiters) w.resolve();
      } catch (err) {
        // Cut back what part of the batch reached the file: a later line must never be glued to a fragment.
        await ftruncateAsync(this.fd, this.size).catch(() => undefined);
        for (const w of waiters) w.reject(err);
        acked = 0;
      }
    }
    this.flushing = false;
    for (const w of this.idle.splice(0)) w();
  }

  private linger(target: number): Promise<void> {
    if (this.pending.length >= target) return Promise.resolve();
    this.target = target;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), LINGER_MS);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** Resolve when everything appended so far is on disk (or failed). */
  drain(): Promise<void> {
    if (!this.flushing && !this.pending.length) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }
}
