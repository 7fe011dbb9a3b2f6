/**
 * A store that went away (server restarted, network cut): every part of a worker that talks to it (the
 * group-committed writes, the session lock that says the worker lives) reports its failures and successes
 * here, and tries again with backoff. Within the bound the run carries on where it was; past it the worker
 * counts the store as lost and stops (exit 75, the resume command printed). The clock is passed in.
 */

/** How long a worker keeps trying to reach its store before it stops. */
export const RECONNECT_FOR_MS = 60_000;

/** The wait before try n (1-based) after a dropped connection: 250 ms, doubling, at most 4 s. */
export function backoffMs(tries: number): number {
  return Math.min(4000, 250 * 2 ** Math.max(0, tries - 1));
}

/** One worker's view of whether its store is reachable, and since when not. */
export class StoreOutage {
  private since: number | undefined;
  private tries = 0;

  constructor(
    readonly boundMs: number = RECONNECT_FOR_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A try failed because the connection did: the wait before the next one, or undefined once the bound is spent. */
  failed(): number | undefined {
    const now = this.clock();
    this.since ??= now;
    this.tries++;
    const left = this.since + this.boundMs - now;
    return left <= 0 ? undefined : Math.min(backoffMs(this.tries), left);
  }

  /** A round trip went through: the store is back. */
  ok(): void {
    this.since = undefined;
    this.tries = 0;
  }

  /** How long the store has been unreachable (ms), or undefined when it is not known to be down. */
  downFor(): number | undefined {
    return this.since === undefined ? undefined : this.clock() - this.since;
  }

  /** Down for the whole bound: the worker must stop. */
  spent(): boolean {
    const d = this.downFor();
    return d !== undefined && d >= this.boundMs;
  }
}
