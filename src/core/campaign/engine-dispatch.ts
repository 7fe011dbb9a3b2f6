/** The engine's per-recipient decision: start the next recipient now (a dispatch), hold it back (a wait), or end the step. */
import type { EngineAction, EngineState, Pacer } from './engine-types.js';
import { PAIR_GAP_MS } from './engine-recipient-refusals.js';
import { record, wait } from './engine-primitives.js';
import { limitUsed, nextPacer, pick, windowOpensAt } from './engine-schedule.js';
import { budgetReached, everyoneWaits, finishing, sleep } from './engine-waits.js';
import type { RecipientState } from './recipient-state.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Examine one recipient; false when the step is over (a sleep or a stop was decided). */
export function once(st: EngineState, now: number, acts: EngineAction[]): boolean {
  const cfg = st.cfg;
  // After a media failure or an unanswered request, one at a time until something succeeds: a broken medium or a
  // dead API must not burn (or strand) a whole burst of recipients.
  const concurrency = st.mediaFailures > 0 || st.paramHeld.length > 0 || st.streak > 0 ? 1 : cfg.concurrency;
  if (st.inFlight.size >= concurrency) {
    acts.push({ t: 'sleep', until: now + 1000 }); // an answer wakes the executor first
    return false;
  }
  if (st.front === undefined && st.heap.size === 0 && (st.next >= cfg.items.length || (cfg.limit !== undefined && limitUsed(st) >= cfg.limit))) {
    // Nobody left to start: no reason to wait for the next pace slot (a run of one recipient is not 6 s longer).
    return finishing(st, now, acts);
  }
  const { p, at } = nextPacer(st, now);
  if (at > now) return sleep(st, acts, now, at, 'pace');
  const i = pick(st, now);
  if (i === undefined) {
    const due = st.heap.peekDue();
    if (due !== undefined) return everyoneWaits(st, now, acts, due);
    return finishing(st, now, acts);
  }
  if (!st.startedFlags[i] && cfg.limit !== undefined && limitUsed(st) >= cfg.limit) return true; // beyond --limit
  const x = st.ledger.recipients.get(cfg.items[i].e164);
  const held = holdBack(st, now, acts, i, x);
  if (held !== undefined) return held;
  dispatch(st, now, acts, i, x, p, at);
  return true;
}

/** Why recipient i does not go now: passed (not ours), waiting (retry, pair rule, window) or the budget; undefined: it goes. */
function holdBack(st: EngineState, now: number, acts: EngineAction[], i: number, x: RecipientState | undefined): boolean | undefined {
  const cfg = st.cfg;
  const item = cfg.items[i];
  // No longer pending (another worker's attempt or outcome arrived through the store): not ours to send.
  if (x && !st.startedFlags[i] && x.status !== 'pending' && !(x.status === 'unknown' && cfg.retryUnknown)) {
    st.passed++;
    return true;
  }
  // The 6 s pair rule matters only when the last attempt may have reached the user (an unknown being retried).
  const ready = Math.max(x?.retryAt ?? 0, x?.open && x.lastAttemptAt ? x.lastAttemptAt + PAIR_GAP_MS : 0);
  if (ready > now) {
    wait(st, i, ready);
    return true;
  }
  if (cfg.window && item.zone) {
    const opens = windowOpensAt(st, now, item.zone);
    if (opens > now) {
      wait(st, i, opens);
      return true;
    }
  }
  if (cfg.budget && (x?.attempts ?? 0) === 0 && budgetReached(st, now, acts, i)) return false;
  return undefined;
}

/** Start recipient i on sender p's slot (due at `at`): in flight, its attempt recorded, then the dispatch action. */
function dispatch(st: EngineState, now: number, acts: EngineAction[], i: number, x: RecipientState | undefined, p: Pacer, at: number): void {
  const item = st.cfg.items[i];
  // A slot taken late (the engine was held back, e.g. by its limit of requests in flight) restarts the schedule from
  // now, so the next send of this sender is a whole interval after this one, not at the old slot's time. Only at one
  // message a second or slower: faster rates are kept on average, where timers alone make every slot a little late.
  if (now > at && st.cfg.intervalMs >= 1000) [p.anchor, p.k] = [now, 0];
  st.inFlight.set(i, { sender: p.sender, at: now, anchor: p.anchor, k: p.k });
  p.k++;
  if (!st.startedFlags[i]) {
    st.startedFlags[i] = 1;
    st.started++;
  }
  const attempt = { t: 'attempt' as const, r: item.e164, n: (x?.attempts ?? 0) + 1, sender: p.sender, cb: item.cb, at: iso(now), ...(st.cfg.runId ? { run: st.cfg.runId } : {}) };
  record(st, [], attempt);
  acts.push({ t: 'dispatch', item: i, sender: p.sender, attempt });
}
