/** One message's status records as several `webhook serve --store` receivers store them, for send --to --wait. */
import type { StatusRecord } from '../../../core/webhook/records.js';
import type { StatusFeed } from '../../send-to/wait-delivery.js';
import type { PgConnection } from './connect.js';

/**
 * The statuses of one wamid stored since the last read (by the message id index). A store that does not
 * answer for a moment yields nothing this time: the wait goes on until its time limit, it does not end early.
 */
export function storeStatusFeed(conn: PgConnection, wamid: string): StatusFeed {
  let after = 0;
  return {
    where: conn.redacted,
    async read(): Promise<StatusRecord[]> {
      let rows: { seq: string; record: StatusRecord }[];
      try {
        rows = (await conn.query<{ seq: string; record: StatusRecord }>("SELECT seq, record FROM wa_ops.webhook_events WHERE message_id = $1 AND kind = 'status' AND seq > $2 ORDER BY seq", [wamid, after])).rows;
      } catch {
        return [];
      }
      if (rows.length) after = Number(rows[rows.length - 1].seq);
      return rows.map((r) => r.record).filter((r) => r && r.kind === 'status' && r.id === wamid);
    },
  };
}
