/** One recipient's evidence (attempts, answers, statuses) and the one state it adds up to. */

/** The states a recipient can be in; skipped stands apart from the send order. */
export type RecipientStatus = 'pending' | 'unknown' | 'sent' | 'failed' | 'delivered' | 'read' | 'skipped';

/** Everything known about one recipient, folded from the ledger and the webhook statuses. */
export interface RecipientState {
  r: string;
  status: RecipientStatus;
  attempts: number;
  line?: number;
  wamid?: string;
  code?: number | string;
  details?: string;
  reason?: string;
  /** Times in epoch milliseconds (numbers, not ISO strings: a million recipients stay small). */
  /** Pending, but not before this time (pair-rate backoff, a retry). */
  retryAt?: number;
  firstAttemptAt?: number;
  lastAttemptAt?: number;
  sentAt?: number;
  deliveredAt?: number;
  readAt?: number;
  /** An attempt was stored and no outcome followed (yet). */
  open?: boolean;
  /** Evidence of a permanent failure (from the API's answer or a failed status). */
  failedEvidence?: boolean;
  skippedRow?: boolean;
  /** The key of the run that made the latest attempt (LedgerState.lastRun.key). */
  run?: string;
}

/** The one state of a recipient from its evidence. */
export function derive(x: RecipientState): RecipientStatus {
  if (x.readAt) return 'read';
  if (x.deliveredAt) return 'delivered';
  if (x.failedEvidence) return 'failed';
  if (x.sentAt || x.wamid) return 'sent';
  if (x.skippedRow && x.attempts === 0) return 'skipped';
  if (x.open) return 'unknown';
  return 'pending';
}

/** Sent, delivered or read: the message reached the API. */
export function wasSent(x: RecipientState): boolean {
  return x.status === 'sent' || x.status === 'delivered' || x.status === 'read';
}

/**
 * Whether a recipient this run would send to (a target: the list as it is now does not skip it) is still to send:
 * never attempted, pending again, skipped by an earlier version of the list (that skip no longer holds, unless it was
 * an opt-out), or unknown under --retry-unknown.
 */
export function stillToSend(x: RecipientState | undefined, retryUnknown: boolean | undefined): boolean {
  if (x?.status === 'skipped') return !(x.reason?.startsWith('suppressed') ?? false);
  return !x || x.status === 'pending' || (x.status === 'unknown' && retryUnknown === true);
}
