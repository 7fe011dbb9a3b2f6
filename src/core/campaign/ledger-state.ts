/** Replay ledger events into every recipient's state: the one state machine for a live run, a resume and status. */
import type { LedgerEvent } from './events.js';

export type RecipientStatus = 'pending' | 'sent' | 'failed' | 'skipped' | 'unknown' | 'retry';

export interface RecipientState {
  r: string;
  status: RecipientStatus;
  attempts: number;
  line?: number;
  wamid?: string;
  code?: number | string;
  details?: string;
  reason?: string;
  retryAt?: string;
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  sentAt?: string;
  deliveredAt?: string;
  readAt?: string;
}

export interface LedgerState {
  header?: Extract<LedgerEvent, { t: 'header' }>;
  recipients: Map<string, RecipientState>;
  byWamid: Map<string, string>;
  cooldownUntil?: string;
  cooldownReason?: string;
  /** Time of every first attempt, for the rolling 24 h unique-recipient limit. */
  firstAttempts: number[];
  /** Cooldowns recorded in the last hour (to escalate repeats). */
  cooldowns: { at: number; code: number | string }[];
}

/** An empty state. */
export function emptyState(): LedgerState {
  return { recipients: new Map(), byWamid: new Map(), firstAttempts: [], cooldowns: [] };
}

function recipient(s: LedgerState, r: string): RecipientState {
  let x = s.recipients.get(r);
  if (!x) {
    x = { r, status: 'pending', attempts: 0 };
    s.recipients.set(r, x);
  }
  return x;
}

/** Apply one event (in ledger order). */
export function apply(s: LedgerState, e: LedgerEvent): void {
  switch (e.t) {
    case 'header':
      s.header = e;
      return;
    case 'attempt': {
      const x = recipient(s, e.r);
      if (x.attempts === 0) {
        x.firstAttemptAt = e.at;
        s.firstAttempts.push(Date.parse(e.at));
      }
      x.attempts++;
      x.lastAttemptAt = e.at;
      // Until an outcome follows, the message may or may not have gone out.
      if (x.status !== 'sent') x.status = 'unknown';
      x.retryAt = undefined;
      return;
    }
    case 'sent': {
      const x = recipient(s, e.r);
      x.status = 'sent';
      x.wamid = e.wamid;
      x.sentAt = e.at;
      x.code = undefined;
      s.byWamid.set(e.wamid, e.r);
      return;
    }
    case 'failed': {
      const x = recipient(s, e.r);
      if (x.status === 'sent') return; // a failure after acceptance arrives as a status event
      x.status = 'failed';
      x.code = e.code;
      x.details = e.details;
      return;
    }
    case 'retry-at': {
      const x = recipient(s, e.r);
      if (x.status === 'sent') return;
      x.status = 'retry';
      x.retryAt = e.until;
      x.code = e.code;
      return;
    }
    case 'skipped': {
      const x = recipient(s, e.r);
      if (x.attempts > 0) return;
      x.status = 'skipped';
      x.reason = e.reason;
      x.line = e.line;
      return;
    }
    case 'cooldown-until': {
      if (!s.cooldownUntil || e.until > s.cooldownUntil) {
        s.cooldownUntil = e.until;
        s.cooldownReason = e.reason;
      }
      s.cooldowns.push({ at: Date.parse(e.at), code: e.code });
      return;
    }
    case 'status': {
      const r = e.r ?? s.byWamid.get(e.wamid);
      if (!r) return;
      const x = recipient(s, r);
      const at = new Date(Number(e.ts) * 1000).toISOString();
      if (e.status === 'failed') {
        x.status = 'failed';
        x.code = e.code ?? 'failed';
        return;
      }
      // A status for an attempt whose answer never came proves it was sent.
      if (x.status === 'unknown' || x.status === 'retry' || x.status === 'pending') {
        x.status = 'sent';
        x.sentAt ??= at;
      }
      if (!x.wamid) {
        x.wamid = e.wamid;
        s.byWamid.set(e.wamid, r);
      }
      if (e.status === 'delivered') x.deliveredAt ??= at;
      if (e.status === 'read') x.readAt ??= at;
      return;
    }
    default:
      return;
  }
}

/** Replay a whole ledger. */
export function replay(events: Iterable<LedgerEvent>): LedgerState {
  const s = emptyState();
  for (const e of events) apply(s, e);
  return s;
}

/** Unique recipients first attempted within the 24 h before now, and when the oldest of them leaves the window. */
export function rollingWindow(s: LedgerState, now: number): { used: number; oldest?: number } {
  const since = now - 86_400_000;
  let used = 0;
  let oldest: number | undefined;
  for (const t of s.firstAttempts) {
    if (t <= since) continue;
    used++;
    if (oldest === undefined || t < oldest) oldest = t;
  }
  return { used, oldest };
}

export interface CampaignSummary {
  campaign: string;
  total: number;
  sent: number;
  failed: number;
  pending: number;
  unknown: number;
  skipped: number;
  delivered: number;
  read: number;
  cooldownUntil: string | null;
  failures: Record<string, number>;
}

/** The summary document of CONTRACT §7. */
export function summarise(s: LedgerState, campaign: string, now = Date.now()): CampaignSummary {
  const out: CampaignSummary = { campaign, total: 0, sent: 0, failed: 0, pending: 0, unknown: 0, skipped: 0, delivered: 0, read: 0, cooldownUntil: null, failures: {} };
  for (const x of s.recipients.values()) {
    if (x.status === 'sent') out.sent++;
    else if (x.status === 'failed') {
      out.failed++;
      const code = String(x.code ?? 'unknown');
      out.failures[code] = (out.failures[code] ?? 0) + 1;
    } else if (x.status === 'unknown') out.unknown++;
    else if (x.status === 'skipped') out.skipped++;
    if (x.deliveredAt || x.readAt) out.delivered++;
    if (x.readAt) out.read++;
  }
  const known = s.recipients.size;
  out.total = Math.max(s.header?.recipients ?? 0, known);
  out.pending = out.total - out.sent - out.failed - out.unknown - out.skipped;
  if (s.cooldownUntil && Date.parse(s.cooldownUntil) > now) out.cooldownUntil = s.cooldownUntil;
  return out;
}
