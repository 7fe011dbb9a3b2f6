/** Table wa_ops.sender_slots: each sender's next free send slot and cooldown, shared by every worker on every machine. */
import type { Queryable } from '../connect.js';

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  2: [
    `CREATE TABLE IF NOT EXISTS wa_ops.sender_slots (
       sender text PRIMARY KEY,
       next_ms bigint NOT NULL,
       cooldown_until_ms bigint NOT NULL DEFAULT 0
     )`,
  ],
};

/**
 * Take the sender's next slot at or after notBefore (and after any cooldown) atomically: the row lock
 * serialises workers, so N workers on one sender still send one message per interval. Returns the slot start (ms).
 */
export async function reserveSlot(q: Queryable, sender: string, notBefore: number, intervalMs: number): Promise<number> {
  const res = await q.query<{ slot: string }>(
    `INSERT INTO wa_ops.sender_slots AS s (sender, next_ms) VALUES ($1, $2::bigint + $3::bigint)
     ON CONFLICT (sender) DO UPDATE SET next_ms = GREATEST(s.next_ms, $2::bigint, s.cooldown_until_ms) + $3::bigint
     RETURNING next_ms - $3::bigint AS slot`,
    [sender, Math.floor(notBefore), Math.max(0, Math.floor(intervalMs))],
  );
  return Number(res.rows[0].slot);
}

/** The sender's cooldown end (ms), 0 when none was recorded. */
export async function cooldownUntil(q: Queryable, sender: string): Promise<number> {
  const res = await q.query<{ c: string }>('SELECT cooldown_until_ms AS c FROM wa_ops.sender_slots WHERE sender = $1', [sender]);
  return Number(res.rows[0]?.c ?? 0);
}
