/** Webhook statuses as evidence for a ledger's recipients: matched by callback data, else by wamid. */
import { sameWhatsAppNumber } from '../numbers/same-wa-number.js';
import { oneOffCallbackData } from '../send-to/message.js';
import type { LedgerState } from './ledger-state.js';
import { derive } from './recipient-state.js';
import { parseCallbackData } from './render.js';

/** The recipient a wamid was sent to (the index is built on the first call). */
export function recipientOfWamid(s: LedgerState, wamid: string): string | undefined {
  if (!s.byWamid) {
    s.byWamid = new Map();
    for (const x of s.recipients.values()) if (x.wamid) s.byWamid.set(x.wamid, x.r);
  }
  return s.byWamid.get(wamid);
}

/** What a status webhook says about whom it is for. */
export interface StatusClaim {
  wamid: string;
  /** biz_opaque_callback_data, as Meta echoes it. */
  cb?: string;
  /** recipient_id (the wa_id), where Meta sent one; a BSUID-only status has none. */
  recipient?: string;
}

const ONE_OFF_PREFIX = oneOffCallbackData('');

/**
 * The recipient of this ledger a status is evidence for, or undefined (CONTRACT §7: by callback data, else
 * by wamid). Callback data that wa-ops wrote for another send (another campaign, a `send --to`) is never
 * this campaign's evidence, even when the wamid matches: wamids from an earlier rehearsal sandbox, or from
 * another account's events in the same file, are not this campaign's. A wamid match whose recipient_id is
 * another number than the one the ledger sent to is ignored too.
 */
export function statusOwner(s: LedgerState, campaignId: string | undefined, ev: StatusClaim): string | undefined {
  const campaign = parseCallbackData(ev.cb);
  if (campaign && campaignId !== undefined) return campaign.campaignId === campaignId ? campaign.e164 : undefined;
  if (ev.cb?.startsWith(ONE_OFF_PREFIX)) return undefined;
  const who = wamidOwner(s, ev.wamid, ev.recipient);
  // Without our own campaign id a campaign's callback data cannot be compared; its number still must agree.
  if (who && campaign && !sameWhatsAppNumber(campaign.e164, who)) return undefined;
  return who;
}

/** The ledger recipient of a wamid, unless the status names another number as its recipient. */
export function wamidOwner(s: LedgerState, wamid: string, recipient?: string): string | undefined {
  const who = recipientOfWamid(s, wamid);
  // A recipient_id that is not a phone number (a BSUID) says nothing about the number.
  if (!who || !recipient || !/^\+?\d{6,15}$/.test(recipient)) return who;
  return sameWhatsAppNumber(who, recipient) ? who : undefined;
}

/** Apply a status webhook (delivered, read, sent, failed) for a recipient found by callback data or wamid. */
export function applyStatus(s: LedgerState, r: string | undefined, wamid: string, status: string, ts: string, code?: number | string): void {
  if (!r) return;
  const x = s.recipients.get(r);
  if (!x || x.skippedRow) return;
  // A status whose timestamp is unreadable still happened: no later than now, no earlier than the last attempt (no clock here).
  const at = ts !== '' && Number.isFinite(Number(ts)) && Number(ts) > 0 ? Number(ts) * 1000 : (x.lastAttemptAt ?? x.firstAttemptAt ?? 1);
  if (wamid && !x.wamid) {
    x.wamid = wamid;
    s.byWamid?.set(wamid, r);
  }
  x.open = false;
  if (status === 'failed') {
    x.failedEvidence = true;
    x.code = code ?? x.code ?? 'failed';
  } else {
    // A status for an attempt whose answer never came proves it was sent. Statuses arrive in any order (a read before
    // its delivered, a sent after its delivered): each time is the earliest evidence of it.
    x.sentAt = earliest(x.sentAt, at);
    if (status === 'delivered' || status === 'read') x.deliveredAt = earliest(x.deliveredAt, at);
    if (status === 'read') x.readAt = earliest(x.readAt, at);
  }
  x.status = derive(x);
}

const earliest = (known: number | undefined, at: number): number => (known === undefined ? at : Math.min(known, at));
