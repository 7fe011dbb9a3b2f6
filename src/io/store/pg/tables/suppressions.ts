/** Table wa_ops.suppressions: the suppression list's records (add/lift), append-only, folded as the file is. */
import type { PoolClient } from 'pg';

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
