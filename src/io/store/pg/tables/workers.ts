/** Table wa_ops.workers: every sending process registered on a campaign, with a heartbeat (dead workers' claims stay "unknown"). */
import type { Queryable } from '../connect.js';

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  2: [
    `CREATE TABLE IF NOT EXISTS wa_ops.workers (
       worker_id text PRIMARY KEY,
       campaign_id text,
       host text NOT NULL,
       pid int NOT NULL,
       started_at timestamptz NOT NULL DEFAULT now(),
       heartbeat_at timestamptz NOT NULL DEFAULT now(),
       ended_at timestamptz
     )`,
  ],
};

/**
 * SQL true while the worker named by `column` holds its session lock (it runs; killed, the server drops the
 * lock with its connection at once). pg_locks is readable by every user.
 */
export function holdsWorkerLock(column: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                             AND l.classid = hashtext('wa-ops:worker')::oid AND l.objid = hashtext(${column})::oid)`;
}

/** A worker without a heartbeat for this long is dead (its open claims may be retried with --retry-unknown). */
export const DEAD_AFTER_SECONDS = 15;

/** Register a worker. */
export async function registerWorker(q: Queryable, workerId: string, campaignId: string | undefined, host: string, pid: number): Promise<void> {
  await q.query('INSERT INTO wa_ops.workers (worker_id, campaign_id, host, pid) VALUES ($1, $2, $3, $4)', [workerId, campaignId ?? null, host, pid]);
}

/** Heartbeat (and the campaign, once known). */
export async function heartbeat(q: Queryable, workerId: string, campaignId: string | undefined): Promise<void> {
  await q.query('UPDATE wa_ops.workers SET heartbeat_at = now(), campaign_id = coalesce($2, campaign_id) WHERE worker_id = $1', [workerId, campaignId ?? null]);
}

/** Mark a worker ended (a clean stop). */
export async function endWorker(q: Queryable, workerId: string): Promise<void> {
  await q.query('UPDATE wa_ops.workers SET ended_at = now() WHERE worker_id = $1', [workerId]);
}


/** How many workers of the campaign are alive now (a heartbeat within DEAD_AFTER_SECONDS, not ended). */
export async function liveWorkers(q: Queryable, campaignId: string): Promise<number> {
  const res = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM wa_ops.workers WHERE campaign_id = $1 AND ended_at IS NULL AND heartbeat_at > now() - interval '${DEAD_AFTER_SECONDS} seconds'`, [campaignId]);
  return res.rows[0]?.n ?? 0;
}
