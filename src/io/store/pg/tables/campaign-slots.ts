/**
 * Table wa_ops.campaign_slots (schema 6): each campaign's next free send slot per sender, shared by the workers of
 * that campaign. Two campaigns on one sender each keep their own pace, as with local files (up to schema 5 one slot
 * per sender bound every campaign to the slowest one's interval). A 130429 cooldown stays the sender's, in
 * wa_ops.sender_slots: it holds every campaign on that sender.
 */
import type { SlotSql } from './record-ops.js';

/** How early (ms, database clock) a due slot may be taken: timers fire a little early or late. */
const SLOT_SLACK_MS = 3;

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  6: [
    `CREATE TABLE IF NOT EXISTS wa_ops.campaign_slots (
       campaign_id text NOT NULL REFERENCES wa_ops.campaigns (campaign_id) ON DELETE CASCADE,
       sender text NOT NULL,
       next_ms bigint NOT NULL,
       PRIMARY KEY (campaign_id, sender)
     )`,
  ],
};

/** The slot of a claim: due now (the campaign's pace on that sender, and no cooldown of the sender), or how long to wait. */
export const CAMPAIGN_SLOT: SlotSql = {
  check: `           IF s_ IS NOT NULL THEN
             -- The campaign's slot on this sender: due now, or say how long to wait (nothing is stored meanwhile).
             iv := GREATEST(0, (op->'slot'->>'interval_ms')::bigint);
             IF NOT EXISTS (SELECT 1 FROM wa_ops.campaign_slots x WHERE x.campaign_id = p_campaign AND x.sender = s_) THEN
               INSERT INTO wa_ops.campaign_slots (campaign_id, sender, next_ms) VALUES (p_campaign, s_, 0) ON CONFLICT DO NOTHING;
             END IF;
             SELECT x.next_ms INTO ss FROM wa_ops.campaign_slots x WHERE x.campaign_id = p_campaign AND x.sender = s_ FOR UPDATE SKIP LOCKED;
             IF NOT FOUND THEN
               wait_ms := LEAST(GREATEST(iv, 1), 20); RETURN NEXT; CONTINUE; -- another worker is taking it this moment
             END IF;
             -- The sender's cooldown, whichever campaign met it.
             cd_ := COALESCE((SELECT y.cooldown_until_ms FROM wa_ops.sender_slots y WHERE y.sender = s_), 0);
             now_ms := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
             free_at := GREATEST(ss.next_ms, cd_);
             IF free_at > now_ms + ${SLOT_SLACK_MS} THEN
               wait_ms := free_at - now_ms;
               IF cd_ >= ss.next_ms THEN cooldown_until := cd_; END IF;
               RETURN NEXT; CONTINUE;
             END IF;
           END IF;`,
  take: 'UPDATE wa_ops.campaign_slots SET next_ms = GREATEST(next_ms, now_ms) + iv WHERE campaign_id = p_campaign AND sender = s_;',
};
