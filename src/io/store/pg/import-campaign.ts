/** store import: a local campaign (its ledger, then its webhook events) moved into PostgreSQL under the identity in its header. */
import { InputError } from '../../../core/errors.js';
import { replay } from '../../../core/campaign/ledger-state.js';
import type { HeaderEvent, LedgerEvent } from '../../../core/campaign/events.js';
import { parseCallbackData } from '../../../core/campaign/render.js';
import type { WebhookRecord } from '../../../core/webhook/records.js';
import { forEachLine } from '../../ledger/lines.js';
import { replayLedger } from '../../ledger/ledger.js';
import type { PgConnection } from './connect.js';
import { eventRow } from './event-sink.js';
import { exportedStatusRow, splitExported } from './exported-statuses.js';
import { createCampaign, findCampaign } from './tables/campaigns.js';
import { seedClaims } from './tables/claims.js';
import { appendEvents, countEvents } from './tables/ledger-events.js';
import { insertEvents, type EventRow } from './tables/webhook-events.js';

/** What an import stored, or that the store held the ledger already. */
export interface ImportResult {
  campaignId: string;
  name: string;
  events: number;
  webhookEvents: number;
  /** Of webhookEvents: the statuses a store export had written into the ledger, stored as webhook events again. */
  exportedStatuses: number;
  /** The store already held exactly this ledger: it was not written again (webhook events it lacked still were). */
  already: boolean;
}

function claimState(status: string): 'open' | 'released' | 'sent' | 'failed' {
  if (status === 'sent' || status === 'delivered' || status === 'read') return 'sent';
  if (status === 'failed') return 'failed';
  if (status === 'unknown') return 'open';
  return 'released';
}

/** Import the ledger at ledgerPath and the campaign's records of the events file. */
export async function importCampaign(conn: PgConnection, ledgerPath: string, eventsPath: string): Promise<ImportResult> {
  const events: LedgerEvent[] = [];
  await replayLedger(ledgerPath, (e) => events.push(e));
  const header = events.find((e): e is HeaderEvent => e.t === 'header');
  if (!header) throw new InputError(`${ledgerPath}: no ledger to import (nothing was sent with local files yet)`, { code: 'no-ledger', hint: 'pass the ledger with --ledger if it is not next to the campaign file' });
  const id = header.campaignId;
  const state = replay(events);
  // A ledger written by store export ends with the campaign's webhook statuses: webhook events again, not ledger events.
  const { ledger, statuses } = splitExported(events);
  const already = await conn.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`wa-ops:campaign:${header.campaign}`]);
    const stored = await findCampaign(c, id);
    if (stored) {
      const n = await countEvents(c, id);
      if (stored.name !== header.campaign) throw refused(`the store already holds a different campaign ("${stored.name}") with the identity ${id}`);
      if (n === ledger.length) return true;
      throw refused(`the store already holds campaign ${id} with ${n} ledger events (this ledger has ${ledger.length}): it was sent from the store too, and importing would mix two ledgers`);
    }
    await createCampaign(c, id, header.campaign, header);
    for (let i = 0; i < ledger.length; i += 2000) await appendEvents(c, id, ledger.slice(i, i + 2000));
    const claims = [...state.recipients.values()].filter((x) => x.attempts > 0).map((x) => ({ r: x.r, state: claimState(x.status) }));
    await seedClaims(c, id, claims);
    return false;
  });
  const sent = new Set<string>();
  for (const e of events) if (e.t === 'sent') sent.add(e.wamid);
  // Also when the ledger was there already: an import cut short after its ledger (a kill, a dropped connection) left
  // its webhook events out, and running it again must bring them (the unique key stores each once).
  let exportedStatuses = 0;
  for (let i = 0; i < statuses.length; i += 1000) exportedStatuses += (await insertEvents(conn, statuses.slice(i, i + 1000).map((e) => exportedStatusRow(e, id)))).size;
  const fromFile = await importRecords(conn, eventsPath, (r) => r.kind === 'status' && (parseCallbackData(r.cb)?.campaignId === id || sent.has(r.id)));
  return { campaignId: id, name: header.campaign, events: ledger.length, webhookEvents: exportedStatuses + fromFile, exportedStatuses, already };
}

function refused(message: string): InputError {
  return new InputError(message, { code: 'store-campaign-conflict', hint: 'export the stored campaign (wa-ops store export) and compare, or keep sending this one from local files' });
}

/** Insert the records of an events file that match (duplicates already stored are skipped); returns how many were new. */
export async function importRecords(conn: PgConnection, eventsPath: string, matches: (r: WebhookRecord) => boolean): Promise<number> {
  let batch: EventRow[] = [];
  let stored = 0;
  const flush = async () => {
    stored += (await insertEvents(conn, batch)).size;
    batch = [];
  };
  const pending: WebhookRecord[] = [];
  await forEachLine(eventsPath, (line) => {
    try {
      const r = JSON.parse(line) as WebhookRecord;
      if (r && typeof r.key === 'string' && matches(r)) pending.push(r);
    } catch {
      // a broken line: analyze skips it too
    }
  });
  for (const r of pending) {
    batch.push(eventRow(r));
    if (batch.length >= 1000) await flush();
  }
  if (batch.length) await flush();
  return stored;
}
