// A fake-clock driver for the pure send engine: a simulated API answers after a latency; sleeps advance the clock.
import { createEngine, step } from '../../src/core/campaign/engine.js';
import type { EngineConfig, EngineInput, EngineState, ErrorFacts, StopReason } from '../../src/core/campaign/engine-types.js';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { apply, emptyState, type LedgerState } from '../../src/core/campaign/ledger-state.js';
import { actionFor } from '../../src/core/graph/actions.js';

export type Answer = { wamid: string } | ErrorFacts;

/** An error as the executor would describe a Graph answer with this code. */
export function graphError(code: number, extra: Partial<ErrorFacts> = {}): ErrorFacts {
  const rule = actionFor(code, 400);
  return { code, action: rule.action, notSent: false, retryAfterMs: rule.waitMs, waitFromResponse: false, message: `(#${code})`, errorCode: `graph-${code}`, hint: rule.todo, ...extra };
}

/** Connection refused: surely never sent. */
export const refused: ErrorFacts = { code: 'network', action: 'transient', notSent: true, waitFromResponse: false, message: 'cannot connect (ECONNREFUSED)', errorCode: 'graph-network' };

export interface SimResult {
  stop: StopReason;
  now: number;
  records: LedgerEvent[];
  sends: { r: string; sender: string; at: number }[];
  /** Dispatches whose claim the store refused (never sent). */
  refused: { r: string; sender: string; at: number }[];
  notices: string[];
  ledger: LedgerState;
  steps: number;
  /** The engine at its stop. */
  engine?: EngineState;
}

export const T0 = Date.parse('2026-03-28T08:00:00.000Z');

export function config(n: number, over: Partial<EngineConfig> = {}): EngineConfig {
  const items = Array.from({ length: n }, (_, i) => ({ e164: `+4917000000${String(i).padStart(2, '0')}`, zone: 'Europe/Berlin', cb: `cb-${i}` }));
  return { items, senders: ['s1'], intervalMs: 1000, concurrency: 16, cooldownMs: 300_000, noWait: false, maxTransientRetries: 3, maxNotSent: 6, graceMs: 1000, drainMs: 15_000, batch: 1000, ...over };
}

/** Run the engine to its stop with a fake clock. answer() decides each request's answer; signals fire at given times. */
export function simulate(cfg: EngineConfig, answer: (r: string, nth: number, now: number) => Answer, o: { start?: number; latencyMs?: number; latency?: (r: string, nth: number) => number; refuse?: (r: string, nth: number) => boolean; ledger?: LedgerEvent[]; signalAt?: number; inputs?: { at: number; input: EngineInput }[]; maxSteps?: number; observe?: (st: EngineState, now: number) => void } = {}): SimResult {
  let now = o.start ?? T0;
  const ledger = emptyState();
  for (const e of o.ledger ?? []) apply(ledger, e);
  const st = createEngine(cfg, ledger, now);
  const pending: { at: number; input: EngineInput }[] = [];
  if (o.signalAt !== undefined) pending.push({ at: o.signalAt, input: { t: 'signal', signal: 'SIGINT' } });
  for (const x of o.inputs ?? []) pending.push(x);
  const res: SimResult = { stop: { outcome: 'done' }, now, records: [], sends: [], refused: [], notices: [], ledger, steps: 0 };
  const tries = new Map<string, number>();
  let input: EngineInput = { t: 'tick' };
  for (let n = 0; n < (o.maxSteps ?? 1_000_000); n++) {
    res.steps++;
    let sleepUntil = Infinity;
    for (const a of step(st, now, input)) {
      if (a.t === 'record') res.records.push(a.event);
      else if (a.t === 'notice') res.notices.push(a.text);
      else if (a.t === 'dispatch') {
        const nth = (tries.get(a.attempt.r) ?? 0) + 1;
        tries.set(a.attempt.r, nth);
        const at = now + (o.latency?.(a.attempt.r, nth) ?? o.latencyMs ?? 10);
        // A claim refused by a shared store (another worker holds the recipient): nothing goes out.
        if (o.refuse?.(a.attempt.r, nth)) {
          res.refused.push({ r: a.attempt.r, sender: a.sender, at: now });
          pending.push({ at, input: { t: 'claimed-elsewhere', item: a.item } });
          continue;
        }
        res.records.push(a.attempt);
        res.sends.push({ r: a.attempt.r, sender: a.sender, at: now });
        const ans = answer(a.attempt.r, nth, now);
        pending.push({ at, input: 'wamid' in ans ? { t: 'response', item: a.item, ok: true, wamid: ans.wamid } : { t: 'response', item: a.item, ok: false, error: ans } });
      } else if (a.t === 'sleep') sleepUntil = Math.min(sleepUntil, a.until);
      else if (a.t === 'stop') {
        res.stop = a.reason;
        res.now = now;
        res.engine = st;
        return res;
      }
    }
    o.observe?.(st, now);
    pending.sort((a, b) => a.at - b.at);
    const next = pending[0];
    if (next && next.at <= sleepUntil) {
      pending.shift();
      now = Math.max(now, next.at);
      input = next.input;
    } else {
      if (sleepUntil === Infinity) throw new Error('engine neither sleeps nor stops');
      now = Math.max(now, sleepUntil);
      input = { t: 'tick' };
    }
  }
  throw new Error('too many steps');
}

export const ok = (r: string) => ({ wamid: `wamid.${r}` });
