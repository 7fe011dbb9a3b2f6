/** Fold webhook records into a delivery report: funnel, latencies, read coverage, failures by code and country. */
import { applyStatus, statusOwner, summarise } from '../campaign/ledger-state.js';
import { DEFAULT_PRICES, type PriceTable } from '../campaign/pricing.js';
import { countryTable, DeliveryTally, emptyFunnel, failureTable } from './delivery-tally.js';
import { describeManagement, type ManagementEvent } from './management.js';
import { OptOutTally } from './opt-out-tally.js';
import { applyMessageStatus, newMessageState, type MessageState, type StatusRecord } from './message-state.js';
import type { WebhookRecord } from './records.js';
import type { DeliveryReport, Funnel, LedgerInfo } from './report-types.js';

export type { Percentiles } from './percentiles.js';
export type { DeliveryReport, Funnel, LedgerInfo, PricingLine } from './report-types.js';

const WINDOW_S = 48 * 3600;

/** Streams records in; messages quiet for 48 h of event time are folded and forgotten, so memory stays bounded. */
export class DeliveryAnalyzer {
  private readonly live = new Map<string, MessageState>();
  private readonly tally = new DeliveryTally();
  private readonly seenIds = new Map<string, Set<string>>();
  private events = 0;
  private statuses = 0;
  private inbound = 0;
  private messages = 0;
  private clock = 0;
  private readonly management: ManagementEvent[] = [];
  private readonly errorCounts = new Map<string, number>();
  private readonly errorDetails: DeliveryReport['errorDetails'] = [];
  private readonly optOuts = new OptOutTally();

  constructor(
    private readonly ledgers: Map<string, LedgerInfo> = new Map(),
    private readonly prices: PriceTable = DEFAULT_PRICES,
    /** Is this typed text an opt-out? (injected so the analyzer stays free of the word lists' policy) */
    private readonly isStop: (text: string | undefined) => boolean = () => false,
    /** Is this tapped button title a marketing opt-out ("Stop promotions")? Counted with the marketing stops. */
    private readonly isOptOutButton: (title: string | undefined) => boolean = () => false,
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
      if (r.type === 'text' && this.isStop(r.text)) this.optOuts.add('stopWords', r);
      else if ((r.type === 'button' || r.type === 'interactive') && this.isOptOutButton(r.text)) this.optOuts.add('marketingStop', r);
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
      if (r.value === 'stop') this.optOuts.add('marketingStop', r);
      else if (r.value === 'resume') this.optOuts.add('marketingResume', r);
      return;
    }
    if (r.kind === 'status') this.addStatus(r);
  }

  private addStatus(r: StatusRecord): void {
    // wa-ops doctor's signed test callbacks are not deliveries.
    if (r.id.startsWith('wamid.wa-ops-doctor-')) return;
    this.statuses++;
    const ts = Number(r.ts) || 0;
    this.clock = Math.max(this.clock, ts);
    let m = this.live.get(r.id);
    if (!m) {
      m = newMessageState(r, ts);
      this.live.set(r.id, m);
      this.messages++;
      let ids = this.seenIds.get(m.campaign);
      if (!ids) this.seenIds.set(m.campaign, (ids = new Set()));
      if (this.ledgers.has(m.campaign)) ids.add(r.id);
    }
    this.foldIntoLedger(m.campaign, r);
    // Each code once per message: Meta reporting a failure again (or a record stored twice) is not a second failure.
    for (const code of applyMessageStatus(m, r, ts)) this.countError(code);
    if (this.events % 10_000 === 0) this.sweep();
  }

  /** A status of a campaign whose ledger is known: folded into its state as status and send do (callback data, else wamid). */
  private foldIntoLedger(campaign: string, r: StatusRecord): void {
    const state = this.ledgers.get(campaign)?.state;
    if (!state) return;
    const who = statusOwner(state, campaign, { wamid: r.id, cb: r.cb, recipient: r.recipient });
    applyStatus(state, who, r.id, r.status, String(r.ts ?? ''), r.errors?.[0]?.code);
  }

  private sweep(): void {
    for (const [id, m] of this.live) {
      if (this.clock - m.last > WINDOW_S) {
        this.tally.fold(m);
        this.live.delete(id);
      }
    }
  }

  /** One funnel per campaign seen in the events or given a ledger; with the ledger, its counts exactly as status prints them. */
  private funnels(): Funnel[] {
    const funnels: Funnel[] = [];
    const campaigns = new Set([...this.tally.funnels.keys(), ...this.ledgers.keys()]);
    for (const c of campaigns) {
      const f = this.tally.funnels.get(c) ?? emptyFunnel(c);
      const info = this.ledgers.get(c);
      const seen = this.seenIds.get(c) ?? new Set<string>();
      const noStatus = info ? [...info.accepted].filter((id) => !seen.has(id)).length : 0;
      const accepted = info ? Math.max(info.accepted.size, f.accepted) : f.accepted;
      // Without a ledger: per message seen in the events.
      const counts = info?.state
        ? (({ total, sent, delivered, read, failed, pending, unknown, skipped, failures }) => ({ total, sent, delivered, read, failed, pending, unknown, skipped, failures }))(summarise(info.state, info.name ?? c, 0 /* no cooldown in a delivery report: no clock */))
        : { total: f.accepted, pending: 0, unknown: f.accepted - f.sent - f.failed, skipped: 0 };
      const g = { ...f, ...counts };
      funnels.push({ ...g, accepted, template: info?.template ?? '', noStatus, readCoverage: g.delivered ? round(g.read / g.delivered) : 0 });
    }
    return funnels.sort((a, b) => b.accepted - a.accepted);
  }

  /** The report, once every record has been added. */
  report(): DeliveryReport {
    for (const m of this.live.values()) this.tally.fold(m);
    this.live.clear();
    const funnels = this.funnels();
    const t = this.tally.totals(this.prices);
    return {
      events: this.events,
      statuses: this.statuses,
      inbound: this.inbound,
      messages: this.messages,
      funnels,
      latency: t.latency,
      failures: failureTable(funnels),
      failuresByCountry: countryTable(this.tally.countries, this.ledgers),
      management: [...this.management].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => ({ field: e.field, at: e.at, wabaId: e.wabaId, subject: e.subject, change: e.change, action: e.action, severity: e.severity })),
      errors: Object.fromEntries([...this.errorCounts.entries()].sort((a, b) => b[1] - a[1])),
      errorDetails: [...this.errorDetails],
      pricing: t.pricing,
      pricingTable: { currency: this.prices.currency, date: this.prices.date },
      optOuts: this.optOuts.counts(),
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
