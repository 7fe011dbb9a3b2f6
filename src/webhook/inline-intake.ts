/** The events file's intake on the HTTP thread itself: for a machine with one core, where a second thread only adds hand-overs. */
import { DurableIntake } from './durable-intake.js';
import { EventAppender } from './event-appender.js';
import { loadKeys } from './events-keys.js';
import type { IntakeInit, IntakeResult } from './intake-messages.js';

/** Same face as IntakeThread: submit, drain, close, fsyncs. */
export class InlineIntake {
  private nextId = 1;

  private constructor(
    private readonly appender: EventAppender,
    private readonly intake: DurableIntake,
  ) {}

  /** Load the stored keys and open the appender on the caller's descriptor. */
  static async start(init: IntakeInit): Promise<InlineIntake> {
    const keys = await loadKeys(init.path);
    const appender = new EventAppender(init.fd);
    return new InlineIntake(appender, new DurableIntake(appender, keys, init.allRecords));
  }

  /** Disk syncs so far. */
  get fsyncs(): number {
    return this.appender.fsyncs;
  }

  /** Take one verified body; `done` gets its result once its events are durable (or it was refused). */
  submit(body: string, receivedAt: string, done: (r: IntakeResult) => void): void {
    this.intake.take({ id: this.nextId++, body, receivedAt }, done);
  }

  /** Resolve when everything taken so far is durable and answered. */
  async drain(): Promise<void> {
    await this.appender.drain();
    // One more turn: answers of duplicates that waited on those writes settle too.
    await new Promise((r) => setImmediate(r));
  }

  /** Same as drain: nothing to stop. */
  close(): Promise<void> {
    return this.drain();
  }
}
