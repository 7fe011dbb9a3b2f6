/** 131050 opt-outs a campaign's ledger holds but the suppression list lacks (the list write was lost): pure. */
import type { RecipientState } from '../campaign/recipient-state.js';
import { whatsAppKey } from '../numbers/same-wa-number.js';
import type { SuppressionList } from './fold.js';
import { MARKETING_OPT_OUT_CODE, optOutFromSend } from './from-send.js';
import type { SuppressionRecord } from './record.js';

/**
 * The opt-out records to add again: one per recipient the ledger failed with 131050 whom the list neither suppresses
 * for marketing now nor holds any record of since that attempt. A kill -9 between the ledger's line and the list's
 * (or a list write that failed) otherwise loses the opt-out for good; a lift the operator made after the failure is
 * a later record, so it stays lifted.
 */
export function missingOptOuts(recipients: Iterable<RecipientState>, list: SuppressionList, by: string): SuppressionRecord[] {
  const latest = new Map<string, number>();
  for (const r of list.history()) {
    const at = Date.parse(r.at);
    const key = whatsAppKey(r.e164);
    if (Number.isFinite(at) && at > (latest.get(key) ?? -Infinity)) latest.set(key, at);
  }
  const out: SuppressionRecord[] = [];
  for (const x of recipients) {
    if (!x.failedEvidence || Number(x.code) !== MARKETING_OPT_OUT_CODE || x.lastAttemptAt === undefined) continue;
    if (list.isSuppressed(x.r, 'MARKETING')) continue;
    if ((latest.get(whatsAppKey(x.r)) ?? -Infinity) >= x.lastAttemptAt) continue;
    const rec = optOutFromSend({ t: 'failed', r: x.r, code: MARKETING_OPT_OUT_CODE, action: 'fail-recipient', at: new Date(x.lastAttemptAt).toISOString() }, by);
    if (rec) out.push({ ...rec, note: 'refused by Meta with 131050 when sent to; restored from the ledger, the list had lost it' });
  }
  return out;
}
