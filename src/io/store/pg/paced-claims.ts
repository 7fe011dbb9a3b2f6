/**
 * A worker's claims with the sender's shared slot (PostgreSQL): per sender, one claim of this worker asks the
 * database at a time, in dispatch order; it waits for the slot (nothing stored meanwhile), then claims the
 * recipient and takes the slot in one transaction (wa_ops.record_ops). A cooldown the worker did not know of,
 * found holding the slots back, is passed on (see SenderCooldowns).
 */
import type { AttemptEvent, LedgerEvent } from '../../../core/campaign/events.js';
import type { SharedPacing } from '../types.js';
import type { BatchOp, OpResult } from './tables/record-ops.js';

type Outcome = 'claimed' | 'elsewhere' | 'abandoned';

/** The cooldowns a worker knows of, per sender; a newer one found at the slots becomes a ledger event. */
export class SenderCooldowns {
  private readonly known = new Map<string, number>();
  private found: LedgerEvent[] = [];

  constructor(private readonly onFound: (e: Extract<LedgerEvent, { t: 'cooldown-until' }>) => void) {}

  /** An event this worker stored, replayed or polled. */
  know(e: LedgerEvent): void {
    if (e.t === 'cooldown-until' && e.sender) this.known.set(e.sender, Math.max(this.known.get(e.sender) ?? 0, Date.parse(e.until)));
  }

  /** The slots of a sender are held back until `until` (ms) by a cooldown: new to this worker? */
  holdsBack(sender: string, until: number): void {
    if (until <= (this.known.get(sender) ?? 0) || until <= Date.now()) return;
    const e = { t: 'cooldown-until' as const, until: new Date(until).toISOString(), code: 'sender-cooldown', reason: `sender ${sender} is cooling down after a rate limit another worker or campaign met on it`, at: new Date().toISOString(), sender };
    this.know(e);
    this.found.push(e);
    this.onFound(e);
  }

  /** The cooldowns found since the last call (for the engine, through poll()). */
  take(): LedgerEvent[] {
    return this.found.splice(0);
  }
}

/** SharedPacing over a worker's batcher. */
export class PacedClaims implements SharedPacing {
  /** Per sender, the last claim of this worker in line. */
  private readonly lanes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly push: (op: BatchOp) => Promise<OpResult>,
    private readonly cooldowns: SenderCooldowns,
  ) {}

  /** In dispatch order per sender: wait in line, then for the slot, then claim with it. */
  claim(attempt: AttemptEvent, intervalMs: number, giveUp: () => boolean): Promise<Outcome> {
    const before = this.lanes.get(attempt.sender) ?? Promise.resolve();
    const mine = before.then(() => this.slotAndClaim(attempt, intervalMs, giveUp));
    const tail = mine.catch(() => undefined);
    this.lanes.set(attempt.sender, tail);
    void tail.then(() => this.lanes.get(attempt.sender) === tail && this.lanes.delete(attempt.sender));
    return mine;
  }

  private async slotAndClaim(attempt: AttemptEvent, intervalMs: number, giveUp: () => boolean): Promise<Outcome> {
    const slot = { sender: attempt.sender, interval_ms: Math.max(0, Math.round(intervalMs)) };
    for (;;) {
      if (giveUp()) return 'abandoned';
      // Stamped when stored, just before its request goes out (the slot wait may have been long).
      const r = await this.push({ op: 'claim', e: { ...attempt, at: new Date().toISOString() }, slot });
      if (r.ok) return 'claimed';
      if (r.waitMs === undefined) return 'elsewhere';
      if (r.cooldownUntil !== undefined) this.cooldowns.holdsBack(attempt.sender, r.cooldownUntil);
      await pause(r.waitMs, giveUp);
    }
  }
}

/** Sleep ms, in short steps so that giveUp() (a stop, a cooldown under --no-wait) is heard within 50 ms. */
async function pause(ms: number, giveUp: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0 && !giveUp(); left = until - Date.now()) await new Promise((r) => setTimeout(r, Math.min(50, left)));
}
