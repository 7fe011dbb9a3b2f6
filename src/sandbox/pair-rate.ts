/** The (business, consumer) pair rate limit as a token bucket: a burst of up to 45, then one message per 6 s on average. */

/** Meta's figures: bursts of up to 45 messages, refilled at one message per 6 seconds. */
export const PAIR_BURST = 45;
/** How often one sender may message one recipient (Meta's pair rate limit, 131056). */
export const PAIR_REFILL_MS = 6000;

/** One recipient's bucket: tokens left at a moment. */
export interface PairBucket {
  tokens: number;
  at: number;
}

/** Take one message from a recipient's bucket at `now`; a missing bucket is full. Pure: returns the new bucket. */
export function takePairToken(bucket: PairBucket | undefined, now: number, burst = PAIR_BURST, refillMs = PAIR_REFILL_MS): { ok: boolean; bucket: PairBucket } {
  const start = bucket ?? { tokens: burst, at: now };
  // A clock that steps backwards (tests, NTP) must not mint tokens.
  const elapsed = Math.max(0, now - start.at);
  const tokens = Math.min(burst, start.tokens + elapsed / refillMs);
  if (tokens < 1) return { ok: false, bucket: { tokens, at: Math.max(now, start.at) } };
  return { ok: true, bucket: { tokens: tokens - 1, at: Math.max(now, start.at) } };
}

/** When a bucket holds a whole token again (for a Retry hint); `now` when it already does. */
export function pairReadyAt(bucket: PairBucket, now: number, refillMs = PAIR_REFILL_MS): number {
  const elapsed = Math.max(0, now - bucket.at);
  const tokens = bucket.tokens + elapsed / refillMs;
  return tokens >= 1 ? now : now + Math.ceil((1 - tokens) * refillMs);
}
