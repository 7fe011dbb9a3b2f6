/**
 * The webhook statuses a `store export` wrote into a ledger (as `status` lines after its events), turned back into the
 * webhook events they were, so that `store import` of an exported ledger stores them as webhook events again (analyze
 * keeps its latencies, pricing and errors) and compares only the ledger's own events with a stored campaign.
 */
import { callbackData, parseCallbackData } from '../../../core/campaign/render.js';
import type { LedgerEvent, StatusEvent } from '../../../core/campaign/events.js';
import { isObject } from '../../../core/is-object.js';
import type { StatusRecord } from '../../../core/webhook/records.js';
import { statusKey } from '../../../core/webhook/status-record.js';
import { eventRow } from './event-sink.js';
import type { EventRow } from './tables/webhook-events.js';

/** The ledger's own events and the statuses an export folded into it. */
export function splitExported(events: readonly LedgerEvent[]): { ledger: LedgerEvent[]; statuses: StatusEvent[] } {
  const ledger: LedgerEvent[] = [];
  const statuses: StatusEvent[] = [];
  for (const e of events) (e.t === 'status' ? statuses : ledger).push(e);
  return { ledger, statuses };
}

/** The webhook event row of an exported status: the record it carries, whole, else (an older export) one rebuilt from its fields. */
export function exportedStatusRow(e: StatusEvent, campaignId: string): EventRow {
  const w = e.webhook;
  if (isObject(w) && w.kind === 'status' && typeof w.key === 'string' && w.id === e.wamid && w.status === e.status) {
    const cb = typeof w.cb === 'string' ? parseCallbackData(w.cb) : undefined;
    return { key: w.key, kind: 'status', campaignId: cb?.campaignId, messageId: e.wamid, record: w };
  }
  const at = Date.parse(e.at);
  const r: StatusRecord = { kind: 'status', key: statusKey(e.wamid, e.status, undefined, e.code !== undefined ? [e.code] : []), id: e.wamid, status: e.status, ts: e.ts, recipient: (e.to ?? e.r ?? '').replace(/^\+/, '') };
  if (e.r) r.cb = callbackData(campaignId, e.r);
  if (e.code !== undefined) r.errors = [{ code: e.code }];
  return eventRow(r, Number.isFinite(at) ? { receivedAt: String(Math.floor(at / 1000)) } : {});
}
