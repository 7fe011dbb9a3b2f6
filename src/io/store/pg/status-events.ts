/** A campaign's webhook statuses from the store, as ledger "status" events (matched by callback data, else by wamid). */
import { parseCallbackData } from '../../../core/campaign/render.js';
import { oneOffCallbackData } from '../../../core/send-to/message.js';
import type { StatusEvent } from '../../../core/campaign/events.js';
import type { StatusRecord } from '../../../core/webhook/records.js';
import type { Queryable } from './connect.js';
import { readRecords } from './tables/webhook-events.js';

/** Stream the status records stored for the campaign (its callback data, or a wamid its ledger holds). */
export async function forEachStatusEvent(q: Queryable, campaignId: string, onEvent: (e: StatusEvent, record: StatusRecord) => void): Promise<number> {
  let n = 0;
  for await (const { record } of readRecords(q, { campaignId })) {
    const r = record as StatusRecord & { receivedAt?: string };
    if (r.kind !== 'status') continue;
    const cb = parseCallbackData(r.cb);
    // Callback data of another send (another campaign, a send --to) is not this campaign's, even for a wamid it holds.
    if ((cb && cb.campaignId !== campaignId) || r.cb?.startsWith(oneOffCallbackData(''))) continue;
    const at = r.receivedAt && Number.isFinite(Number(r.receivedAt)) ? new Date(Number(r.receivedAt) * 1000).toISOString() : new Date(Number(r.ts) * 1000).toISOString();
    onEvent({ t: 'status', ...(cb ? { r: cb.e164 } : r.recipient ? { to: r.recipient } : {}), wamid: r.id, status: r.status, ...(r.errors?.[0] ? { code: r.errors[0].code } : {}), ts: r.ts, at }, r);
    n++;
  }
  return n;
}
