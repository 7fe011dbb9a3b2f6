/**
 * A worker's view of the campaign's ledger as other workers extend it. Events are read by seq; a
 * transaction that commits late can leave a smaller seq behind a larger one, so rows stay
 * "unsettled" (read again, never delivered twice) until they are a couple of seconds old.
 */
import type { LedgerEvent } from '../../../core/campaign/events.js';
import type { ReplayInfo } from '../types.js';
import type { PgConnection } from './connect.js';

const SETTLE_SECONDS = 2;
const PAGE = 5000;

/** Reads the events other workers store, in seq order, each delivered once. */
export class EventPoller {
  /** Every row up to here was delivered and is settled. */
  private floor = 0;
  /** Delivered rows above the floor. */
  private unsettled = new Set<number>();
  private polling = false;

  constructor(
    private readonly conn: PgConnection,
    private readonly workerId: string,
  ) {}

  /** Deliver the rows after the floor not delivered yet, page by page, in seq order. */
  private async read(campaignId: string, exceptMine: boolean, onEvent: (e: LedgerEvent) => void): Promise<number> {
    let cursor = this.floor;
    let floor = this.floor;
    let contiguous = true;
    let delivered = 0;
    // Marks are kept aside until every page is read: a page that fails (the store went away) leaves the poller as it
    // was, so that the next poll reads those rows again instead of skipping them as already delivered.
    const unsettled = new Set(this.unsettled);
    for (;;) {
      const res = await this.conn.query<{ seq: string; event: LedgerEvent; settled: boolean }>(
        `SELECT seq, event, recorded_at < now() - make_interval(secs => ${SETTLE_SECONDS}) AS settled
           FROM wa_ops.ledger_events
          WHERE campaign_id = $1 AND seq > $2 AND ($4::text IS NULL OR worker IS DISTINCT FROM $4)
          ORDER BY seq LIMIT $3`,
        [campaignId, cursor, PAGE, exceptMine ? this.workerId : null],
      );
      for (const row of res.rows) {
        const seq = Number(row.seq);
        if (!unsettled.has(seq)) {
          onEvent(row.event);
          delivered++;
        }
        if (row.settled && contiguous) {
          floor = seq;
          unsettled.delete(seq);
        } else {
          contiguous = false;
          unsettled.add(seq);
        }
        cursor = seq;
      }
      if (res.rows.length < PAGE) break;
    }
    this.floor = floor;
    this.unsettled = unsettled;
    return delivered;
  }

  /** Every stored event, in order, streamed (the replay that starts a run); later polls continue after it. */
  async replay(campaignId: string | undefined, onEvent: (e: LedgerEvent) => void): Promise<ReplayInfo> {
    if (!campaignId) return { events: 0, tornBytes: 0 };
    return { events: await this.read(campaignId, false, onEvent), tornBytes: 0 };
  }

  /** Events other workers stored since the last call. */
  async poll(campaignId: string | undefined): Promise<LedgerEvent[]> {
    if (!campaignId || this.polling) return [];
    this.polling = true;
    try {
      const out: LedgerEvent[] = [];
      await this.read(campaignId, true, (e) => out.push(e));
      return out;
    } finally {
      this.polling = false;
    }
  }
}
