/**
 * Table wa_ops.claims: which worker holds each recipient of a campaign, and the functions that
 * store a worker's batch of ledger events and claims in one transaction (wa_ops.record_batch up to
 * schema 4, wa_ops.record_ops from schema 5: see record-ops.ts).
 *
 * A claim is taken with SELECT ... FOR UPDATE SKIP LOCKED, and only when the recipient is free: never
 * claimed, released ("retry-at": not sent, due again), or held open by a dead worker and the run says
 * --retry-unknown. The attempt event is inserted in the same transaction, so it is committed before
 * the request goes out; an outcome (sent, failed) closes the claim for good.
 */
import type { Queryable } from '../connect.js';
import { CAMPAIGN_SLOT } from './campaign-slots.js';
import { recordOpsSql } from './record-ops.js';
import { DEAD_AFTER_SECONDS, holdsWorkerLock } from './workers.js';

// A claim's worker is alive: by its heartbeat (schema 3), by the session lock it holds while it runs (schema 4:
// a worker killed with kill -9 loses it at once, so its open claims can be retried without waiting).
const HEARTBEAT_LIVE = `EXISTS (SELECT 1 FROM wa_ops.workers w WHERE w.worker_id = cur.worker AND w.ended_at IS NULL
                             AND w.heartbeat_at > now() - make_interval(secs => ${DEAD_AFTER_SECONDS}))`;
const LOCK_LIVE = holdsWorkerLock('cur.worker');

/** wa_ops.record_batch with a liveness test for a claim's worker. */
function recordBatchSql(live: string): string {
  return `CREATE OR REPLACE FUNCTION wa_ops.record_batch(p_campaign text, p_worker text, p_ops json, p_retry_unknown boolean)
     RETURNS TABLE (i int, ok boolean) LANGUAGE plpgsql AS $fn$
     DECLARE
       op json; e json; idx int := 0; t_ text; r_ text; cur record; live boolean;
     BEGIN
       FOR op IN SELECT value FROM json_array_elements(p_ops) LOOP
         idx := idx + 1;
         e := op->'e'; t_ := e->>'t'; r_ := e->>'r';
         IF op->>'op' = 'claim' THEN
           -- Never wait for another worker: one busy with this recipient (its key lock, or the row
           -- locked) means "not yours". Waiting inside multi-claim batches could deadlock.
           IF NOT pg_try_advisory_xact_lock(hashtext(p_campaign), hashtext(r_)) THEN
             i := idx; ok := false; RETURN NEXT; CONTINUE;
           END IF;
           SELECT c.worker, c.state INTO cur FROM wa_ops.claims c WHERE c.campaign_id = p_campaign AND c.r = r_;
           IF FOUND AND (cur.state IN ('sent', 'failed') OR (cur.state = 'open' AND cur.worker <> p_worker AND NOT p_retry_unknown)) THEN
             i := idx; ok := false; RETURN NEXT; CONTINUE;
           END IF;
           INSERT INTO wa_ops.claims (campaign_id, r) VALUES (p_campaign, r_) ON CONFLICT DO NOTHING;
           SELECT c.worker, c.state, c.not_before INTO cur FROM wa_ops.claims c
             WHERE c.campaign_id = p_campaign AND c.r = r_ FOR UPDATE SKIP LOCKED;
           IF NOT FOUND THEN
             i := idx; ok := false; RETURN NEXT; CONTINUE; -- its owner is storing an outcome this very moment
           END IF;
           live := ${live};
           IF cur.state = 'free'
              OR (cur.worker = p_worker AND cur.state IN ('open', 'released'))
              OR (cur.state = 'released' AND (cur.not_before IS NULL OR cur.not_before <= now()))
              OR (p_retry_unknown AND cur.state = 'open' AND NOT live) THEN
             UPDATE wa_ops.claims SET worker = p_worker, state = 'open', not_before = NULL, claimed_at = now()
               WHERE campaign_id = p_campaign AND r = r_;
             INSERT INTO wa_ops.ledger_events (campaign_id, t, r, worker, event) VALUES (p_campaign, t_, r_, p_worker, e);
             i := idx; ok := true; RETURN NEXT;
           ELSE
             i := idx; ok := false; RETURN NEXT;
           END IF;
         ELSE
           INSERT INTO wa_ops.ledger_events (campaign_id, t, r, worker, event) VALUES (p_campaign, t_, r_, p_worker, e);
           IF t_ IN ('sent', 'failed') AND r_ IS NOT NULL THEN
             UPDATE wa_ops.claims SET state = t_ WHERE campaign_id = p_campaign AND r = r_;
           ELSIF t_ = 'retry-at' AND r_ IS NOT NULL THEN
             UPDATE wa_ops.claims SET state = 'released', not_before = (e->>'until')::timestamptz
               WHERE campaign_id = p_campaign AND r = r_ AND state = 'open';
           ELSIF t_ = 'cooldown-until' AND e->>'sender' IS NOT NULL THEN
             INSERT INTO wa_ops.sender_slots AS s (sender, next_ms, cooldown_until_ms)
               VALUES (e->>'sender', 0, (extract(epoch FROM (e->>'until')::timestamptz) * 1000)::bigint)
               ON CONFLICT (sender) DO UPDATE SET cooldown_until_ms = GREATEST(s.cooldown_until_ms, EXCLUDED.cooldown_until_ms);
           END IF;
           i := idx; ok := true; RETURN NEXT;
         END IF;
       END LOOP;
     END $fn$`;
}

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  2: [
    `CREATE TABLE IF NOT EXISTS wa_ops.claims (
       campaign_id text NOT NULL REFERENCES wa_ops.campaigns (campaign_id) ON DELETE CASCADE,
       r text NOT NULL,
       worker text,
       state text NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'open', 'released', 'sent', 'failed')),
       not_before timestamptz,
       claimed_at timestamptz,
       PRIMARY KEY (campaign_id, r)
     )`,
  ],
  // 3: claims never wait for another worker (batches of claims in any order cannot deadlock).
  3: [
    recordBatchSql(HEARTBEAT_LIVE),
  ],
  // 4: a worker is alive while it holds its session lock.
  4: [recordBatchSql(LOCK_LIVE)],
  // 5: wa_ops.record_ops, claims that take the sender's slot with them (record_batch stays for workers of schema 4).
  5: [recordOpsSql(LOCK_LIVE)],
  // 6: the slot is the campaign's on each sender (wa_ops.campaign_slots); the cooldown stays the sender's.
  6: [recordOpsSql(LOCK_LIVE, CAMPAIGN_SLOT)],
};

/** Claims for a campaign's history (store import): who was sent, failed, or is open ("unknown", held by no live worker). */
export async function seedClaims(q: Queryable, campaignId: string, rows: readonly { r: string; state: 'open' | 'released' | 'sent' | 'failed' }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    await q.query(
      `INSERT INTO wa_ops.claims (campaign_id, r, worker, state, claimed_at)
       SELECT $1, e->>'r', 'import', e->>'state', now() FROM json_array_elements($2::json) AS e
       ON CONFLICT (campaign_id, r) DO NOTHING`,
      [campaignId, JSON.stringify(rows.slice(i, i + 5000))],
    );
  }
}

/** Open claims of workers running now (each holds its session lock), but `except`'s: requests whose answer may still come. */
export async function claimsInFlight(q: Queryable, campaignId: string, except = ''): Promise<number> {
  const { rows } = await q.query<{ n: string }>(`SELECT count(*) AS n FROM wa_ops.claims cur WHERE cur.campaign_id = $1 AND cur.state = 'open' AND cur.worker <> $2 AND ${LOCK_LIVE}`, [campaignId, except]);
  return Number(rows[0].n);
}
