/** What webhook analyze reports (the --json document) and what it needs from the campaign ledgers. */
import type { LedgerState } from '../campaign/ledger-state.js';
import type { ManagementEvent } from './management.js';
import type { Percentiles } from './percentiles.js';

/** Messages by pricing category: how many Meta bills, how many were free, and their cost from the price table. */
export interface PricingLine {
  billable: number;
  free: number;
  cost: number;
}

/** One campaign's delivery funnel. */
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
  /**
   * The campaign's recipients, as status counts them: sent + failed + pending + unknown + skipped = total.
   * With the campaign's ledger the counts are per recipient, from the ledger folded with these events;
   * from the events alone, per message (unknown: messages with no state yet).
   */
  total: number;
  pending: number;
  unknown: number;
  skipped: number;
}

/** Everything webhook analyze reports (the --json document). */
export interface DeliveryReport {
  events: number;
  statuses: number;
  inbound: number;
  messages: number;
  funnels: Funnel[];
  latency: { sentToDelivered: Percentiles; deliveredToRead: Percentiles; sentToRead: Percentiles };
  failures: { code: string; count: number; action: string; todo: string }[];
  failuresByCountry: Record<string, number>;
  /** Account, number and template events, oldest first (CONTRACT §11). */
  management: Omit<ManagementEvent, 'template' | 'phoneNumber'>[];
  /** Every error code seen, on failed statuses and value-level errors alike. */
  errors: Record<string, number>;
  /** Value-level errors (not tied to one message), with Meta's details; the latest 50. */
  errorDetails: { code: number; title: string; details: string; at: string }[];
  pricing: Record<string, PricingLine>;
  /** The price table the costs come from. */
  pricingTable: { currency: string; date: string };
  /** People who stopped marketing (user_preferences, a tapped opt-out button), resumed it, or typed a stop word: each once per kind. */
  optOuts: { marketingStop: number; marketingResume: number; stopWords: number };
}

/** Per-campaign facts from the ledgers: template and accepted wamids. */
export interface LedgerInfo {
  template?: string;
  accepted: Set<string>;
  /** The replayed ledger: the campaign's statuses are folded into it, so its counts are status's. */
  state?: LedgerState;
  /** The campaign's name (the ledger header's). */
  name?: string;
}
