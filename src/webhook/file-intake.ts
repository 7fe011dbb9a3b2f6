/**
 * The events file's intake, on the receiver's one thread. A second thread for parsing and disk syncs was measured and
 * lost on a 2-vCPU machine: every hand-over costs a wake-up (tens of µs of CPU), more than the work it moves.
 */
import { DurableIntake } from './durable-intake.js';
import { EventAppender } from './event-appender.js';
import { loadKeys } from './events-keys.js';
import type { BoundedSet } from '../core/webhook/records.js';
import type { IntakeInit, IntakeResult } from './intake-types.js';

/** Takes verified bodies into the events file: submit, drain, close, fsyncs. */
export class FileIntake {
  private constructor(
    private readonly appender: EventAppender,
    private readonly intake: DurableIntake,
    /** The dedupe keys of every stored event (carried over to a new file when the events file was moved away). */
    readonly keys: BoundedSet,
  ) {}

  /** Load the stored keys and open the appender on the caller's descriptor. */
  static async start(init: IntakeInit): Promise<FileIntake> {
    const keys = await loadKeys(init.path, init.keys);
    const appender = new EventAppender(init.fd, undefined, undefined, init.guard);
    return new FileIntake(appender, new DurableIntake(appender, keys, init.allRecords), keys);
  }

  /** Disk syncs so far. */
  get fsyncs(): number {
    return this.appender.fsyncs;
  }

  /** Take one verified body; `done` gets its result once its events are durable (or it was refused). */
  submit(body: string, receivedAt: string, done: (r: IntakeResult) => void): void {
    this.intake.take(body, receivedAt, done);
  }

  /** Resolve when everything taken so far is durable and answered. */
  async drain(): Promise<void> {
    await this.appender.drain();
    // One more turn: answers of duplicates that waited on those writes settle too.
    await new Promise((r) => setImmediate(r));
  }

  /** A hurried stop: refuse what is not written yet, finish the batches already written (see EventAppender). */
  finishInFlight(): Promise<void> {
    return this.appender.finishInFlight();
  }

  /** Same as drain: nothing to stop. */
  close(): Promise<void> {
    return this.drain();
  }
}
