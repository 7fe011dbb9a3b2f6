/** webhook serve and analyze on PostgreSQL: the shared event sink, the suppression list in the store, reports from the stored records. */
import { DEFAULT_PRICES, mergePrices } from '../../../core/campaign/pricing.js';
import { DeliveryAnalyzer, type DeliveryReport, type LedgerInfo } from '../../../core/webhook/analysis.js';
import type { WebhookRecord } from '../../../core/webhook/records.js';
import { isStopMessage } from '../../../core/webhook/stop-words.js';
import type { SuppressionRecord } from '../../suppressions.js';
import type { PgConnection } from './connect.js';
import { PgEventSink, type EventSink } from './event-sink.js';
import { appendPgSuppressions } from './suppression-store.js';
import { listCampaigns } from './tables/campaigns.js';
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

/** The delivery report of every stored record, with each stored campaign's template and accepted messages. */
export async function analyzeStore(conn: PgConnection, o: { pricing?: unknown }): Promise<DeliveryReport> {
  const ledgers = new Map<string, LedgerInfo>();
  for (const row of await listCampaigns(conn)) ledgers.set(row.campaign_id, { template: (row.header as { template?: string }).template, accepted: new Set() });
  const sent = await conn.query<{ campaign_id: string; wamid: string }>("SELECT campaign_id, event->>'wamid' AS wamid FROM wa_ops.ledger_events WHERE t = 'sent'");
  for (const row of sent.rows) ledgers.get(row.campaign_id)?.accepted.add(row.wamid);
  const analyzer = new DeliveryAnalyzer(ledgers, mergePrices(DEFAULT_PRICES, o.pricing), isStopMessage);
  for await (const { record } of readRecords(conn)) {
    const r = record as WebhookRecord;
    if (r && typeof r === 'object' && typeof r.kind === 'string') analyzer.add(r);
  }
  return analyzer.report();
}
