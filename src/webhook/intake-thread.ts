/** The events file's intake on its own thread, so that parsing, dedupe and disk syncs never hold up the HTTP thread. */
import { Worker } from 'node:worker_threads';
import type { FromIntake, IntakeInit, IntakeItem, IntakeResult, ToIntake } from './intake-messages.js';

/** Where the thread's code is: next to this module; under the test runner the sources run as TypeScript, so from the build. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../../dist/webhook/intake-worker.js', import.meta.url) : new URL('./intake-worker.js', import.meta.url);
}

/** The main thread's side: bodies go over in one message per event-loop turn, answers come back as they become durable. */
export class IntakeThread {
  /** Disk syncs so far (from the thread's last message). */
  fsyncs = 0;
  /** Told once when the thread fails (a bug): the receiver stops rather than answer 500 for ever. */
  onFail: ((message: string) => void) | undefined;
  private readonly waiting = new Map<number, (r: IntakeResult) => void>();
  private readonly drains = new Map<number, () => void>();
  private outbox: IntakeItem[] = [];
  private scheduled = false;
  private nextId = 1;
  private broken: string | undefined;
  /**
   * 'items' messages that may be on their way at once. A message to another thread costs a wake-up (tens of µs on a
   * busy machine) whatever it carries, so bodies wait here while two are in flight: then each message carries about a
   * disk sync's worth of bodies, instead of one or two, and the thread cannot take more than it can sync anyway.
   */
  private credit = 2;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromIntake) => this.onMessage(m));
    worker.on('error', (err) => this.fail(`the intake thread failed: ${err.message}`));
    worker.on('exit', () => this.fail('the intake thread stopped'));
  }

  /** Start the thread on an events file the caller has locked and opened for appending; resolves once its keys are loaded. */
  static async start(init: IntakeInit): Promise<IntakeThread> {
    const worker = new Worker(workerUrl());
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        worker.off('message', onMessage);
        worker.off('error', done);
        if (err) reject(err);
        else resolve();
      };
      const onMessage = (m: FromIntake) => (m.t === 'ready' ? done() : m.t === 'failed' ? done(new Error(m.message)) : undefined);
      worker.on('message', onMessage);
      worker.on('error', done);
      worker.postMessage({ t: 'init', init } satisfies ToIntake);
    }).catch(async (err: unknown) => {
      await worker.terminate();
      throw err;
    });
    return new IntakeThread(worker);
  }

  /** Hand over one verified body; `done` gets its result once its events are durable (or it was refused). */
  submit(body: string, receivedAt: string, done: (r: IntakeResult) => void): void {
    if (this.broken) return done({ id: 0, status: 500, fresh: 0, dups: 0, error: this.broken });
    const id = this.nextId++;
    this.waiting.set(id, done);
    this.outbox.push({ id, body, receivedAt });
    if (this.scheduled) return;
    this.scheduled = true;
    // Every body that arrived in this turn of the event loop goes over in one message.
    setImmediate(() => this.flush());
  }

  /** Resolve when every body handed over so far has its answer. */
  async drain(): Promise<void> {
    this.flush(true);
    if (this.broken || !this.waiting.size) return;
    const seq = this.nextId++;
    await new Promise<void>((resolve) => {
      this.drains.set(seq, resolve);
      this.worker.postMessage({ t: 'drain', seq } satisfies ToIntake);
    });
  }

  /** Drain, then stop the thread. */
  async close(): Promise<void> {
    await this.drain();
    this.broken ??= 'the receiver is stopping';
    await this.worker.terminate();
  }

  private flush(force = false): void {
    this.scheduled = false;
    if (!this.outbox.length || this.broken || (this.credit <= 0 && !force)) return;
    this.credit--;
    this.worker.postMessage({ t: 'items', items: this.outbox } satisfies ToIntake);
    this.outbox = [];
  }

  private onMessage(m: FromIntake): void {
    if (m.t === 'results' || m.t === 'drained') {
      this.credit += m.taken;
      // Bodies held back for want of credit go now.
      if (this.outbox.length && !this.scheduled) this.flush();
    }
    if (m.t === 'results') {
      this.fsyncs = m.fsyncs;
      for (const r of m.results) {
        const done = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        done?.(r);
      }
    } else if (m.t === 'drained') {
      this.fsyncs = m.fsyncs;
      this.drains.get(m.seq)?.();
      this.drains.delete(m.seq);
    }
  }

  /** The thread is gone: every body still waiting is answered 500 (Meta retries), and so is every later one. */
  private fail(message: string): void {
    if (this.broken) return;
    this.broken = message;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const [id, done] of waiting) done({ id, status: 500, fresh: 0, dups: 0, error: message });
    for (const resolve of this.drains.values()) resolve();
    this.drains.clear();
    this.onFail?.(message);
  }
}
