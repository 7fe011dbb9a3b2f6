/** Table wa_ops.ledger_events: a campaign's ledger, one row per event, in the order it was committed. */
import type { Queryable } from '../connect.js';
import type { LedgerEvent } from '../../../../core/campaign/events.js';

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  1: [
    `CREATE TABLE IF NOT EXISTS wa_ops.ledger_events (
       seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       campaign_id text NOT NULL REFERENCES wa_ops.campaigns (campaign_id) ON DELETE CASCADE,
       t text NOT NULL,
       r text,
       event json NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX IF NOT EXISTS ledger_events_by_campaign ON wa_ops.ledger_events (campaign_id, seq)',
  ],
  // The worker that stored each event (a worker polls the others' events).
  2: ['ALTER TABLE wa_ops.ledger_events ADD COLUMN IF NOT EXISTS worker text'],
};

type Q = Queryable;

/** Append events (one statement); durable when the surrounding transaction commits. */
export async function appendEvents(q: Q, campaignId: string, events: readonly LedgerEvent[]): Promise<void> {
  if (events.length === 0) return;
  await q.query(
    `INSERT INTO wa_ops.ledger_events (campaign_id, t, r, event)
     SELECT $1, e->>'t', e->>'r', e FROM json_array_elements($2::json) AS e`,
    [campaignId, JSON.stringify(events)],
  );
}

/** Events after seq `after`, oldest first, in pages (replay as a stream in bounded memory). */
export async function* readEvents(q: Q, campaignId: string, after = 0, page = 5000): AsyncGenerator<{ seq: number; event: LedgerEvent }> {
  let from = after;
  for (;;) {
    const rows = (await q.query<{ seq: string; event: LedgerEvent }>('SELECT seq, event FROM wa_ops.ledger_events WHERE campaign_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [campaignId, from, page])).rows;
    for (const row of rows) yield { seq: Number(row.seq), event: row.event };
    if (rows.length < page) return;
    from = Number(rows[rows.length - 1].seq);
  }
}

/** How many events the campaign's ledger holds. */
export async function countEvents(q: Q, campaignId: string): Promise<number> {
  return Number((await q.query<{ n: string }>('SELECT count(*) AS n FROM wa_ops.ledger_events WHERE campaign_id = $1', [campaignId])).rows[0].n);
}

/**
 * Which of these claims (attempt events of one worker) are stored and still this worker's: after a connection dropped
 * before a commit's answer, tells a claim that committed from one that did not (matched by recipient and the attempt's
 * own time). One that committed but was taken over meanwhile (the worker looked dead while the store was away, and
 * another ran with --retry-unknown) is not: its request must not go out from here too.
 */
export async function attemptsStored(q: Q, campaignId: string, worker: string, claims: readonly { e: object }[]): Promise<boolean[]> {
  const want = claims.map((c) => c.e as { r?: string; at?: string });
  const rows = (
    await q.query<{ r: string; at: string }>(
      `SELECT e.r, e.event->>'at' AS at FROM wa_ops.ledger_events e
         JOIN wa_ops.claims c ON c.campaign_id = e.campaign_id AND c.r = e.r AND c.worker = e.worker AND c.state = 'open'
        WHERE e.campaign_id = $1 AND e.worker = $2 AND e.t = 'attempt' AND e.r = ANY($3::text[])`,
      [campaignId, worker, want.map((e) => e.r ?? '')],
    )
  ).rows;
  const stored = new Set(rows.map((x) => `${x.r}\n${x.at}`));
  return want.map((e) => stored.has(`${e.r}\n${e.at}`));
}
