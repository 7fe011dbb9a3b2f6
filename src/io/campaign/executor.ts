/** The one loop of a send: feeds the clock, answers and signals to the pure engine, and carries out its actions. Nothing is decided here. */
import { errorMessage } from '../../core/caught.js';
import { WaOpsError } from '../../core/errors.js';
import { ClaimNotStoredError } from '../store/claim-not-stored.js';
import { step } from '../../core/campaign/engine.js';
import { lostStop } from '../../core/campaign/engine-primitives.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import type { EngineAction, EngineInput, EngineState, StopReason } from '../../core/campaign/engine-types.js';
import type { SignalWatch } from '../signals.js';
import type { LedgerWriter } from '../store/types.js';
import { SendAttempts } from './send-attempts.js';
import { Inbox } from './inbox.js';
import type { LiveOptOuts } from './live-opt-outs.js';
import { watchOptOuts, watchStore } from './run-watches.js';

/** The engine to run, the store it writes, the POST, the signals, and who hears notices and progress. */
export interface ExecuteOptions {
  engine: EngineState;
  writer: LedgerWriter;
  /** POST one message; resolves with its wamid or rejects (GraphError). */
  send: (item: number, sender: string) => Promise<string>;
  signals: SignalWatch;
  onNotice?: (text: string) => void;
  /** Called after every step (throttle in the caller). */
  onProgress?: (engine: EngineState, now: number) => void;
  /** The suppression list as it changes while the run sends (opt-outs that arrive meanwhile). */
  optOuts?: Pick<LiveOptOuts, 'check'>;
  /** Called with each ledger event once it is stored (opt-outs learnt from Meta's answers go to the suppression list). */
  onRecorded?: (event: LedgerEvent) => void;
}

/** Run the engine to its stop; resolves with the reason once every stored event is durable. */
export async function execute(o: ExecuteOptions): Promise<StopReason> {
  const inbox = new Inbox();
  // The first write that failed: one that fails after the loop stopped (the last outcomes) is read nowhere else.
  let failed: EngineInput | undefined;
  const storeFailed = (err: unknown) => {
    const input = storeFailure(o.writer, err);
    failed ??= input;
    inbox.push(input);
  };
  const attempts = new SendAttempts({ engine: o.engine, writer: o.writer, send: o.send, push: inbox.push, storeFailed });
  const offSignal = o.signals.on((signal) => inbox.push({ t: 'signal', signal }));
  const stopWatch = watchStore(o.writer, inbox.push);
  const stopOptOuts = o.optOuts ? watchOptOuts(o.optOuts, inbox.push, o.onNotice) : () => undefined;
  let reason: StopReason;
  try {
    reason = await runLoop(o, inbox, attempts, storeFailed);
  } finally {
    attempts.stopped = true;
    stopWatch();
    stopOptOuts();
    offSignal();
    await finish(o, inbox, attempts);
  }
  // The writer was lost while the last outcomes were being stored (a lock taken, a store gone past its bound): what
  // they say is not in the ledger, so the run did not end the way the engine saw it.
  const why = o.writer.lost();
  if (reason.outcome !== 'done' && reason.outcome !== 'paused') return reason;
  if (why) return lostStop(why);
  // Not all of it is in the ledger (a full disk as the last answers came in): never "done" (exit 0).
  if (failed?.t === 'failure') return { outcome: 'aborted', code: failed.code, message: failed.message, hint: failed.hint, exit: 2 };
  return reason;
}

/** What a failed store write means to the engine: the writer lost, or a disk to check. */
function storeFailure(writer: LedgerWriter, err: unknown): EngineInput {
  const why = writer.lost();
  if (why) return { t: 'lost', reason: why };
  // A store's own advice (PostgreSQL: permissions, the server) beats the files' "check the disk".
  const cause = err instanceof ClaimNotStoredError ? err.reason : err;
  const hint = cause instanceof WaOpsError && cause.hint ? `${cause.hint}, then run the same command again` : 'check the disk (space, permissions), then run the same command again';
  return { t: 'failure', code: 'ledger-write-failed', message: `cannot write the ledger: ${errorMessage(cause)}`, hint };
}

/** Feed the engine one input at a time (a tick when none waits) until it says stop. */
async function runLoop(o: ExecuteOptions, inbox: Inbox, attempts: SendAttempts, storeFailed: (err: unknown) => void): Promise<StopReason> {
  let input: EngineInput = { t: 'tick' };
  for (;;) {
    const now = Date.now();
    const done = carryOut(step(o.engine, now, input), now, o, attempts, storeFailed);
    if ('stop' in done) {
      attempts.stopped = true;
      return done.stop;
    }
    o.onProgress?.(o.engine, now);
    const nextInput = inbox.shift();
    if (nextInput) {
      input = nextInput;
      continue;
    }
    const ms = done.sleepUntil - Date.now();
    if (ms > 0) await inbox.sleep(ms);
    else await new Promise((r) => setImmediate(r));
    input = inbox.shift() ?? { t: 'tick' };
  }
}

/** Carry out one step's actions in order: the stop reason if one says stop, else when to wake at the latest. */
function carryOut(actions: EngineAction[], now: number, o: ExecuteOptions, attempts: SendAttempts, storeFailed: (err: unknown) => void): { stop: StopReason } | { sleepUntil: number } {
  let sleepUntil = now + 1000;
  for (const a of actions) {
    if (a.t === 'record') {
      const event = a.event;
      o.writer.append(event).then(() => o.onRecorded?.(event), storeFailed);
    }
    else if (a.t === 'dispatch') attempts.dispatch(a);
    else if (a.t === 'notice') o.onNotice?.(a.text);
    else if (a.t === 'sleep') sleepUntil = Math.min(sleepUntil, a.until);
    else if (a.t === 'stop') return { stop: a.reason };
  }
  return { sleepUntil };
}

/** After the stop: wait for the claims under way, count the ones refused, and make what was stored durable. */
async function finish(o: ExecuteOptions, inbox: Inbox, attempts: SendAttempts): Promise<void> {
  // Interrupted while the store is away: do not wait for it to come back (what was not stored stays "unknown").
  if (o.signals.signal) o.writer.abandon?.();
  await attempts.settle();
  // Claims refused or given up after the stop: counted (nothing went out), so that what is left of --limit is right.
  for (const input of inbox.drain()) if (input.t === 'claimed-elsewhere') step(o.engine, Date.now(), input);
  try {
    await o.writer.drain();
  } catch {
    // reported through the stop reason
  }
}
