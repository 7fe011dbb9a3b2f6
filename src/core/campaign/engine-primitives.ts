/** The engine's small state changes that every decision is made of: record an event, begin stopping, put a recipient back to wait. */
import type { LedgerEvent } from './events.js';
import type { EngineAction, EngineState, ErrorFacts, StopReason } from './engine-types.js';
import { apply } from './ledger-state.js';

/** Store an event and apply it to the engine's own state at once. */
export function record(st: EngineState, acts: EngineAction[], e: LedgerEvent): void {
  apply(st.ledger, e);
  acts.push({ t: 'record', event: e });
}

/** Begin stopping: no new dispatches; answers in flight are awaited until stopBy. */
export function beginStop(st: EngineState, now: number, reason: StopReason, waitMs: number): void {
  if (st.stopping && st.stopping.outcome !== 'done') return;
  st.stopping = reason;
  st.stopBy = now + waitMs;
}

/** Put an item back in the waiting heap. */
export function wait(st: EngineState, item: number, due: number): void {
  st.heap.push(due, item);
  if (st.startedFlags[item]) st.waitingStarted++;
}

/** The stop of a run whose writer lost its right to write (a lock lost, a store unreachable too long): exit 75. */
export function lostStop(reason: string): StopReason {
  // A PostgreSQL store out of reach says so (its reasons name the store); a lost file lock may mean another process.
  const hint = /^(the store at |no contact with the store )/.test(reason)
    ? 'once the store is reachable again, run the same command again: nobody is sent twice'
    : 'another process may be sending this campaign, or its store is unreachable; check, then run the same command again';
  return { outcome: 'aborted', code: 'ledger-lock-lost', message: `stopped sending: ${reason}`, hint, exit: 75 };
}

/** Try the recipient again at `due` (stored, so a restart keeps the wait). */
export function retryAt(st: EngineState, acts: EngineAction[], now: number, item: number, e: ErrorFacts, due: number): void {
  record(st, acts, { t: 'retry-at', r: st.cfg.items[item].e164, until: new Date(due).toISOString(), code: e.code, at: new Date(now).toISOString() });
  wait(st, item, due);
}
