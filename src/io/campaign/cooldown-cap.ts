/** The longest cooldown a send honours: a ledger's cooldown further ahead is damage (or a typo), capped with a warning. */
import type { LedgerState } from '../../core/campaign/ledger-state.js';

/** A cooldown further ahead than this is damage (or a typo), not a plan: wa-ops records at most 8 h, a day for the budget, a week for windows. */
export const COOLDOWN_CAP_MS = 7 * 86_400_000;

/** The end of the cooldown in force, capped (with a warning, the time as `timeText` writes it for people) at COOLDOWN_CAP_MS from now. */
export function cooldownEnd(state: LedgerState, now: number, warn: (t: string) => void, timeText: (ms: number) => string = (ms) => new Date(ms).toISOString()): number {
  const cd = state.cooldownUntil ? Date.parse(state.cooldownUntil) : 0;
  if (cd - now > COOLDOWN_CAP_MS) {
    warn(`the ledger holds a cooldown until ${Number.isFinite(cd) ? timeText(cd) : state.cooldownUntil}, further than wa-ops ever records (at most 7 days): it is honoured for 7 days from now only`);
    return now + COOLDOWN_CAP_MS;
  }
  return cd;
}
