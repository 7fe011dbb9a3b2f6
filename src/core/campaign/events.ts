/** Ledger events: one JSON object per line, append-only. Fields may be added, never renamed. */

/** The options of a run, kept in its "run" event so that the plain command resumes the same run. */
export interface RunOptionsRecord {
  sample?: boolean;
  intervalMs?: number;
  /** What is left of --limit for this run (a resume sends at most this many). */
  limit?: number;
  senders?: string[];
  ledger?: string;
  config?: string;
  retryUnknown?: boolean;
  cooldownMs?: number;
  /** The --suppressions list file this run honoured (absolute): a plain rerun of an unfinished run honours it too. */
  suppressions?: string;
}

/** One line of a campaign ledger (JSON Lines), by its type `t`; fields are only ever added, so old ledgers stay readable. */
export type LedgerEvent =
  /**
   * recipients: rows of the list; unlisted: recipients with an outcome the list no longer has (total = both). A header
   * starts a new snapshot of the list: skips recorded before it no longer count (list-snapshot.ts).
   */
  | { t: 'header'; v: 1; campaign: string; campaignId: string; template?: string; category?: string; campaignHash: string; recipientsHash: string; recipients: number; unlisted?: number; at: string }
  /** id: the run's own id, repeated in each of its attempts (`run`), so a resume counts what that run used of --limit. */
  | { t: 'run'; pid: number; at: string; mode: string; host?: string; options?: RunOptionsRecord; id?: string }
  | { t: 'attempt'; r: string; n: number; sender: string; cb: string; at: string; run?: string }
  | { t: 'sent'; r: string; wamid: string; at: string }
  | { t: 'failed'; r: string; code: number | string; details?: string; action: string; at: string }
  | { t: 'retry-at'; r: string; until: string; code: number | string; at: string }
  | { t: 'cooldown-until'; until: string; code: number | string; reason: string; at: string; sender?: string }
  | { t: 'skipped'; r: string; line: number; reason: string; at: string }
  | {
      t: 'status';
      r?: string;
      /** recipient_id of the webhook, checked against the ledger's number when matched by wamid. */
      to?: string;
      wamid: string;
      status: string;
      code?: number;
      ts: string;
      at: string;
      /** The webhook record it was read from (store export), so that store import restores it whole (pricing, errors, times). */
      webhook?: unknown;
    }
  | { t: 'media'; sender: string; sha256: string; id: string; source: string; at: string }
  /** until: the end of the wait a paused run stopped at (cooldown, daily budget, send window), when it has one. */
  | { t: 'end'; outcome: string; at: string; options?: RunOptionsRecord; until?: string };

/** The ledger's header: the campaign, its identity (campaignId) and the hash of the file it was created from. */
export type HeaderEvent = Extract<LedgerEvent, { t: 'header' }>;
/** A webhook status folded into a ledger (store export writes them after the events). */
export type StatusEvent = Extract<LedgerEvent, { t: 'status' }>;
/** A row not sent to (invalid, duplicate, unusable values, or an opt-out: reason "suppressed: ..."). */
export type SkippedEvent = Extract<LedgerEvent, { t: 'skipped' }>;
/** A send attempt, stored before the request goes out (durable before dispatch). */
export type AttemptEvent = Extract<LedgerEvent, { t: 'attempt' }>;
