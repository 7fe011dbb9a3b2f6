/** How long an answer asks us to wait, read from its headers (pure: the clock is an argument). */

const MIN = 60_000;

/** The longest Retry-After honoured: a proxy asking for a day (or a year) is answered with an hour, then asked again. */
export const MAX_RETRY_AFTER_MS = 60 * MIN;
/** The shortest wait honoured: "Retry-After: 0" (or a date already past) means "now", not "no wait given" (a minute). */
export const MIN_RETRY_AFTER_MS = 1000;

/** Read the longest wait a response asks for: Retry-After (s or an HTTP date, at most an hour) and x-business-use-case-usage (minutes). */
export function waitFromHeaders(retryAfter: string | string[] | undefined, usage: string | string[] | undefined, nowMs: number): number | undefined {
  let wait: number | undefined;
  // A header sent twice arrives as a list: the first one counts.
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  retryAfter = first(retryAfter);
  usage = first(usage);
  if (retryAfter) {
    const text = retryAfter.trim();
    const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
    if (Number.isFinite(ms)) wait = Math.min(Math.max(ms, MIN_RETRY_AFTER_MS), MAX_RETRY_AFTER_MS);
  }
  if (usage) {
    try {
      const parsed = JSON.parse(usage) as Record<string, { estimated_time_to_regain_access?: number }[]>;
      for (const entries of Object.values(parsed)) {
        for (const e of entries ?? []) {
          const minutes = Number(e?.estimated_time_to_regain_access ?? 0);
          if (minutes > 0) wait = Math.max(wait ?? 0, minutes * 60_000);
        }
      }
    } catch {
      // a malformed header tells us nothing
    }
  }
  return wait;
}
