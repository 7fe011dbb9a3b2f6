/** --forward-to: after an event is durable, pass the exact body and its signature on to the business's own endpoint, with bounded retries and a dead-letter file. */
import { errnoCode, errorMessage } from '../core/caught.js';
import { appendDeadLetter } from './dead-letters.js';
import { postOnce, type PostOnce } from './forward-post.js';

/** The outcome of one forwarding try. */
export interface ForwardResult {
  ok: boolean;
  status?: number;
  error?: string;
  attempts: number;
  /** True when it was given up and written to the dead-letter file. */
  dead: boolean;
  /** Why the dead-letter file could not take it (the event itself is in the events file). */
  deadLetterError?: string;
}

/** Where and how hard to forward. */
export interface ForwarderOptions {
  url: string;
  deadLetterPath: string;
  /** Tries per event (default 5). */
  attempts?: number;
  /** First retry delay, doubled each time up to 30 s (default 500 ms). */
  baseDelayMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  onResult?: (r: ForwardResult) => void;
}

interface Job {
  body: Buffer;
  headers: Record<string, string>;
  attempts: number;
  lastError?: string;
}

/** A bounded queue of forwards; nothing is dropped: what cannot be delivered goes to the dead-letter file. */
export class Forwarder {
  forwarded = 0;
  retries = 0;
  deadLetters = 0;
  private readonly queue: Job[] = [];
  private readonly waiting = new Set<{ job: Job; timer: NodeJS.Timeout }>();
  private running = 0;
  private readonly inflight = new Set<Job>();
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private readonly target: URL;
  private readonly post: PostOnce;

  constructor(private readonly o: ForwarderOptions) {
    this.target = new URL(o.url);
    this.post = postOnce(o.timeoutMs ?? 10_000);
  }

  /** Forward one verified body with the headers Meta sent (signature, content type). */
  enqueue(body: Buffer, headers: Record<string, string>): void {
    if (this.closed) {
      this.dead({ body, headers, attempts: 0, lastError: 'server stopping' });
      return;
    }
    this.queue.push({ body, headers, attempts: 0 });
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running < (this.o.concurrency ?? 8) && this.queue.length) {
      const job = this.queue.shift()!;
      this.running++;
      void this.attempt(job).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0 && this.waiting.size === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    job.attempts++;
    this.inflight.add(job);
    const r = await this.post(this.target, job.body, job.headers);
    this.inflight.delete(job);
    if (this.closed) return; // already written as a dead letter by close()
    if (r.status !== undefined && r.status >= 200 && r.status < 300) {
      this.forwarded++;
      this.o.onResult?.({ ok: true, status: r.status, attempts: job.attempts, dead: false });
      return;
    }
    job.lastError = r.error ?? `HTTP ${r.status}`;
    // A 4xx other than 408/429 will not change on a retry (a wrong secret, a wrong path).
    const retryable = r.status === undefined || r.status >= 500 || r.status === 408 || r.status === 429;
    if (!retryable || job.attempts >= (this.o.attempts ?? 5)) {
      const deadLetterError = this.dead(job);
      this.o.onResult?.({ ok: false, status: r.status, error: job.lastError, attempts: job.attempts, dead: true, ...(deadLetterError ? { deadLetterError } : {}) });
      return;
    }
    this.retries++;
    this.o.onResult?.({ ok: false, status: r.status, error: job.lastError, attempts: job.attempts, dead: false });
    const delay = Math.min(30_000, (this.o.baseDelayMs ?? 500) * 2 ** (job.attempts - 1));
    const entry = {
      job,
      timer: setTimeout(() => {
        this.waiting.delete(entry);
        this.queue.push(job);
        this.pump();
      }, delay),
    };
    this.waiting.add(entry);
  }

  /** Keep it in the dead-letter file; a file that cannot be written is said (the event itself is in the events file), never a crash. */
  private dead(job: Job): string | undefined {
    this.deadLetters++;
    try {
      appendDeadLetter(this.o.deadLetterPath, { url: this.o.url, attempts: job.attempts, lastError: job.lastError ?? '', headers: job.headers, body: job.body });
      return undefined;
    } catch (err) {
      return `${this.o.deadLetterPath}: ${errnoCode(err) ?? errorMessage(err)}`;
    }
  }

  /** Stop: wait up to graceMs for forwards in flight, then write everything undelivered to the dead-letter file. */
  async close(graceMs = 3000): Promise<void> {
    if (this.running > 0 || this.queue.length > 0) {
      await Promise.race([new Promise<void>((r) => this.idleWaiters.push(r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
    }
    this.abandon();
  }

  /** Stop at once (a second Ctrl-C): everything undelivered to the dead-letter file, synchronously; returns how many. */
  abandon(): number {
    const before = this.deadLetters;
    this.closed = true;
    for (const w of this.waiting) {
      clearTimeout(w.timer);
      this.dead(w.job);
    }
    this.waiting.clear();
    // Still in flight after the grace period: its outcome is unknown, so it is kept (the endpoint may see it twice).
    for (const job of this.inflight) this.dead({ ...job, lastError: 'no answer before the server stopped' });
    this.inflight.clear();
    for (const job of this.queue.splice(0)) this.dead({ ...job, lastError: job.lastError ?? 'server stopped before forwarding' });
    return this.deadLetters - before;
  }
}
