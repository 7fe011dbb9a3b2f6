/**
 * Where the events file's disk sync runs. On the receiver's own thread while the disk is fast: a hand-over to the
 * thread pool costs a wake-up on each side, measured at about a quarter of webhook serve's CPU per request on a
 * 2-vCPU machine. On the thread pool while the disk is slow, so that a slow disk never freezes the receiver (GET
 * handshakes, bad-signature answers and Ctrl-C wait behind a sync on its thread).
 */

/** A sync on the receiver's thread slower than this (ms) moves the syncs to the thread pool. */
export const SLOW_SYNC_MS = 5;
/** The first wait (ms) on the thread pool before one sync is tried on the receiver's thread again. */
export const FIRST_PROBE_MS = 1_000;
/** The longest wait between such tries (ms): each slow try doubles the wait up to this. */
export const MAX_PROBE_MS = 60_000;

/** The policy's memory: where syncs run, since when (ms, any monotonic clock), and how long until the next try. */
export interface SyncPolicy {
  readonly onPool: boolean;
  readonly since: number;
  readonly wait: number;
}

/** Where a new receiver starts: syncs on its own thread. */
export const START_POLICY: SyncPolicy = { onPool: false, since: 0, wait: FIRST_PROBE_MS };

/** Whether the next sync, at `now`, runs on the receiver's thread (always while fast; a timed try once the wait is over). */
export function syncOnThisThread(p: SyncPolicy, now: number): boolean {
  return !p.onPool || now - p.since >= p.wait;
}

/** The policy after a sync on the receiver's thread took `tookMs`, finishing at `now`. */
export function afterSyncOnThisThread(p: SyncPolicy, tookMs: number, now: number): SyncPolicy {
  if (tookMs <= SLOW_SYNC_MS) return { onPool: false, since: now, wait: FIRST_PROBE_MS };
  // Slow again after a stay on the pool: wait twice as long before the next try, so a stalled disk freezes the receiver rarely.
  return { onPool: true, since: now, wait: p.onPool ? Math.min(p.wait * 2, MAX_PROBE_MS) : FIRST_PROBE_MS };
}
