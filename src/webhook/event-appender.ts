/** Group commit for the events file: one synchronous-data write for everything that arrived during the previous one; a failed write is cut back so no fragment stays. */
import { constants, fstatSync, ftruncate, openSync, write } from 'node:fs';
import { promisify } from 'node:util';

const ftruncateAsync = promisify(ftruncate);

/** Open a file for durable appends: with O_DSYNC each write returns only once its data is on disk (write + fdatasync in one call). */
export function openForDurableAppend(path: string): number {
  return openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC, 0o600);
}

/** Write all of buf on the thread pool; with O_DSYNC it resolves once the data is durable. */
function writeAll(fd: number, buf: Buffer, off = 0): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    write(fd, buf, off, buf.length - off, null, (err, n) => {
      if (err) reject(err);
      else if (off + n < buf.length) writeAll(fd, buf, off + n).then(resolve, reject);
      else resolve();
    });
  });
}
const LINGER_MS = 2;
const MAX_BATCH = 512;

/** Durable appends of whole lines on a descriptor from openForDurableAppend (single writer: the file is locked). */
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
        // One thread-pool call per batch: the write and its data sync (O_DSYNC), so this thread never blocks on the disk.
        await writeAll(this.fd, buf);
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
