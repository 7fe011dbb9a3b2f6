/** --forward-to: after an event is durable, pass the exact body and its signature on to the business's own endpoint, with bounded retries and a dead-letter file. */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The outcome of one forwarding try. */
export interface ForwardResult {
  ok: boolean;
  status?: number;
  error?: string;
  attempts: number;
  /** True when it was given up and written to the dead-letter file. */
  dead: boolean;
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
  private proxied: boolean | undefined;

  constructor(private readonly o: ForwarderOptions) {
    this.target = new URL(o.url);
  }

  /** Forward one verified body with the headers Meta sent (signature, content type). */
  enqueue(body: Buffer, headers: Record<string, string>): void {
    if (this.closed) return this.dead({ body, headers, attempts: 0, lastError: 'server stopping' });
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
    const r = await this.post(job);
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
      this.dead(job);
      this.o.onResult?.({ ok: false, status: r.status, error: job.lastError, attempts: job.attempts, dead: true });
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

  private async post(job: Job): Promise<{ status?: number; error?: string }> {
    // Behind a corporate proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), the shared proxy-aware client carries it.
    if (this.proxied === undefined) {
      const env = process.env;
      const { proxyFor } = await import('../core/net-proxy.js');
      this.proxied = proxyFor(this.target, { httpProxy: env.http_proxy ?? env.HTTP_PROXY, httpsProxy: env.https_proxy ?? env.HTTPS_PROXY, noProxy: env.no_proxy ?? env.NO_PROXY }) !== undefined;
    }
    if (this.proxied) {
      const { probe } = await import('../io/graph/probe.js');
      try {
        // Meta's bodies are ASCII (non-ASCII is escaped), so the text round trip keeps the signed bytes.
        const res = await probe(this.target, { method: 'POST', headers: job.headers, body: job.body.toString('utf8'), timeoutMs: this.o.timeoutMs ?? 10_000 });
        return { status: res.status };
      } catch (err) {
        return { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
      }
    }
    return this.direct(job);
  }

  private direct(job: Job): Promise<{ status?: number; error?: string }> {
    const request = this.target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(this.target, { method: 'POST', headers: { ...job.headers, 'content-length': String(job.body.length) }, timeout: this.o.timeoutMs ?? 10_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode }));
        res.on('error', (e) => resolve({ error: e.message }));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
      req.end(job.body);
    });
  }

  private dead(job: Job): void {
    this.deadLetters++;
    const line = JSON.stringify({ at: new Date().toISOString(), url: this.o.url, attempts: job.attempts, lastError: job.lastError ?? '', headers: job.headers, body: job.body.toString('base64') }) + '\n';
    const fd = openSync(this.o.deadLetterPath, 'a', 0o600);
    try {
      writeSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Stop: wait up to graceMs for forwards in flight, then write everything undelivered to the dead-letter file. */
  async close(graceMs = 3000): Promise<void> {
    if (this.running > 0 || this.queue.length > 0) {
      await Promise.race([new Promise<void>((r) => this.idleWaiters.push(r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
    }
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
  }
}
