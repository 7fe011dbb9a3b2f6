/** Table wa_ops.webhook_events: every webhook record once (unique dedupe key), shared by all receivers. */
import type { Queryable } from '../connect.js';

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  1: [
    `CREATE TABLE IF NOT EXISTS wa_ops.webhook_events (
       seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       dedupe_key text NOT NULL,
       kind text NOT NULL,
       campaign_id text,
       message_id text,
       record json NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT webhook_events_dedupe_key UNIQUE (dedupe_key)
     )`,
    'CREATE INDEX IF NOT EXISTS webhook_events_by_campaign ON wa_ops.webhook_events (campaign_id, seq) WHERE campaign_id IS NOT NULL',
    'CREATE INDEX IF NOT EXISTS webhook_events_by_message ON wa_ops.webhook_events (message_id) WHERE message_id IS NOT NULL',
  ],
};

type Q = Queryable;

/** One record to store: its dedupe key, kind, campaign (from the callback data) and message id. */
export interface EventRow {
  key: string;
  kind: string;
  campaignId?: string;
  messageId?: string;
  record: object;
}

/**
 * Insert records in one statement; a key already stored (by any receiver) is skipped by the unique
 * constraint. A concurrent insert of the same key waits for the other transaction, so a duplicate is
 * reported only once the original is committed. Returns the keys this call stored.
 */
export async function insertEvents(q: Q, rows: readonly EventRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const res = await q.query<{ dedupe_key: string }>(
    `INSERT INTO wa_ops.webhook_events (dedupe_key, kind, campaign_id, message_id, record)
     SELECT e->>'key', e->>'kind', e->>'campaignId', e->>'messageId', e->'record'
       FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, i) ORDER BY i
     ON CONFLICT ON CONSTRAINT webhook_events_dedupe_key DO NOTHING
     RETURNING dedupe_key`,
    [JSON.stringify(rows)],
  );
  return new Set(res.rows.map((r) => r.dedupe_key));
}

/** Stored records in order, paged (all of them, or one campaign's and those matching its message ids). */
export async function* readRecords(q: Q, opts: { campaignId?: string; after?: number; page?: number } = {}): AsyncGenerator<{ seq: number; record: unknown }> {
  const page = opts.page ?? 5000;
  let from = opts.after ?? 0;
  for (;;) {
    const rows = opts.campaignId
      ? (
          await q.query<{ seq: string; record: unknown }>(
            `SELECT seq, record FROM wa_ops.webhook_events
              WHERE seq > $2 AND (campaign_id = $1 OR message_id IN (
                SELECT event->>'wamid' FROM wa_ops.ledger_events WHERE campaign_id = $1 AND t = 'sent'))
              ORDER BY seq LIMIT $3`,
            [opts.campaignId, from, page],
          )
        ).rows
      : (await q.query<{ seq: string; record: unknown }>('SELECT seq, record FROM wa_ops.webhook_events WHERE seq > $1 ORDER BY seq LIMIT $2', [from, page])).rows;
    for (const row of rows) yield { seq: Number(row.seq), record: row.record };
    if (rows.length < page) return;
    from = Number(rows[rows.length - 1].seq);
  }
}

