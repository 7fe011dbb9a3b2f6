/**
 * What a run used of its --limit, from the ledger: one rule for every way a run ends (done, Ctrl-C, a cooldown, kill -9,
 * a worker of a shared store), so that a run and all its resumes never start more recipients than the limit allowed.
 */
import type { RunOptionsRecord } from './events.js';
import type { LedgerState } from './ledger-state.js';

/**
 * Recipients the run `key` used of its --limit: those whose latest attempt was that run's and that are no longer
 * pending (sent, delivered, read, failed or unknown). A request that provably never went out (pending again) or a
 * recipient another worker claimed (no attempt of this run stored) does not count.
 */
export function usedByRun(s: LedgerState, key: string): number {
  let n = 0;
  for (const x of s.recipients.values()) if (x.run === key && x.status !== 'pending' && x.status !== 'skipped') n++;
  return n;
}

/** What is left of `limit` after the run `key` (undefined without a limit). */
export function limitLeft(s: LedgerState, key: string | undefined, limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  return Math.max(0, limit - (key === undefined ? 0 : usedByRun(s, key)));
}

/**
 * The options of the latest run when it did not finish, for the plain command to resume it: its "end" event holds
 * what was left of --limit; a run killed without an end (kill -9, power loss) has its limit less what it used.
 */
export function unfinishedRunOptions(s: LedgerState): RunOptionsRecord | undefined {
  const run = s.lastRun;
  if (!run || run.ended === 'done' || !run.options) return undefined;
  if (run.ended !== undefined || run.options.limit === undefined) return run.options;
  return { ...run.options, limit: limitLeft(s, run.key, run.options.limit) };
}
