/** Table wa_ops.webhook_events: every webhook record once (unique dedupe key), shared by all receivers. */
import type { PoolClient } from 'pg';

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
