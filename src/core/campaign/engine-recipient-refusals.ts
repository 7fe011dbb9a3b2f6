/** Refusals that leave one recipient waiting or pending, not failed: the pair rate limit (131056) and our medium refused (131053). */
import { recipientBackoffMs } from '../graph/actions.js';
import type { EngineAction, EngineState, ErrorFacts } from './engine-types.js';
import { beginStop, record, retryAt } from './engine-primitives.js';

/** At least this long between two messages to one recipient that may both have reached them (Meta's pair rate limit, 131056). */
export const PAIR_GAP_MS = 6000;
/**
 * Pair-rate refusals of one recipient this run waits out (6 s, 6 s, 16 s, 64 s, 256 s, 17 min: about 23 minutes in all);
 * the next one leaves the recipient pending, its wait stored, so that a run never sleeps hour after hour for one person.
 */
export const MAX_PAIR_BACKOFFS = 6;
const iso = (ms: number) => new Date(ms).toISOString();

/** 131056: this recipient waits 4^x seconds (the others go on); after MAX_PAIR_BACKOFFS, pending for a later run. */
export function onPairRate(st: EngineState, acts: EngineAction[], now: number, item: number, e: ErrorFacts): void {
  const r = st.cfg.items[item].e164;
  const x = st.pairHits.get(r) ?? 0;
  st.pairHits.set(r, x + 1);
  const due = now + Math.max(PAIR_GAP_MS, recipientBackoffMs(x));
  if (x < MAX_PAIR_BACKOFFS) return retryAt(st, acts, now, item, e, due);
  record(st, acts, { t: 'retry-at', r, until: iso(due), code: e.code, at: iso(now) });
  st.thisRun.deferred++;
  st.settled++;
  acts.push({ t: 'notice', text: `${r}: ${e.message}; refused ${x + 1} times for the pair rate limit (too many messages to this person), left pending for the next run` });
}

/** Our medium was refused (131053): not the recipient's fault, so it stays pending; five in a row stop the run. */
export function onMediaRefused(st: EngineState, acts: EngineAction[], now: number, r: string, e: ErrorFacts): void {
  record(st, acts, { t: 'retry-at', r, until: iso(now), code: e.code, at: iso(now) });
  st.thisRun.deferred++;
  st.settled++;
  acts.push({ t: 'notice', text: `${r}: ${e.message}; the medium was refused, left pending for the next run` });
  if (++st.mediaFailures >= 5) {
    beginStop(st, now, {
      outcome: 'aborted',
      code: 'media-failures',
      message: `5 media failures in a row (131053: ${e.details ?? e.message})`,
      hint: 'the header medium cannot be used: check its type and size (wa-ops doctor --campaign), or that the URL is reachable from the internet; nobody was marked failed: run the same command again after the fix',
      exit: 3,
    }, st.cfg.drainMs);
  }
}

