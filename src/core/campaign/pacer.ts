/** An anchored send schedule: slot k is at anchor + k * interval, so thousands of sends do not drift. */

/** One sender's schedule. */
export class Pacer {
  private anchor: number;
  private k = 0;

  constructor(
    readonly sender: string,
    readonly intervalMs: number,
    start: number,
  ) {
    this.anchor = start;
  }

  /** When the next slot is. */
  peek(now: number): number {
    const slot = this.anchor + this.k * this.intervalMs;
    // Far behind (a long stall): start a new anchor instead of bursting to catch up.
    if (now - slot > this.intervalMs * 2 && now - slot > 1000) {
      this.reanchor(now);
      return now;
    }
    return slot;
  }

  /** Use the next slot. */
  take(): void {
    this.k++;
  }

  /** Restart the schedule at a time (after a cooldown). */
  reanchor(at: number): void {
    this.anchor = at;
    this.k = 0;
  }
}

/** The sender whose next slot comes first (round-robin when they tie). */
export function nextPacer(pacers: Pacer[], now: number): Pacer {
  let best = pacers[0];
  let bestAt = best.peek(now);
  for (let i = 1; i < pacers.length; i++) {
    const at = pacers[i].peek(now);
    if (at < bestAt) [best, bestAt] = [pacers[i], at];
  }
  return best;
}

/** Cooldown length: the base doubled for each cooldown in the past hour (at most 8 times the base). */
export function escalatedCooldown(baseMs: number, recentCooldowns: number): number {
  return baseMs * Math.min(8, 2 ** Math.max(0, recentCooldowns));
}
