/** The engine of one send run: its pacing, limits and stop rules, fixed from the options and the prepared send. */
import { createEngine } from '../../core/campaign/engine.js';
import type { EngineState } from '../../core/campaign/engine-types.js';
import type { LedgerState } from '../../core/campaign/ledger-state.js';
import { COOLDOWN_CAP_MS } from './cooldown-cap.js';
import type { Prepared, Target } from './prepare.js';
import type { SendOptions } from './send-options.js';

/** The engine for this run's queue, its clock started now. */
export function startEngine(o: SendOptions, p: Prepared, queue: Target[], senders: string[], intervalMs: number, state: LedgerState, timeText: (ms: number) => string, runId: string): EngineState {
  const now = Date.now();
  return createEngine(
    {
      items: queue.map((t) => ({ e164: t.e164, zone: t.zone, cb: t.callbackData })),
      senders,
      intervalMs,
      concurrency: Math.min(256, Math.max(1, Math.ceil((senders.length * 2000) / intervalMs))),
      cooldownMs: o.cooldownMs,
      noWait: o.noWait,
      retryUnknown: o.retryUnknown,
      limit: o.limit,
      budget: p.budget,
      window: p.window && { w: p.window, seed: p.seed },
      maxTransientRetries: 3,
      maxNotSent: 6,
      deadline: o.maxDurationMs === undefined ? undefined : now + o.maxDurationMs,
      cooldownCapAt: now + COOLDOWN_CAP_MS,
      graceMs: 800,
      drainMs: 15_000,
      batch: 2000,
      timeText,
      runId,
    },
    state,
    now,
  );
}
