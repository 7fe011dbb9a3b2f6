/** What `status --watch` shows besides the counts: the recent send rate, an ETA and the latest failures. Pure: the time is an input. */

/** The fields of a recipient's state the figures read. */
export interface WatchRecipient {
  r: string;
  status: string;
  code?: number | string;
  details?: string;
  /** Epoch milliseconds, as the ledger state keeps them. */
  sentAt?: number;
  firstAttemptAt?: number;
  lastAttemptAt?: number;
}

/** The figures status --watch adds to the counts: rate, time left, latest failures. */
export interface WatchFigures {
  /** Messages sent per second over the last window (0 when none). */
  ratePerSec: number;
  /** Time to send what is pending at that rate; null when nothing moves or nothing is left. */
  etaMs: number | null;
  /** The most recent failures, newest first. */
  latestFailures: { recipient: string; code: string; details: string; at: string }[];
}

const toIso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** Figures from the recipients' states at `now` (rate over the last `windowMs`, default one minute). */
export function watchFigures(recipients: Iterable<WatchRecipient>, pending: number, now: number, windowMs = 60_000, failures = 5): WatchFigures {
  let recent = 0;
  const failed: WatchFigures['latestFailures'] = [];
  for (const x of recipients) {
    const sentAt = x.sentAt ?? NaN;
    if (sentAt > now - windowMs && sentAt <= now) recent++;
    if (x.status === 'failed') {
      failed.push({ recipient: x.r.startsWith('line:') ? '' : x.r, code: String(x.code ?? ''), details: x.details ?? '', at: toIso(x.lastAttemptAt ?? x.firstAttemptAt) });
    }
  }
  failed.sort((a, b) => b.at.localeCompare(a.at));
  const ratePerSec = recent / (windowMs / 1000);
  const etaMs = pending > 0 && ratePerSec > 0 ? (pending / ratePerSec) * 1000 : null;
  return { ratePerSec, etaMs, latestFailures: failed.slice(0, failures) };
}
