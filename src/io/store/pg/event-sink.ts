/** webhook serve on PostgreSQL: records inserted once across every receiver (unique dedupe key), group-committed. */
import { parseCallbackData } from '../../../core/campaign/render.js';
import type { WebhookRecord } from '../../../core/webhook/records.js';
import type { PgConnection } from './connect.js';
import { insertEvents, type EventRow } from './tables/webhook-events.js';

interface Pending {
  rows: EventRow[];
  resolve: (stored: Set<string>) => void;
  reject: (err: unknown) => void;
}

/** What a receiver stores a POST's records with; resolves after the commit. */
export interface EventSink {
  /** Store records; resolves with the keys this call stored (the others were there already), after the commit. */
  store(records: readonly WebhookRecord[], extra?: Record<string, string>): Promise<Set<string>>;
  /** Statements committed so far (one per batch). */
  readonly commits: number;
  drain(): Promise<void>;
}

/** Build the row of a record: the campaign from its callback data, the message id of a status. */
export function eventRow(r: WebhookRecord, extra: Record<string, string> = {}): EventRow {
  const cb = r.kind === 'status' ? parseCallbackData(r.cb) : undefined;
  return { key: r.key, kind: r.kind, campaignId: cb?.campaignId, messageId: r.kind === 'status' ? r.id : undefined, record: { ...r, ...extra } };
}

/**
 * Group commit: requests arriving while a batch is being committed share the next one, so one
 * commit serves many POSTs under load; at most `parallel` batches are in flight.
 */
export class PgEventSink implements EventSink {
  commits = 0;
  private queue: Pending[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly conn: PgConnection,
    private readonly parallel = 2,
  ) {}

  /** Store records (batched with others waiting); resolves with the keys that were new. */
  store(records: readonly WebhookRecord[], extra?: Record<string, string>): Promise<Set<string>> {
    if (records.length === 0) return Promise.resolve(new Set());
    return new Promise((resolve, reject) => {
      this.queue.push({ rows: records.map((r) => eventRow(r, extra)), resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    while (this.inFlight < this.parallel && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.queue.length);
      this.inFlight++;
      void this.flush(batch);
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    // The same key twice in one batch: the first request stores it, the second sees a duplicate.
    const rows: EventRow[] = [];
    const owner = new Map<string, Pending>();
    for (const p of batch) for (const row of p.rows) if (!owner.has(row.key)) (owner.set(row.key, p), rows.push(row));
    try {
      const stored = await insertEvents(this.conn, rows);
      this.commits++;
      for (const p of batch) p.resolve(new Set(p.rows.filter((r) => stored.has(r.key) && owner.get(r.key) === p).map((r) => r.key)));
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.inFlight--;
      this.kick();
      if (this.inFlight === 0 && this.queue.length === 0) for (const w of this.idle.splice(0)) w();
    }
  }

  /** Resolve once every batch handed over is stored or failed. */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }
}
