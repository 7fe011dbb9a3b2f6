/**
 * The send engine: one pure function, step(state, now, input) -> actions. It decides every
 * dispatch, wait and stop (pacing per sender, the 6 s pair rule, backoffs, retries, windows,
 * budget, cooldowns, outages, signals); it reads no clock and does no I/O. The executor in
 * io/campaign carries the actions out. A fresh run, a resume and a unit test drive the same code.
 */
import type { EngineAction, EngineConfig, EngineInput, EngineState } from './engine-types.js';
import type { SkippedEvent } from './events.js';
import { once } from './engine-dispatch.js';
import { onError, onSent } from './engine-outcome.js';
import { beginStop, lostStop, record } from './engine-primitives.js';
import { DueHeap } from './heap.js';
import type { LedgerState } from './ledger-state.js';
import { limitUsed, released } from './engine-schedule.js';
import { sleep } from './engine-waits.js';

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
    pacers: cfg.senders.map((sender) => ({ sender, anchor: firstSlot(cfg, ledger, sender, now), k: 0 })),
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
    paramHeld: [],
    zones: new Map(),
  };
}

/**
 * A sender's first slot: one interval after its latest attempt in the ledger (a run restarted after Ctrl-C or kill -9
 * keeps the pace), never before now, and never more than one interval ahead (a clock or ledger from the future).
 */
function firstSlot(cfg: EngineConfig, ledger: LedgerState, sender: string, now: number): number {
  const last = ledger.lastAttemptBySender?.get(sender);
  return last === undefined || !Number.isFinite(last) ? now : Math.min(now + cfg.intervalMs, Math.max(now, last + cfg.intervalMs));
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
      if (input.t === 'claimed-elsewhere') return released(st, now, f, input.item, input.notStored === true);
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
    case 'opt-outs':
      for (const { item, event } of input.skips) optedOut(st, acts, item, event);
      return;
    default:
  }
}

/**
 * A recipient who opted out while the run sends: skipped (and stored so) unless this run already started it or the
 * ledger holds anything but "never tried" for it (an attempt, an outcome, another worker's skip).
 */
function optedOut(st: EngineState, acts: EngineAction[], item: number, event: SkippedEvent): void {
  const it = st.cfg.items[item];
  if (!it || it.e164 !== event.r || st.startedFlags[item]) return;
  const x = st.ledger.recipients.get(it.e164);
  if (x && (x.status !== 'pending' || x.attempts > 0)) return;
  record(st, acts, event);
  acts.push({ t: 'notice', text: `${it.e164} opted out during the run (${event.reason.replace(/^suppressed: /, '')}): not sent` });
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
