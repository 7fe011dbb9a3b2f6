/** One line per campaign for `wa-ops campaigns`: its phase, progress and last activity. Pure: the time is an input. */
import type { CampaignSummary } from './ledger-state.js';

/** The one word `campaigns` prints for where a campaign stands. */
export type CampaignPhase = 'not started' | 'running' | 'paused' | 'done' | 'stopped' | 'interrupted' | 'aborted' | 'invalid';

/** What the phase of a campaign is decided from: its ledger events, the lock, the cooldown and the last run. */
export interface PhaseFacts {
  /** Ledger events stored. */
  events: number;
  /** A live process holds the ledger's lock. */
  lockHeld: boolean;
  cooldownUntil: string | null;
  /** A run was started (a "run" event) and how it ended ("end" outcome), if it did; a paused one, until when (ISO). */
  lastRun?: { ended?: string; until?: string };
  /** Recipients still to send. */
  pending: number;
}

/**
 * Where a campaign stands at `now`. "paused" only while a wait is in force now (a cooldown, or the end of the daily
 * budget or send window the last run paused at); once it has ended the campaign is "stopped": send resumes it.
 */
export function campaignPhase(f: PhaseFacts, now: number): CampaignPhase {
  if (f.events === 0 || !f.lastRun) return f.lockHeld ? 'running' : 'not started';
  if (f.lockHeld) return 'running';
  if (f.cooldownUntil && Date.parse(f.cooldownUntil) > now) return 'paused';
  switch (f.lastRun.ended) {
    case 'done':
      // A run that ended "done" with recipients left was limited (--limit, --sample).
      return f.pending > 0 ? 'stopped' : 'done';
    case 'paused':
      // A pause without an end (--max-duration, or a ledger from before ends were kept) or one that is over: stopped.
      return f.lastRun.until !== undefined && Date.parse(f.lastRun.until) > now ? 'paused' : 'stopped';
    case 'interrupted':
      return 'interrupted';
    case 'aborted':
      return 'aborted';
    default:
      // Started and never ended: the process was killed; the next send resumes it.
      return 'stopped';
  }
}

/** One line of `wa-ops campaigns`. */
export interface OverviewRow {
  name: string;
  file: string;
  ledger: string;
  state: CampaignPhase;
  /** Share of the sendable recipients that were sent or failed (0..1). */
  progress: number;
  total: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  unknown: number;
  skipped: number;
  cooldownUntil: string | null;
  /** Time of the latest ledger event (ISO), or null. */
  lastActivity: string | null;
  /** Why the campaign file could not be read (state "invalid"). */
  problem?: string;
  /** The campaign identity, once a send created it (the ledger header; the key of a store's campaign). */
  campaignId?: string;
}

/** The row of a campaign from its summary and facts. */
export function overviewRow(s: CampaignSummary, where: { file: string; ledger: string }, state: CampaignPhase, lastActivity: string | null): OverviewRow {
  const sendable = s.total - s.skipped;
  return {
    name: s.campaign,
    file: where.file,
    ledger: where.ledger,
    state,
    progress: sendable > 0 ? (s.sent + s.failed) / sendable : 0,
    total: s.total,
    sent: s.sent,
    delivered: s.delivered,
    read: s.read,
    failed: s.failed,
    pending: s.pending,
    unknown: s.unknown,
    skipped: s.skipped,
    cooldownUntil: s.cooldownUntil,
    lastActivity,
  };
}
