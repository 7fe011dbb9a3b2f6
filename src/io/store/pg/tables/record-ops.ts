/**
 * wa_ops.record_ops (schema 5): stores a worker's batch of ledger events and claims in one transaction.
 * A claim may carry the sender's shared slot: then the recipient is claimed, its attempt stored and
 * the slot taken together, and only when the slot is due now. So a slot is spent only on a recipient
 * actually claimed (a refused claim leaves it to the next one), and a worker waits for its slot
 * before anything is stored: killed while it waits, its recipient is still pending, not "unknown".
 */
import type { LedgerEvent } from '../../../../core/campaign/events.js';
import type { Queryable } from '../connect.js';

/** How early (ms, database clock) a due slot may be taken: timers fire a little early or late. */
const SLOT_SLACK_MS = 3;

/** The sender's shared slot of a claim: due now, or the claim is refused with how long to wait (nothing stored meanwhile). */
const SLOT_SQL = `           IF s_ IS NOT NULL THEN
             -- The sender's slot: due now, or say how long to wait (nothing is stored meanwhile).
             iv := GREATEST(0, (op->'slot'->>'interval_ms')::bigint);
             IF NOT EXISTS (SELECT 1 FROM wa_ops.sender_slots x WHERE x.sender = s_) THEN
               INSERT INTO wa_ops.sender_slots (sender, next_ms) VALUES (s_, 0) ON CONFLICT (sender) DO NOTHING;
             END IF;
             SELECT x.next_ms, x.cooldown_until_ms INTO ss FROM wa_ops.sender_slots x WHERE x.sender = s_ FOR UPDATE SKIP LOCKED;
             IF NOT FOUND THEN
               wait_ms := LEAST(GREATEST(iv, 1), 20); RETURN NEXT; CONTINUE; -- another worker is taking it this moment
             END IF;
             now_ms := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
             free_at := GREATEST(ss.next_ms, ss.cooldown_until_ms);
             IF free_at > now_ms + ${SLOT_SLACK_MS} THEN
               wait_ms := free_at - now_ms;
               IF ss.cooldown_until_ms >= ss.next_ms THEN cooldown_until := ss.cooldown_until_ms; END IF;
               RETURN NEXT; CONTINUE;
             END IF;
           END IF;`;

/** An appended event: stored, and the claim it settles, releases or cools down brought along in the same transaction. */
const APPEND_SQL = `           INSERT INTO wa_ops.ledger_events (campaign_id, t, r, worker, event) VALUES (p_campaign, t_, r_, p_worker, e);
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
           ok := true; RETURN NEXT;`;

/** Where a claim's sender slot lives: its due check (SQL, sets wait_ms / cooldown_until when not due) and the update that takes it. */
export interface SlotSql {
  check: string;
  take: string;
}

/** Schema 5: one slot per sender, shared by every campaign (its cooldown kept on the same row). */
export const SHARED_SLOT: SlotSql = {
  check: SLOT_SQL,
  take: 'UPDATE wa_ops.sender_slots SET next_ms = GREATEST(next_ms, now_ms) + iv WHERE sender = s_;',
};

/** The function, with a liveness test for a claim's worker (see claims.ts) and where the sender's slot lives. */
export function recordOpsSql(live: string, slot: SlotSql = SHARED_SLOT): string {
  return `CREATE OR REPLACE FUNCTION wa_ops.record_ops(p_campaign text, p_worker text, p_ops json, p_retry_unknown boolean)
     RETURNS TABLE (i int, ok boolean, wait_ms bigint, cooldown_until bigint) LANGUAGE plpgsql AS $fn$
     DECLARE
       op json; e json; idx int := 0; t_ text; r_ text; s_ text; iv bigint; now_ms bigint;
       cur record; ss record; live boolean; free_at bigint; cd_ bigint;
     BEGIN
       FOR op IN SELECT value FROM json_array_elements(p_ops) LOOP
         idx := idx + 1; i := idx; ok := false; wait_ms := NULL; cooldown_until := NULL;
         e := op->'e'; t_ := e->>'t'; r_ := e->>'r'; s_ := op->'slot'->>'sender';
         IF op->>'op' = 'claim' THEN
${claimSql(live, slot)}
         ELSE
${APPEND_SQL}
         END IF;
       END LOOP;
     END $fn$`;
}

/** A claim: refused at once when another worker holds the recipient, else taken (its attempt stored) when free and its slot due. */
function claimSql(live: string, slot: SlotSql): string {
  return `           -- Never wait for another worker: one busy with this recipient (its key lock, or the row
           -- locked) means "not yours". Waiting inside multi-claim batches could deadlock.
           IF NOT pg_try_advisory_xact_lock(hashtext(p_campaign), hashtext(r_)) THEN
             RETURN NEXT; CONTINUE;
           END IF;
           SELECT c.worker, c.state INTO cur FROM wa_ops.claims c WHERE c.campaign_id = p_campaign AND c.r = r_;
           IF FOUND AND (cur.state IN ('sent', 'failed') OR (cur.state = 'open' AND cur.worker <> p_worker AND NOT p_retry_unknown)) THEN
             RETURN NEXT; CONTINUE;
           END IF;
${slot.check}
           INSERT INTO wa_ops.claims (campaign_id, r) VALUES (p_campaign, r_) ON CONFLICT DO NOTHING;
           SELECT c.worker, c.state, c.not_before INTO cur FROM wa_ops.claims c
             WHERE c.campaign_id = p_campaign AND c.r = r_ FOR UPDATE SKIP LOCKED;
           IF NOT FOUND THEN
             RETURN NEXT; CONTINUE; -- its owner is storing an outcome this very moment
           END IF;
           live := ${live};
           IF cur.state = 'free'
              OR (cur.worker = p_worker AND cur.state IN ('open', 'released'))
              OR (cur.state = 'released' AND (cur.not_before IS NULL OR cur.not_before <= now()))
              OR (p_retry_unknown AND cur.state = 'open' AND NOT live) THEN
             UPDATE wa_ops.claims SET worker = p_worker, state = 'open', not_before = NULL, claimed_at = now()
               WHERE campaign_id = p_campaign AND r = r_;
             INSERT INTO wa_ops.ledger_events (campaign_id, t, r, worker, event) VALUES (p_campaign, t_, r_, p_worker, e);
             IF s_ IS NOT NULL THEN
               ${slot.take}
             END IF;
             ok := true;
           END IF;
           RETURN NEXT;`;
}

/** One operation of a batch: append an event, or claim a recipient with its attempt event (and the sender's slot). */
export interface BatchOp {
  op: 'append' | 'claim';
  e: LedgerEvent;
  /** Take the sender's shared slot with the claim (only when it is due). */
  slot?: { sender: string; interval_ms: number };
}

/** Per op: applied or not; a claim refused only because its sender's slot is not due yet says how long to wait (and why). */
export interface OpResult {
  ok: boolean;
  waitMs?: number;
  /** The sender's cooldown end (ms) when a cooldown, not the pace, holds the slot back. */
  cooldownUntil?: number;
}

/** Store a batch in one transaction. */
export async function recordOps(q: Queryable, campaignId: string, worker: string, ops: readonly BatchOp[], retryUnknown: boolean): Promise<OpResult[]> {
  const res = await q.query<{ i: number; ok: boolean; wait_ms: string | null; cooldown_until: string | null }>('SELECT i, ok, wait_ms, cooldown_until FROM wa_ops.record_ops($1, $2, $3::json, $4)', [campaignId, worker, JSON.stringify(ops), retryUnknown]);
  const out: OpResult[] = ops.map(() => ({ ok: false }));
  for (const row of res.rows) {
    if (row.wait_ms === null) out[row.i - 1] = { ok: row.ok };
    else out[row.i - 1] = { ok: false, waitMs: Math.max(1, Number(row.wait_ms)), ...(row.cooldown_until === null ? {} : { cooldownUntil: Number(row.cooldown_until) }) };
  }
  return out;
}
