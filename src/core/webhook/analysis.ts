/** Fold webhook records into a delivery report: funnel, latencies, read coverage, failures by code and country. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { actionFor } from '../graph/actions.js';
import { createRng } from '../numbers/sampling.js';
import { parseCallbackData } from '../campaign/render.js';
import { applyStatus, recipientOfWamid, summarise } from '../campaign/ledger-state.js';
import { DEFAULT_PRICES, type PriceTable } from '../campaign/pricing.js';
import { costOf, Reservoir } from './percentiles.js';

import { describeManagement, type ManagementEvent } from './management.js';
import { numberFromCallbackData } from './opt-outs.js';
import type { WebhookRecord } from './records.js';
import type { DeliveryReport, Funnel, LedgerInfo } from './report-types.js';

export type { Percentiles } from './percentiles.js';
export type { DeliveryReport, Funnel, LedgerInfo, PricingLine } from './report-types.js';

interface MessageState {
  campaign: string;
  /** The number the business sent to (callback data, else a recipient id that is a number): a BSUID has no country. */
  number?: string;
  sent?: number;
  delivered?: number;
  read?: number;
  failed?: number | string;
  last: number;
  /** The first pricing Meta reported for the message (it comes on sent and again on delivered or read). */
  pricing?: { category: string; billable: boolean };
}

const WINDOW_S = 48 * 3600;

/** Streams records in; messages quiet for 48 h of event time are folded and forgotten, so memory stays bounded. */
export class DeliveryAnalyzer {
  private readonly live = new Map<string, MessageState>();
  private readonly funnels = new Map<string, Pick<Funnel, 'campaign' | 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'failures'>>();
  private readonly seenIds = new Map<string, Set<string>>();
  private readonly failures = new Map<string, number>();
  private readonly countries: Record<string, number> = {};
  private readonly rng = createRng(7);
  private readonly s2d = new Reservoir(this.rng);
  private readonly d2r = new Reservoir(this.rng);
  private readonly s2r = new Reservoir(this.rng);
  private events = 0;
  private statuses = 0;
  private inbound = 0;
  private messages = 0;
  private clock = 0;
  private readonly management: ManagementEvent[] = [];
  private readonly errorCounts = new Map<string, number>();
  private readonly errorDetails: DeliveryReport['errorDetails'] = [];
  private readonly pricing = new Map<string, { billable: number; free: number; byRegion: Map<string, number> }>();
  private readonly optOuts = { marketingStop: 0, marketingResume: 0, stopWords: 0 };

  constructor(
    private readonly ledgers: Map<string, LedgerInfo> = new Map(),
    private readonly prices: PriceTable = DEFAULT_PRICES,
    /** Is this typed text an opt-out? (injected so the analyzer stays free of the word lists' policy) */
    private readonly isStop: (text: string | undefined) => boolean = () => false,
  ) {}

  private countError(code: number | string): void {
    const k = String(code);
    this.errorCounts.set(k, (this.errorCounts.get(k) ?? 0) + 1);
  }

  /** Add one record from the events file. */
  add(r: WebhookRecord): void {
    this.events++;
    if (r.kind === 'message') {
      this.inbound++;
      if (r.type === 'text' && this.isStop(r.text)) this.optOuts.stopWords++;
      for (const e of r.errors ?? []) this.countError(e.code);
      return;
    }
    if (r.kind === 'management') {
      if (this.management.length < 10_000) this.management.push(describeManagement(r));
      return;
    }
    if (r.kind === 'error') {
      this.countError(r.code);
      this.errorDetails.push({ code: r.code, title: r.title ?? '', details: r.details ?? r.message ?? '', at: new Date(Number(r.ts) * 1000).toISOString() });
      if (this.errorDetails.length > 50) this.errorDetails.shift();
      return;
    }
    if (r.kind === 'preference') {
      if (r.value === 'stop') this.optOuts.marketingStop++;
      else if (r.value === 'resume') this.optOuts.marketingResume++;
      return;
    }
    if (r.kind !== 'status') return;
    // wa-ops doctor's signed test callbacks are not deliveries.
    if (r.id.startsWith('wamid.wa-ops-doctor-')) return;
    this.statuses++;
    const ts = Number(r.ts) || 0;
    this.clock = Math.max(this.clock, ts);
    let m = this.live.get(r.id);
    if (!m) {
      const cb = parseCallbackData(r.cb);
      const campaign = cb?.campaignId ?? '(no campaign)';
      m = { campaign, number: numberFromCallbackData(r.cb) ?? (/^\+?\d{6,15}$/.test(r.recipient) ? `+${r.recipient.replace(/^\+/, '')}` : undefined), last: ts };
      this.live.set(r.id, m);
      this.messages++;
      let ids = this.seenIds.get(campaign);
      if (!ids) this.seenIds.set(campaign, (ids = new Set()));
      if (this.ledgers.has(campaign)) ids.add(r.id);
    }
    m.last = Math.max(m.last, ts);
    this.foldIntoLedger(m.campaign, r);
    if (r.status === 'sent') m.sent ??= ts;
    else if (r.status === 'delivered') m.delivered ??= ts;
    else if (r.status === 'read' || r.status === 'played') m.read ??= ts;
    else if (r.status === 'failed') m.failed = r.errors?.[0]?.code ?? 'unknown';
    for (const e of r.errors ?? []) this.countError(e.code);
    const cat = r.pricing?.category ?? r.category;
    if (!m.pricing && cat) m.pricing = { category: cat.toLowerCase(), billable: r.pricing?.billable ?? !/^free/.test(r.pricing?.type ?? '') };
    if (this.events % 10_000 === 0) this.sweep();
  }

  /** A status of a campaign whose ledger is known: folded into its state as status and send do (callback data, else wamid). */
  private foldIntoLedger(campaign: string, r: Extract<WebhookRecord, { kind: 'status' }>): void {
    const state = this.ledgers.get(campaign)?.state;
    if (!state) return;
    const cb = parseCallbackData(r.cb);
    const who = cb && cb.campaignId === campaign ? cb.e164 : recipientOfWamid(state, r.id);
    applyStatus(state, who, r.id, r.status, String(r.ts ?? ''), r.errors?.[0]?.code);
  }

  private sweep(): void {
    for (const [id, m] of this.live) {
      if (this.clock - m.last > WINDOW_S) {
        this.fold(m);
        this.live.delete(id);
      }
    }
  }

  private fold(m: MessageState): void {
    if (m.pricing) {
      let p = this.pricing.get(m.pricing.category);
      if (!p) this.pricing.set(m.pricing.category, (p = { billable: 0, free: 0, byRegion: new Map() }));
      if (m.pricing.billable) {
        p.billable++;
        const region = regionOf(m);
        p.byRegion.set(region, (p.byRegion.get(region) ?? 0) + 1);
      } else p.free++;
    }
    let f = this.funnels.get(m.campaign);
    if (!f) this.funnels.set(m.campaign, (f = { campaign: m.campaign, accepted: 0, sent: 0, delivered: 0, read: 0, failed: 0, failures: {} }));
    f.accepted++;
    // One state per message, whatever order the statuses came in: read > delivered > failed > sent.
    const reached = m.delivered !== undefined || m.read !== undefined;
    if (m.failed !== undefined && !reached) {
      f.failed++;
      const code = String(m.failed);
      f.failures[code] = (f.failures[code] ?? 0) + 1;
      this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
      const country = regionOf(m);
      this.countries[country] = (this.countries[country] ?? 0) + 1;
    }
    // A later stage implies the earlier ones (a read may arrive without its delivered).
    if (reached || (m.sent !== undefined && m.failed === undefined)) f.sent++;
    if (reached) f.delivered++;
    if (m.read !== undefined) f.read++;
    if (m.sent !== undefined && m.delivered !== undefined && m.delivered >= m.sent) this.s2d.add(m.delivered - m.sent);
    if (m.delivered !== undefined && m.read !== undefined && m.read >= m.delivered) this.d2r.add(m.read - m.delivered);
    if (m.sent !== undefined && m.read !== undefined && m.read >= m.sent) this.s2r.add(m.read - m.sent);
  }

  /** The report, once every record has been added. */
  report(): DeliveryReport {
    for (const m of this.live.values()) this.fold(m);
    this.live.clear();
    const funnels: Funnel[] = [];
    const campaigns = new Set([...this.funnels.keys(), ...this.ledgers.keys()]);
    for (const c of campaigns) {
      const f = this.funnels.get(c) ?? { campaign: c, accepted: 0, sent: 0, delivered: 0, read: 0, failed: 0, failures: {} };
      const info = this.ledgers.get(c);
      const seen = this.seenIds.get(c) ?? new Set<string>();
      const noStatus = info ? [...info.accepted].filter((id) => !seen.has(id)).length : 0;
      const accepted = info ? Math.max(info.accepted.size, f.accepted) : f.accepted;
      // With the ledger: the campaign's counts exactly as status prints them; else per message seen in the events.
      const counts = info?.state
        ? (({ total, sent, delivered, read, failed, pending, unknown, skipped, failures }) => ({ total, sent, delivered, read, failed, pending, unknown, skipped, failures }))(summarise(info.state, info.name ?? c))
        : { total: f.accepted, pending: 0, unknown: f.accepted - f.sent - f.failed, skipped: 0 };
      const g = { ...f, ...counts };
      funnels.push({ ...g, accepted, template: info?.template ?? '', noStatus, readCoverage: g.delivered ? round(g.read / g.delivered) : 0 });
    }
    funnels.sort((a, b) => b.accepted - a.accepted);
    const failures = [...this.failures.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => {
        const rule = actionFor(Number(code), 400);
        return { code, count, action: rule.action, todo: rule.todo };
      });
    return {
      events: this.events,
      statuses: this.statuses,
      inbound: this.inbound,
      messages: this.messages,
      funnels,
      latency: { sentToDelivered: this.s2d.percentiles(), deliveredToRead: this.d2r.percentiles(), sentToRead: this.s2r.percentiles() },
      failures,
      failuresByCountry: Object.fromEntries(Object.entries(this.countries).sort((a, b) => b[1] - a[1])),
      management: [...this.management].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => ({ field: e.field, at: e.at, wabaId: e.wabaId, subject: e.subject, change: e.change, action: e.action, severity: e.severity })),
      errors: Object.fromEntries([...this.errorCounts.entries()].sort((a, b) => b[1] - a[1])),
      errorDetails: [...this.errorDetails],
      pricing: Object.fromEntries([...this.pricing.entries()].sort((a, b) => b[1].billable + b[1].free - a[1].billable - a[1].free).map(([cat, p]) => [cat, { billable: p.billable, free: p.free, cost: costOf(this.prices, cat, p.byRegion) }])),
      pricingTable: { currency: this.prices.currency, date: this.prices.date },
      optOuts: { ...this.optOuts },
    };
  }
}

/** The country of the number a message went to ("unknown" for a user known only by a BSUID). */
function regionOf(m: MessageState): string {
  return (m.number && parsePhoneNumberFromString(m.number)?.country) || 'unknown';
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
