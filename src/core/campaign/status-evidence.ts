/** Webhook statuses as evidence for a ledger's recipients: matched by callback data, else by wamid. */
import type { LedgerState } from './ledger-state.js';
import { derive } from './recipient-state.js';

/** The recipient a wamid was sent to (the index is built on the first call). */
export function recipientOfWamid(s: LedgerState, wamid: string): string | undefined {
  if (!s.byWamid) {
    s.byWamid = new Map();
    for (const x of s.recipients.values()) if (x.wamid) s.byWamid.set(x.wamid, x.r);
  }
  return s.byWamid.get(wamid);
}

/** Apply a status webhook (delivered, read, sent, failed) for a recipient found by callback data or wamid. */
export function applyStatus(s: LedgerState, r: string | undefined, wamid: string, status: string, ts: string, code?: number | string): void {
  if (!r) return;
  const x = s.recipients.get(r);
  if (!x || x.skippedRow) return;
  const at = ts !== '' && Number.isFinite(Number(ts)) ? Number(ts) * 1000 : Date.now();
  if (wamid && !x.wamid) {
    x.wamid = wamid;
    s.byWamid?.set(wamid, r);
  }
  x.open = false;
  if (status === 'failed') {
    x.failedEvidence = true;
    x.code = code ?? x.code ?? 'failed';
  } else {
    x.sentAt ??= at; // a status for an attempt whose answer never came proves it was sent
    if (status === 'delivered' || status === 'read') x.deliveredAt ??= at;
    if (status === 'read') x.readAt ??= at;
  }
  x.status = derive(x);
}
