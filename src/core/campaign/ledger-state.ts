/**
 * Fold ledger events (and webhook statuses) into one state per recipient: the one state machine
 * for a live run, a resume and status. Each recipient ends in exactly one state, whatever order
 * the evidence arrives in: read > delivered > failed > sent > unknown > pending (skipped stands apart).
 */
import type { HeaderEvent, LedgerEvent, RunOptionsRecord } from './events.js';
import { forgetSkips } from './list-snapshot.js';
import { derive, type RecipientState } from './recipient-state.js';
import { applyStatus, wamidOwner } from './status-evidence.js';

export { derive, stillToSend, wasSent, type RecipientState, type RecipientStatus } from './recipient-state.js';
export { applyStatus, recipientOfWamid, statusOwner, wamidOwner, type StatusClaim } from './status-evidence.js';

/** A campaign's ledger folded: header, recipients, cooldowns, the rolling-window index and the latest run. */
export interface LedgerState {
  header?: HeaderEvent;
  recipients: Map<string, RecipientState>;
  /** wamid -> recipient, built on first use (most readers match statuses by callback data and never need it). */
  byWamid?: Map<string, string>;
  cooldownUntil?: string;
  cooldownReason?: string;
  cooldownCode?: number | string;
  cooldownSender?: string;
  /** Time of every first attempt (in ledger order), for the rolling 24 h unique-recipient limit. */
  firstAttempts: number[];
  /** Index of the first entry of firstAttempts still inside the last window asked about. */
  firstAttemptsHead: number;
  /** Cooldowns recorded (to escalate repeats within an hour). */
  cooldowns: { at: number; until: number; code: number | string }[];
  /** The options of the latest run, its key (its id, else its place in the ledger), how it ended (its "end" outcome) and, when it paused, until when. */
  lastRun?: { key?: string; options?: RunOptionsRecord; ended?: string; until?: string };
  /** "run" events replayed (the key of a run written without an id). */
  runs: number;
  /** Media uploaded (sender -> id, sha256, time). */
  media: { sender: string; sha256: string; id: string; at: string }[];
  /** The latest attempt of each sender (its pace carries over to the next run: a restart is no burst). */
  lastAttemptBySender: Map<string, number>;
}

/** An empty state. */
export function emptyState(): LedgerState {
  return { recipients: new Map(), firstAttempts: [], firstAttemptsHead: 0, cooldowns: [], media: [], runs: 0, lastAttemptBySender: new Map() };
}

function recipient(s: LedgerState, r: string): RecipientState {
  let x = s.recipients.get(r);
  if (!x) {
    x = { r, status: 'pending', attempts: 0 };
    s.recipients.set(r, x);
  }
  return x;
}

/** Apply one event (in stored order; statuses may come in any order). */
export function apply(s: LedgerState, e: LedgerEvent): void {
  switch (e.t) {
    case 'header':
      if (!s.header || s.header.campaignId === e.campaignId) s.header = s.header ? { ...e, campaignId: s.header.campaignId } : e;
      else s.header = { ...e, campaignId: s.header.campaignId }; // the identity is created once and kept
      // A new snapshot of the list: the skips that follow are the list's as it is now; earlier ones no longer hold.
      forgetSkips(s, derive);
      return;
    case 'run':
      s.runs++;
      s.lastRun = { key: e.id ?? `#${s.runs}`, options: e.options };
      return;
    case 'end':
      // The end of a run carries what is left of its options (the rest of --limit) for the next one.
      s.lastRun = { key: s.lastRun?.key, options: e.options ?? s.lastRun?.options, ended: e.outcome, until: e.until };
      return;
    case 'media':
      s.media.push({ sender: e.sender, sha256: e.sha256, id: e.id, at: e.at });
      return;
    case 'cooldown-until':
      // Waits for send windows and the daily budget are worked out again by every run from its own options;
      // earlier versions stored them as cooldowns, which must not bind a run with other options.
      if (e.code === 'waiting' || e.code === 'budget') return;
      if (!s.cooldownUntil || e.until > s.cooldownUntil) {
        s.cooldownUntil = e.until;
        s.cooldownReason = e.reason;
        s.cooldownCode = e.code;
        s.cooldownSender = e.sender;
      }
      s.cooldowns.push({ at: Date.parse(e.at), until: Date.parse(e.until), code: e.code });
      return;
    default:
      applyRecipient(s, e);
  }
}

function applyRecipient(s: LedgerState, e: LedgerEvent): void {
  if (e.t === 'status') {
    applyStatus(s, e.r ?? wamidOwner(s, e.wamid, e.to), e.wamid, e.status, e.ts, e.code);
    return;
  }
  if (!('r' in e)) return;
  const x = recipient(s, e.r);
  switch (e.t) {
    case 'attempt':
      if (x.attempts === 0) {
        x.firstAttemptAt = Date.parse(e.at);
        s.firstAttempts.push(x.firstAttemptAt);
      }
      x.attempts++;
      x.lastAttemptAt = Date.parse(e.at);
      if (e.sender && !(x.lastAttemptAt <= (s.lastAttemptBySender.get(e.sender) ?? -Infinity))) s.lastAttemptBySender.set(e.sender, x.lastAttemptAt);
      // Which run made the latest attempt: its id, else (a ledger with one writer, from before ids) the latest run.
      x.run = e.run ?? s.lastRun?.key;
      x.open = true; // until an outcome follows, the message may or may not have gone out
      x.retryAt = undefined;
      break;
    case 'sent':
      x.open = false;
      x.wamid = e.wamid;
      x.sentAt = Date.parse(e.at);
      if (e.wamid) s.byWamid?.set(e.wamid, e.r);
      break;
    case 'failed':
      x.open = false;
      x.failedEvidence = true;
      x.code = e.code;
      x.details = e.details;
      break;
    case 'retry-at':
      // The request provably did not go out (or was refused before processing): pending again.
      x.open = false;
      x.retryAt = Date.parse(e.until);
      if (!x.failedEvidence) x.code = e.code;
      break;
    case 'skipped':
      x.skippedRow = true;
      x.reason = e.reason;
      x.line = e.line;
      break;
  }
  x.status = derive(x);
}

/** Replay a whole ledger. */
export function replay(events: Iterable<LedgerEvent>): LedgerState {
  const s = emptyState();
  for (const e of events) apply(s, e);
  return s;
}

/** Unique recipients first attempted within the 24 h before now, and when the oldest of them leaves the window (amortised O(1)). */
export function rollingWindow(s: LedgerState, now: number): { used: number; oldest?: number } {
  const since = now - 86_400_000;
  const a = s.firstAttempts;
  while (s.firstAttemptsHead < a.length && a[s.firstAttemptsHead] <= since) s.firstAttemptsHead++;
  const used = a.length - s.firstAttemptsHead;
  return { used, oldest: used > 0 ? a[s.firstAttemptsHead] : undefined };
}

export { summarise, type CampaignSummary } from './campaign-summary.js';
