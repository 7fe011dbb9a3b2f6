/** The one loop of a send: feeds the clock, answers and signals to the pure engine, and carries out its actions. Nothing is decided here. */
import { step } from '../../core/campaign/engine.js';
import { lostStop } from '../../core/campaign/engine-outcome.js';
import type { EngineAction, EngineInput, EngineState, ErrorFacts, StopReason } from '../../core/campaign/engine-types.js';
import { GraphError } from '../../core/graph/graph-error.js';
import type { SignalWatch } from '../signals.js';
import type { LedgerWriter } from '../store/types.js';
import { Waker } from './waker.js';

export interface ExecuteOptions {
  engine: EngineState;
  writer: LedgerWriter;
  /** POST one message; resolves with its wamid or rejects (GraphError). */
  send: (item: number, sender: string) => Promise<string>;
  signals: SignalWatch;
  onNotice?: (text: string) => void;
  /** Called after every step (throttle in the caller). */
  onProgress?: (engine: EngineState, now: number) => void;
}

/** What a Graph failure means to the engine. */
export function errorFacts(e: GraphError): ErrorFacts {
  return {
    code: e.graphCode ?? (e.httpStatus ? `http-${e.httpStatus}` : 'network'),
    action: e.action,
    notSent: e.notSent,
    retryAfterMs: e.retryAfterMs,
    waitFromResponse: e.waitFromResponse,
    message: e.message,
    details: e.details,
    errorCode: e.code,
    hint: e.hint,
  };
}

/** Run the engine to its stop; resolves with the reason once every stored event is durable. */
export async function execute(o: ExecuteOptions): Promise<StopReason> {
  const inbox: EngineInput[] = [];
  const waker = new Waker();
  const push = (i: EngineInput) => {
    inbox.push(i);
    waker.wake();
  };
  let stopped = false;
  const claims = new Set<Promise<unknown>>();
  const offSignal = o.signals.on((signal) => push({ t: 'signal', signal }));
  let lostSent = false;
  const watch = setInterval(() => {
    const why = o.writer.lost();
    if (why && !lostSent) {
      lostSent = true;
      push({ t: 'lost', reason: why });
    }
    void o.writer.poll().then((events) => events.length > 0 && push({ t: 'events', events }), () => {});
  }, 500);
  const storeFailed = (err: unknown) => {
    const why = o.writer.lost();
    push(why ? { t: 'lost', reason: why } : { t: 'failure', code: 'ledger-write-failed', message: `cannot write the ledger: ${(err as Error).message}`, hint: 'check the disk (space, permissions), then run the same command again' });
  };

  const post = async (a: Extract<EngineAction, { t: 'dispatch' }>) => {
    try {
      push({ t: 'response', item: a.item, ok: true, wamid: await o.send(a.item, a.sender) });
    } catch (err) {
      if (err instanceof GraphError) push({ t: 'response', item: a.item, ok: false, error: errorFacts(err) });
      else push({ t: 'failure', code: 'send-failed', message: (err as Error).message });
    }
  };
  // A recipient waiting for its sender's shared slot is given up (nothing stored: still pending) when the run
  // stops, or under --no-wait when a cooldown began: the run must not wait it out.
  const giveUp = () => stopped || o.engine.stopping !== undefined || (o.engine.cfg.noWait && Date.parse(o.engine.ledger.cooldownUntil ?? '') > Date.now());
  const dispatch = (a: Extract<EngineAction, { t: 'dispatch' }>) => {
    const claim = async () => {
      // Durable before the request: a crash after this line leaves the recipient "unknown", never sent twice.
      const got = o.writer.sharedPacing ? await o.writer.sharedPacing.claim(a.attempt, o.engine.cfg.intervalMs, giveUp) : (await o.writer.claim(a.attempt)) ? 'claimed' : 'elsewhere';
      if (got !== 'claimed') return push({ t: 'claimed-elsewhere', item: a.item });
      // The run stopped while the attempt was being stored: it never went out (and does not count against --limit).
      if (stopped) {
        push({ t: 'claimed-elsewhere', item: a.item });
        return o.writer.append({ t: 'retry-at', r: a.attempt.r, until: a.attempt.at, code: 'stopped', at: new Date().toISOString() });
      }
      void post(a);
    };
    // Only the storing of attempts is awaited at the end; answers still on the way leave their recipient "unknown".
    const p: Promise<unknown> = claim()
      .catch(storeFailed)
      .finally(() => claims.delete(p));
    claims.add(p);
  };

  let reason: StopReason = { outcome: 'aborted', code: 'bug', message: 'the send loop ended without a stop' };
  try {
    let input: EngineInput = { t: 'tick' };
    run: for (;;) {
      const now = Date.now();
      let sleepUntil = now + 1000;
      for (const a of step(o.engine, now, input)) {
        if (a.t === 'record') o.writer.append(a.event).catch(storeFailed);
        else if (a.t === 'dispatch') dispatch(a);
        else if (a.t === 'notice') o.onNotice?.(a.text);
        else if (a.t === 'sleep') sleepUntil = Math.min(sleepUntil, a.until);
        else if (a.t === 'stop') {
          stopped = true;
          reason = a.reason;
          break run;
        }
      }
      o.onProgress?.(o.engine, now);
      const nextInput = inbox.shift();
      if (nextInput) {
        input = nextInput;
        continue;
      }
      const ms = sleepUntil - Date.now();
      if (ms > 0) await waker.sleep(ms);
      else await new Promise((r) => setImmediate(r));
      input = inbox.shift() ?? { t: 'tick' };
    }
  } finally {
    stopped = true;
    clearInterval(watch);
    offSignal();
    // Interrupted while the store is away: do not wait for it to come back (what was not stored stays "unknown").
    if (o.signals.signal) o.writer.abandon?.();
    await Promise.allSettled([...claims]);
    // Claims refused or given up after the stop: counted (nothing went out), so that what is left of --limit is right.
    for (const input of inbox.splice(0)) if (input.t === 'claimed-elsewhere') step(o.engine, Date.now(), input);
    try {
      await o.writer.drain();
    } catch {
      // reported through the stop reason
    }
  }
  // The writer was lost while the last outcomes were being stored (a lock taken, a store gone past its bound): what
  // they say is not in the ledger, so the run did not end the way the engine saw it.
  const why = o.writer.lost();
  return why && (reason.outcome === 'done' || reason.outcome === 'paused') ? lostStop(why) : reason;
}
