/** Fold webhook records into a delivery report: funnel, latencies, read coverage, failures by code and country. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { actionFor } from '../graph/actions.js';
import { createRng } from '../numbers/sampling.js';
import { parseCallbackData } from '../campaign/render.js';
import type { WebhookRecord } from './records.js';

interface MessageState {
  campaign: string;
  recipient: string;
  sent?: number;
  delivered?: number;
  read?: number;
  failed?: number | string;
  last: number;
}

export interface Funnel {
  campaign: string;
  template: string;
  accepted: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  readCoverage: number;
  failures: Record<string, number>;
  /** Messages the ledger says were accepted, with no status at all in the events. */
  noStatus: number;
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface DeliveryReport {
  events: number;
  statuses: number;
  inbound: number;
  messages: number;
  funnels: Funnel[];
  latency: { sentToDelivered: Percentiles; deliveredToRead: Percentiles; sentToRead: Percentiles };
  failures: { code: string; count: number; action: string; todo: string }[];
  failuresByCountry: Record<string, number>;
}

/** Per-campaign facts from the ledgers: template and accepted wamids. */
export interface LedgerInfo {
  template?: string;
  accepted: Set<string>;
}

const WINDOW_S = 48 * 3600;
const RESERVOIR = 100_000;

class Reservoir {
  private values: number[] = [];
  private seen = 0;
  constructor(private readonly rng: () => number) {}
  add(v: number): void {
    this.seen++;
    if (this.values.length < RESERVOIR) this.values.push(v);
    else {
      const j = Math.floor(this.rng() * this.seen);
      if (j < RESERVOIR) this.values[j] = v;
    }
  }
  percentiles(): Percentiles {
    const v = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))] : null);
    return { count: this.seen, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
  }
}

/** Streams records in; messages quiet for 48 h of event time are folded and forgotten, so memory stays bounded. */
export class DeliveryAnalyzer {
  private readonly live = new Map<string, MessageState>();
  private readonly funnels = new Map<string, Omit<Funnel, 'readCoverage' | 'noStatus' | 'template'>>();
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

  constructor(private readonly ledgers: Map<string, LedgerInfo> = new Map()) {}

  /** Add one record from the events file. */
  add(r: WebhookRecord): void {
    this.events++;
    if (r.kind === 'message') {
      this.inbound++;
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
      const campaign = parseCallbackData(r.cb)?.campaignId ?? '(no campaign)';
      m = { campaign, recipient: r.recipient, last: ts };
      this.live.set(r.id, m);
      this.messages++;
      let ids = this.seenIds.get(campaign);
      if (!ids) this.seenIds.set(campaign, (ids = new Set()));
      if (this.ledgers.has(campaign)) ids.add(r.id);
    }
    m.last = Math.max(m.last, ts);
    if (r.status === 'sent') m.sent ??= ts;
    else if (r.status === 'delivered') m.delivered ??= ts;
    else if (r.status === 'read' || r.status === 'played') m.read ??= ts;
    else if (r.status === 'failed') m.failed = r.errors?.[0]?.code ?? 'unknown';
    if (this.events % 10_000 === 0) this.sweep();
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
    let f = this.funnels.get(m.campaign);
    if (!f) this.funnels.set(m.campaign, (f = { campaign: m.campaign, accepted: 0, sent: 0, delivered: 0, read: 0, failed: 0, failures: {} }));
    f.accepted++;
    if (m.failed !== undefined) {
      f.failed++;
      const code = String(m.failed);
      f.failures[code] = (f.failures[code] ?? 0) + 1;
      this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
      const country = parsePhoneNumberFromString(`+${m.recipient.replace(/^\+/, '')}`)?.country ?? 'unknown';
      this.countries[country] = (this.countries[country] ?? 0) + 1;
    }
    // A later stage implies the earlier ones (a read may arrive without its delivered).
    if (m.sent !== undefined || m.delivered !== undefined || m.read !== undefined) f.sent++;
    if (m.delivered !== undefined || m.read !== undefined) f.delivered++;
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
      funnels.push({ ...f, accepted, template: info?.template ?? '', noStatus, readCoverage: f.delivered ? round(f.read / f.delivered) : 0 });
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
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
