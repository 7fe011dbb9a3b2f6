/**
 * Table wa_ops.sender_slots: each sender's next free send slot and cooldown, shared by every worker on every
 * machine. A slot is taken together with a claim (wa_ops.record_ops, see record-ops.ts); a 130429 cooldown
 * recorded by any worker moves every worker's next slot past it.
 */
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
