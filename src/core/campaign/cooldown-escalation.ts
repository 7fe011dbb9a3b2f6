/** How long a rate-limit cooldown lasts when cooldowns repeat: pure, driven by the ledger's cooldowns and a given time. */

const HOUR = 3_600_000;
/** A cooldown the ledger holds: when it began, when it ends, and the API code (a string for waits the run worked out itself). */
type Cooldown = { at: number; until: number; code: number | string };

/** Cooldown length: the base doubled for each recent rate-limit cooldown (at most 8 times the base). */
export function escalatedCooldown(baseMs: number, recentCooldowns: number): number {
  return baseMs * Math.min(8, 2 ** Math.max(0, recentCooldowns));
}

/**
 * How many of the API's cooldowns run into `now` without a break: the latest still in force or ended less than an hour
 * ago, the one before it ended less than an hour before the latest began, and so on. Counted from the ends, not the
 * starts: a 131048 that comes back the moment its hour is over is a repeat (the next is 2 h, then 4 h, 8 h), where
 * counting the starts within the past hour would wait 1 h again and again.
 */
export function recentCooldowns(cooldowns: readonly Cooldown[], now: number): number {
  const api = cooldowns.filter((c) => typeof c.code === 'number' && c.at <= now).sort((a, b) => b.at - a.at);
  let n = 0;
  let from = now;
  for (const c of api) {
    const end = Number.isFinite(c.until) ? c.until : c.at;
    if (from - end >= HOUR) break;
    n++;
    from = Math.min(from, c.at);
  }
  return n;
}

/** When the latest API cooldown began (0 when none). */
export function latestCooldownAt(cooldowns: readonly Cooldown[]): number {
  return cooldowns.reduce((m, c) => (typeof c.code === 'number' && c.at > m ? c.at : m), 0);
}
