/** The totals of folded messages: funnels per campaign, failures by code and country, latencies and pricing. */
import { actionFor } from '../graph/actions.js';
import { createRng } from '../numbers/sampling.js';
import type { PriceTable } from '../campaign/pricing.js';
import { costOf, Reservoir } from './percentiles.js';
import { regionOf, regionOfNumber, type MessageState } from './message-state.js';
import type { DeliveryReport, Funnel, LedgerInfo } from './report-types.js';

/** A campaign's counts from the messages seen in the events alone. */
export type MessageFunnel = Pick<Funnel, 'campaign' | 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'failures'>;

/** An empty funnel for a campaign. */
export function emptyFunnel(campaign: string): MessageFunnel {
  return { campaign, accepted: 0, sent: 0, delivered: 0, read: 0, failed: 0, failures: {} };
}

/**
 * The failure table from the funnels' failures, so it adds up to the failed they show: a campaign with its ledger
 * counts recipients (two failed attempts to one recipient, after a resend, are one failure, as status says).
 */
export function failureTable(funnels: readonly Pick<Funnel, 'failures'>[]): DeliveryReport['failures'] {
  const counts = new Map<string, number>();
  for (const f of funnels) for (const [code, n] of Object.entries(f.failures)) counts.set(code, (counts.get(code) ?? 0) + n);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => {
      const rule = actionFor(Number(code), 400);
      return { code, count, action: rule.action, todo: rule.todo };
    });
}

/** Failures by country, counted as the failure table is: a campaign with its ledger by failed recipient, else by message. */
export function countryTable(byCampaign: ReadonlyMap<string, Record<string, number>>, ledgers: ReadonlyMap<string, LedgerInfo>): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (country: string, n = 1) => (out[country] = (out[country] ?? 0) + n);
  for (const [c, byCountry] of byCampaign) if (!ledgers.get(c)?.state) for (const [k, n] of Object.entries(byCountry)) add(k, n);
  for (const info of ledgers.values()) for (const [number, x] of info.state?.recipients ?? []) if (x.status === 'failed') add(regionOfNumber(number));
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/** Accumulates finished messages; memory grows with campaigns, codes and countries, not with messages. */
export class DeliveryTally {
  readonly funnels = new Map<string, MessageFunnel>();
  /** Failed messages by campaign and country. */
  readonly countries = new Map<string, Record<string, number>>();
  // One seeded source for the three samples, drawn in a fixed order, so a report is reproducible.
  private readonly rng = createRng(7);
  private readonly s2d = new Reservoir(this.rng);
  private readonly d2r = new Reservoir(this.rng);
  private readonly s2r = new Reservoir(this.rng);
  private readonly pricing = new Map<string, { billable: number; free: number; byRegion: Map<string, number> }>();

  /** Count one message in its final state. */
  fold(m: MessageState): void {
    if (m.pricing) this.foldPricing(m, m.pricing);
    let f = this.funnels.get(m.campaign);
    if (!f) this.funnels.set(m.campaign, (f = emptyFunnel(m.campaign)));
    f.accepted++;
    // One state per message, whatever order the statuses came in: read > delivered > failed > sent.
    const reached = m.delivered !== undefined || m.read !== undefined;
    if (m.failed !== undefined && !reached) {
      f.failed++;
      const code = String(m.failed);
      f.failures[code] = (f.failures[code] ?? 0) + 1;
      const country = regionOf(m);
      let byCountry = this.countries.get(m.campaign);
      if (!byCountry) this.countries.set(m.campaign, (byCountry = {}));
      byCountry[country] = (byCountry[country] ?? 0) + 1;
    }
    // A later stage implies the earlier ones (a read may arrive without its delivered).
    if (reached || (m.sent !== undefined && m.failed === undefined)) f.sent++;
    if (reached) f.delivered++;
    if (m.read !== undefined) f.read++;
    if (m.sent !== undefined && m.delivered !== undefined && m.delivered >= m.sent) this.s2d.add(m.delivered - m.sent);
    if (m.delivered !== undefined && m.read !== undefined && m.read >= m.delivered) this.d2r.add(m.read - m.delivered);
    if (m.sent !== undefined && m.read !== undefined && m.read >= m.sent) this.s2r.add(m.read - m.sent);
  }

  private foldPricing(m: MessageState, pricing: NonNullable<MessageState['pricing']>): void {
    let p = this.pricing.get(pricing.category);
    if (!p) this.pricing.set(pricing.category, (p = { billable: 0, free: 0, byRegion: new Map() }));
    if (pricing.billable) {
      p.billable++;
      const region = regionOf(m);
      p.byRegion.set(region, (p.byRegion.get(region) ?? 0) + 1);
    } else p.free++;
  }

  /** The report's totals that do not depend on ledgers: latencies and pricing. */
  totals(prices: PriceTable): Pick<DeliveryReport, 'latency' | 'pricing'> {
    return {
      latency: { sentToDelivered: this.s2d.percentiles(), deliveredToRead: this.d2r.percentiles(), sentToRead: this.s2r.percentiles() },
      pricing: Object.fromEntries([...this.pricing.entries()].sort((a, b) => b[1].billable + b[1].free - a[1].billable - a[1].free).map(([cat, p]) => [cat, { billable: p.billable, free: p.free, cost: costOf(prices, cat, p.byRegion) }])),
    };
  }
}
