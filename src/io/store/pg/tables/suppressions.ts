/** Table wa_ops.suppressions: the suppression list's records (add/lift), append-only, folded as the file is. */
import type { Queryable } from '../connect.js';

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  1: [
    `CREATE TABLE IF NOT EXISTS wa_ops.suppressions (
       seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       e164 text NOT NULL,
       record json NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX IF NOT EXISTS suppressions_by_number ON wa_ops.suppressions (e164, seq)',
  ],
};

type Q = Queryable;

/** Append records (one statement, committed on return). */
export async function insertSuppressions(q: Q, records: readonly { e164: string }[]): Promise<void> {
  if (records.length === 0) return;
  await q.query(`INSERT INTO wa_ops.suppressions (e164, record) SELECT e->>'e164', e FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, i) ORDER BY i`, [JSON.stringify(records)]);
}

/** Every record in the order it was stored. */
export async function allSuppressions(q: Q): Promise<unknown[]> {
  return (await q.query<{ record: unknown }>('SELECT record FROM wa_ops.suppressions ORDER BY seq')).rows.map((r) => r.record);
}

/** The newest record's sequence number (0 when none): the list changed when it did (records are only appended). */
export async function latestSuppression(q: Q): Promise<number> {
  return Number((await q.query<{ v: string | null }>('SELECT max(seq) AS v FROM wa_ops.suppressions')).rows[0]?.v ?? 0);
}
