/** The engine's waits: everyone left waiting (windows, backoffs), the daily budget, the end of the run. Each returns false: the step is over. */
import { fmtCount } from '../plural.js';
import type { EngineAction, EngineState } from './engine-types.js';
import { rollingWindow } from './ledger-state.js';
import { settleParamRefusals } from './engine-param-refusals.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Sleep until a time (capped at --max-duration), noting what is waited for (the progress line says it). */
export function sleep(st: EngineState, acts: EngineAction[], now: number, until: number, why: NonNullable<EngineState['waiting']>['why']): false {
  const capped = st.cfg.deadline === undefined ? until : Math.min(until, st.cfg.deadline);
  st.waiting = { until, why };
  acts.push({ t: 'sleep', until: Math.max(now, capped) });
  return false;
}

/** Nothing left to start: wait for the answers in flight, then stop "done". */
export function finishing(st: EngineState, now: number, acts: EngineAction[]): false {
  if (st.inFlight.size > 0) acts.push({ t: 'sleep', until: now + 1000 }); // an answer wakes the executor first
  else {
    // Done: a streak of parameter refusals too short to stop the run was each recipient's own values.
    settleParamRefusals(st, acts, now);
    st.stopped = true;
    acts.push({ t: 'stop', reason: { outcome: 'done' } });
  }
  return false;
}

/**
 * Everyone left waits (send windows, backoffs) until due. With --no-wait a long wait stops the run (paused); nothing is
 * recorded: the next run works the wait out again from its own options (--window off lifts a window wait at once).
 */
export function everyoneWaits(st: EngineState, now: number, acts: EngineAction[], due: number): false {
  const cfg = st.cfg;
  if (!(cfg.noWait && st.inFlight.size === 0 && due - now > 60_000)) return sleep(st, acts, now, due, cfg.window ? 'window' : 'backoff');
  st.stopped = true;
  const message = cfg.window ? `every remaining recipient is outside the send window ${cfg.window.w.text}` : 'every remaining recipient is backing off';
  acts.push({ t: 'stop', reason: { outcome: 'paused', code: cfg.window ? 'window' : 'backoff', message, until: due } });
  return false;
}

/**
 * The daily budget before a first attempt: true (the step is over) when reached. Worked out from the ledger's first
 * attempts and this run's options, never recorded as a cooldown: a raised dailyLimit (or --allow-full-budget) lifts it
 * on the next run. Warns once on the way.
 */
export function budgetReached(st: EngineState, now: number, acts: EngineAction[], item: number): boolean {
  const b = st.cfg.budget!;
  const w = rollingWindow(st.ledger, now);
  if (w.used < b.pauseAt) {
    if (w.used >= b.warnAt && !st.budgetWarned) {
      st.budgetWarned = true;
      acts.push({ t: 'notice', text: `warning: ${fmtCount(w.used)} of ${fmtCount(b.limit)} unique recipients used in the last 24 h (${b.source}); the run pauses at ${fmtCount(b.pauseAt)}` });
    }
    return false;
  }
  st.front = item;
  const until = (w.oldest ?? now) + 86_400_000;
  const message = `${fmtCount(w.used)} of ${fmtCount(b.limit)} unique recipients in the last 24 h (${b.source})`;
  if (!st.budgetPaused) {
    st.budgetPaused = true;
    // People read this line: the end in their local time with its offset (the command gives the formatter).
    acts.push({ t: 'notice', text: `daily budget reached: ${message}; ${st.cfg.noWait ? 'pausing' : 'waiting'} until ${(st.cfg.timeText ?? iso)(until)}` });
  }
  if (!st.cfg.noWait) sleep(st, acts, now, until, 'budget');
  else if (st.inFlight.size > 0) acts.push({ t: 'sleep', until: now + 1000 }); // answers first
  else {
    st.stopped = true;
    acts.push({ t: 'stop', reason: { outcome: 'paused', code: 'budget', message: `daily budget reached: ${message}`, until } });
  }
  return true;
}
