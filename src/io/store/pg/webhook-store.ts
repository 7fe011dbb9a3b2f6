/** webhook serve and analyze on PostgreSQL: the shared event sink, the suppression list in the store, reports from the stored records. */
import { DEFAULT_PRICES, mergePrices } from '../../../core/campaign/pricing.js';
import { DeliveryAnalyzer, type DeliveryReport, type LedgerInfo } from '../../../core/webhook/analysis.js';
import type { WebhookRecord } from '../../../core/webhook/records.js';
import { isOptOutButton, isStopMessage } from '../../../core/webhook/stop-words.js';
import type { SuppressionRecord } from '../../suppressions.js';
import type { PgConnection } from './connect.js';
import { PgEventSink, type EventSink } from './event-sink.js';
import { appendPgSuppressions } from './suppression-store.js';
import { listCampaigns } from './tables/campaigns.js';
import { readEvents } from './tables/ledger-events.js';
import { ledgerInfoBuilder } from '../../../core/webhook/ledger-info.js';
import { readRecords } from './tables/webhook-events.js';

/** Where webhook serve stores events and opt-outs in PostgreSQL, and how it names the place. */
export interface WebhookStore {
  sink: EventSink;
  appendSuppressions: (records: SuppressionRecord[]) => Promise<void>;
  location: string;
}

/** What webhook serve needs from the store. */
export function webhookStore(conn: PgConnection): WebhookStore {
  return { sink: new PgEventSink(conn), appendSuppressions: (records) => appendPgSuppressions(conn, records), location: conn.redacted };
}

/**
 * The delivery report of every stored record, each stored campaign's ledger replayed exactly as webhook analyze
 * replays a ledger file (so its funnel counts as status counts: total, sent, pending, skipped), streamed in pages.
 */
export async function analyzeStore(conn: PgConnection, o: { pricing?: unknown }): Promise<DeliveryReport> {
  const ledgers = new Map<string, LedgerInfo>();
  for (const row of await listCampaigns(conn)) {
    const ledger = ledgerInfoBuilder();
    for await (const { event } of readEvents(conn, row.campaign_id)) ledger.add(event);
    ledgers.set(row.campaign_id, ledger.info());
  }
  const analyzer = new DeliveryAnalyzer(ledgers, mergePrices(DEFAULT_PRICES, o.pricing), isStopMessage, isOptOutButton);
  for await (const { record } of readRecords(conn)) {
    const r = record as WebhookRecord;
    if (r && typeof r === 'object' && typeof r.kind === 'string') analyzer.add(r);
  }
  return analyzer.report();
}
