/**
 * The send engine: one pure function, step(state, now, input) -> actions. It decides every
 * dispatch, wait and stop (pacing per sender, the 6 s pair rule, backoffs, retries, windows,
 * budget, cooldowns, outages, signals); it reads no clock and does no I/O. The executor in
 * io/campaign carries the actions out. A fresh run, a resume and a unit test drive the same code.
 */
import type { EngineAction, EngineConfig, EngineInput, EngineState } from './engine-types.js';
import { beginStop, lostStop, onError, onSent, PAIR_GAP_MS, record, wait } from './engine-outcome.js';
import { DueHeap } from './heap.js';
import type { LedgerState } from './ledger-state.js';
import { handBack, limitUsed, nextPacer, pick, windowOpensAt } from './engine-schedule.js';
import { budgetReached, everyoneWaits, finishing, sleep } from './engine-waits.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A new engine over the recipients to send (pending ones, in list order) and the replayed ledger. */
export function createEngine(cfg: EngineConfig, ledger: LedgerState, now: number): EngineState {
  return {
    cfg,
    ledger,
    next: 0,
    heap: new DueHeap(),
    waitingStarted: 0,
    inFlight: new Map(),
    startedFlags: new Uint8Array(cfg.items.length),
    started: 0,
    released: 0,
    settled: 0,
    passed: 0,
    pacers: cfg.senders.map((sender) => ({ sender, anchor: now, k: 0 })),
    pairHits: new Map(),
    transientTries: new Map(),
    streak: 0,
    lastFailureAt: 0,
    outageUntil: 0,
    stopBy: 0,
    stopped: false,
    reanchoredAfter: 0,
    thisRun: { sent: 0, failed: 0, unknown: 0, deferred: 0 },
    budgetWarned: false,
    mediaFailures: 0,
    zones: new Map(),
  };
}

/**
 * Recipients still to go in this run: those it will still start (bounded by --limit) and those started
 * whose outcome is not settled yet. It never goes up: a retry or a wait moves nobody back.
 */
export function remaining(st: EngineState): number {
  const unstarted = st.cfg.items.length - st.started - st.passed;
  const toStart = st.cfg.limit === undefined ? unstarted : Math.min(unstarted, Math.max(0, st.cfg.limit - limitUsed(st)));
  return toStart + st.started - st.settled;
}

/**
 * Feed one input at a time; returns what to do now. After a "stop" action the engine does nothing more, but still
 * counts a claim that turned out refused or given up (nothing went out): the resume command's --limit depends on it.
 */
export function step(st: EngineState, now: number, input: EngineInput): EngineAction[] {
  const acts: EngineAction[] = [];
  if (st.stopped) {
    if (input.t === 'claimed-elsewhere') take(st, now, input, acts);
    return acts;
  }
  take(st, now, input, acts);
  schedule(st, now, acts);
  return acts;
}

function take(st: EngineState, now: number, input: EngineInput, acts: EngineAction[]): void {
  switch (input.t) {
    case 'response':
    case 'claimed-elsewhere': {
      const f = st.inFlight.get(input.item);
      if (!f) return; // an answer after the run stopped waiting for it: left unknown
      st.inFlight.delete(input.item);
      if (input.t === 'claimed-elsewhere') {
        // Nothing went out: it does not count against --limit, and its pace slot may be handed back.
        st.settled++;
        st.released++;
        handBack(st, now, f);
        return;
      }
      if (input.ok) onSent(st, acts, now, input.item, input.wamid);
      else onError(st, acts, now, input.item, input.error, f.at, f.sender);
      return;
    }
    case 'signal':
      st.stopping = { outcome: 'interrupted', signal: input.signal };
      st.stopBy = Math.min(st.stopBy || Infinity, now + st.cfg.graceMs);
      return;
    case 'lost':
      st.stopping = lostStop(input.reason);
      st.stopBy = now;
      return;
    case 'failure':
      st.stopping = { outcome: 'aborted', code: input.code, message: input.message, hint: input.hint, exit: 2 };
      st.stopBy = now;
      return;
    case 'events':
      for (const e of input.events) record(st, [], e);
      return;
    default:
  }
}

function cooldownEnd(st: EngineState): number {
  const cd = st.ledger.cooldownUntil ? Date.parse(st.ledger.cooldownUntil) : 0;
  return st.cfg.cooldownCapAt === undefined ? cd : Math.min(cd, st.cfg.cooldownCapAt);
}

function schedule(st: EngineState, now: number, acts: EngineAction[]): void {
  st.waiting = undefined;
  if (!st.stopping && st.cfg.deadline !== undefined && now >= st.cfg.deadline) {
    beginStop(st, now, { outcome: 'paused', code: 'max-duration', message: '--max-duration reached', until: now }, st.cfg.graceMs);
  }
  if (st.stopping) {
    if (st.inFlight.size === 0 || now >= st.stopBy) {
      st.stopped = true;
      acts.push({ t: 'stop', reason: st.stopping });
    } else acts.push({ t: 'sleep', until: Math.min(st.stopBy, now + 1000) });
    return;
  }
  const cd = cooldownEnd(st);
  if (cd > now) {
    if (st.cfg.noWait && st.inFlight.size === 0) {
      st.stopped = true;
      acts.push({ t: 'stop', reason: { outcome: 'paused', until: cd } });
    } else sleep(st, acts, now, st.cfg.noWait ? now + 1000 : cd, 'cooldown');
    return;
  }
  if (cd > st.reanchoredAfter) {
    // After a cooldown the schedule starts afresh instead of bursting to catch up.
    st.reanchoredAfter = cd;
    for (const p of st.pacers) [p.anchor, p.k] = [now, 0];
  }
  if (now < st.outageUntil) {
    sleep(st, acts, now, st.outageUntil, 'outage');
    return;
  }
  for (let n = 0; n < st.cfg.batch; n++) if (!once(st, now, acts)) return;
  acts.push({ t: 'sleep', until: now }); // yield: signals and answers get their turn
}

/** Examine one recipient; false when the step is over (a sleep or a stop was decided). */
function once(st: EngineState, now: number, acts: EngineAction[]): boolean {
  const cfg = st.cfg;
  // After a media failure or an unanswered request, one at a time until something succeeds: a broken medium or a
  // dead API must not burn (or strand) a whole burst of recipients.
  const concurrency = st.mediaFailures > 0 || st.streak > 0 ? 1 : cfg.concurrency;
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
  const item = cfg.items[i];
  const x = st.ledger.recipients.get(item.e164);
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
  // A slot taken late (the engine was held back, e.g. by its limit of requests in flight) restarts the schedule from
  // now, so the next send of this sender is a whole interval after this one, not at the old slot's time. Only at one
  // message a second or slower: faster rates are kept on average, where timers alone make every slot a little late.
  if (now > at && cfg.intervalMs >= 1000) [p.anchor, p.k] = [now, 0];
  st.inFlight.set(i, { sender: p.sender, at: now, anchor: p.anchor, k: p.k });
  p.k++;
  if (!st.startedFlags[i]) {
    st.startedFlags[i] = 1;
    st.started++;
  }
  const attempt = { t: 'attempt' as const, r: item.e164, n: (x?.attempts ?? 0) + 1, sender: p.sender, cb: item.cb, at: iso(now) };
  record(st, [], attempt);
  acts.push({ t: 'dispatch', item: i, sender: p.sender, attempt });
  return true;
}
