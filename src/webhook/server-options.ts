/** What the webhook receiver is told (options) and what it counts (stats). */
import type { WebhookRecord } from '../core/webhook/records.js';
import type { EventSink } from '../io/store/pg/event-sink.js';
import type { SuppressionRecord } from '../io/suppressions.js';
import type { ForwardResult } from './forwarder.js';

/** How to run the receiver. */
export interface WebhookServerOptions {
  port: number;
  host: string;
  path: string;
  appSecret: string;
  verifyToken?: string;
  eventsPath: string;
  tls?: { cert: Buffer; key: Buffer };
  /** Folders with campaign ledgers, read (never written) to find the number of a 131050 that has no callback data. */
  campaignDirs?: string[];
  suppressionsPath: string;
  /** PostgreSQL (--store): records go to this shared sink and opt-outs to appendSuppressions, instead of the files. */
  store?: WebhookStoreTarget;
  maxBodyBytes?: number;
  /** Forward each stored POST (exact body, signature) to this URL. */
  forwardTo?: string;
  forwardAttempts?: number;
  forwardBaseDelayMs?: number;
  onLog?: WebhookLog;
  /** Every stored (or duplicate) record, after it is durable: the live tail. */
  onRecord?: (r: WebhookRecord, duplicate: boolean) => void;
  onForward?: (r: ForwardResult) => void;
}

/** Where records go instead of the events file (PostgreSQL). */
export interface WebhookStoreTarget {
  sink: EventSink;
  appendSuppressions: (records: SuppressionRecord[]) => Promise<void>;
  location: string;
}

/** The receiver's log line sink. */
export type WebhookLog = (level: 'info' | 'alert', text: string) => void;

/** Counters shown in the stop summary. */
export interface WebhookStats {
  received: number;
  recorded: number;
  duplicates: number;
  badSignature: number;
  tooLarge: number;
  badJson: number;
  storageErrors: number;
  suppressed: number;
  lifted: number;
  /** Opt-outs whose number could not be found (reported, not stored). */
  unresolvedOptOuts: number;
  forwarded: number;
  forwardRetries: number;
  deadLetters: number;
  fsyncs: number;
}

/** Every counter at zero. */
export function emptyStats(): WebhookStats {
  return { received: 0, recorded: 0, duplicates: 0, badSignature: 0, tooLarge: 0, badJson: 0, storageErrors: 0, suppressed: 0, lifted: 0, unresolvedOptOuts: 0, forwarded: 0, forwardRetries: 0, deadLetters: 0, fsyncs: 0 };
}
