/** The intake of verified bodies into the events file: parse, dedupe, append durably, then answer each body. */
import { mattersToOptOuts } from '../core/webhook/opt-outs.js';
import { toRecords, type BoundedSet, type WebhookRecord } from '../core/webhook/records.js';
import type { EventAppender } from './event-appender.js';
import { withReceivedAt } from './http-parts.js';
import { EventsFileMoved, type IntakeResult } from './intake-types.js';

/** Dedupes against every stored key and the writes in flight; a key is remembered only once its write is durable. */
export class DurableIntake {
  // Keys of events being written: a concurrent duplicate waits for that write instead of being stored twice.
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(
    private readonly appender: EventAppender,
    private readonly keys: BoundedSet,
    private readonly allRecords: boolean,
  ) {}

  /** Take one body; `done` gets its result once it is durable (or refused). */
  take(body: string, receivedAt: string, done: (r: IntakeResult) => void): void {
    let records: WebhookRecord[];
    try {
      // A body nested too deep to be written back (valid JSON, signed) is refused like one that is not JSON.
      records = toRecords(JSON.parse(body), Number(receivedAt));
    } catch {
      return done({ status: 400, fresh: 0, dups: 0 });
    }
    const fresh: WebhookRecord[] = [];
    const dups: WebhookRecord[] = [];
    const waits: Promise<void>[] = [];
    // Most POSTs carry one event: no set of this body's keys is needed then.
    const here = records.length > 1 ? new Set<string>() : undefined;
    for (const r of records) {
      const pending = this.inflight.get(r.key);
      if (this.keys.has(r.key) || here?.has(r.key)) dups.push(r);
      else if (pending) {
        dups.push(r);
        waits.push(pending);
      } else fresh.push(r);
      here?.add(r.key);
    }
    const write = fresh.length ? this.appender.append(fresh.map((r) => withReceivedAt(r, receivedAt)).join('\n')) : Promise.resolve();
    for (const r of fresh) this.inflight.set(r.key, write);
    (waits.length ? Promise.all([write, ...waits]) : write).then(
      () => {
        // Remembered only now that they are on disk: a failed write leaves Meta's retry free to store them.
        for (const r of fresh) {
          this.keys.add(r.key);
          this.inflight.delete(r.key);
        }
        done(this.answer(fresh, dups));
      },
      (err) => {
        for (const r of fresh) if (this.inflight.get(r.key) === write) this.inflight.delete(r.key);
        done({ status: err instanceof EventsFileMoved ? 503 : 500, fresh: 0, dups: 0, error: (err as Error).message });
      },
    );
  }

  private answer(fresh: WebhookRecord[], dups: WebhookRecord[]): IntakeResult {
    const out: IntakeResult = { status: 200, fresh: fresh.length, dups: dups.length };
    const records = this.allRecords ? fresh : fresh.filter(mattersToOptOuts);
    if (records.length) out.records = records;
    if (this.allRecords && dups.length) out.dupRecords = dups;
    return out;
  }
}
