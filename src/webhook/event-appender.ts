/** Group commit for the events file: one write and one fdatasync for everything that arrived during the previous one; a failed write is cut back so no fragment stays. */
import { fdatasync, fstatSync, ftruncate, write } from 'node:fs';
import { promisify } from 'node:util';

const writeAsync = promisify(write) as (fd: number, buf: Buffer, off: number, len: number, pos: null) => Promise<{ bytesWritten: number }>;
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);

/** Durable appends of whole lines on a file descriptor opened for appending (single writer: the file is locked). */
export class EventAppender {
  fsyncs = 0;
  appended = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private idle: (() => void)[] = [];
  private flushing = false;
  private size: number;

  constructor(private readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  /** Append text (newline added); resolves once it is on disk, rejects if it could not be written (nothing of it stays). */
  append(text: string): Promise<void> {
    this.pending.push(text + '\n');
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // Let the requests that arrived in this tick join the batch.
    await new Promise<void>((r) => setImmediate(r));
    while (this.pending.length) {
      const buf = Buffer.from(this.pending.join(''));
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        let off = 0;
        while (off < buf.length) off += (await writeAsync(this.fd, buf, off, buf.length - off, null)).bytesWritten;
        await fdatasyncAsync(this.fd);
        this.size += buf.length;
        this.fsyncs++;
        this.appended += waiters.length;
        for (const w of waiters) w.resolve();
      } catch (err) {
        // Cut back what part of the batch reached the file: a later line must never be glued to a fragment.
        await ftruncateAsync(this.fd, this.size).catch(() => undefined);
        for (const w of waiters) w.reject(err);
      }
    }
    this.flushing = false;
    for (const w of this.idle.splice(0)) w();
  }

  /** Resolve when everything appended so far is on disk (or failed). */
  drain(): Promise<void> {
    if (!this.flushing && !this.pending.length) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }
}
