// The engine with a shared store: a claim another worker won spends no pacing slot of this worker.
import { describe, expect, it } from 'vitest';
import { createEngine, step } from '../../src/core/campaign/engine.js';
import type { EngineAction } from '../../src/core/campaign/engine-types.js';
import { emptyState } from '../../src/core/campaign/ledger-state.js';
import { config, T0 } from './engine-sim.js';

const dispatched = (acts: EngineAction[]) => acts.filter((a): a is Extract<EngineAction, { t: 'dispatch' }> => a.t === 'dispatch').map((a) => a.item);

describe('engine: claims refused by a shared store', () => {
  it('hands the slot back: the next recipient goes at once instead of an interval later', () => {
    const st = createEngine(config(3, { intervalMs: 1000 }), emptyState(), T0);
    expect(dispatched(step(st, T0, { t: 'tick' }))).toEqual([0]);
    expect(dispatched(step(st, T0 + 10, { t: 'tick' }))).toEqual([]); // paced: the next slot is at T0 + 1000
    expect(dispatched(step(st, T0 + 20, { t: 'claimed-elsewhere', item: 0 }))).toEqual([1]);
    expect(st.inFlight.has(0)).toBe(false);
    // A claim that did go through keeps its slot: the one after waits for the interval.
    expect(dispatched(step(st, T0 + 30, { t: 'response', item: 1, ok: true, wamid: 'wamid.1' }))).toEqual([]);
    expect(dispatched(step(st, T0 + 1000, { t: 'tick' }))).toEqual([2]);
  });

  it('never hands back more than it took (a re-anchored schedule stays put)', () => {
    const st = createEngine(config(2, { intervalMs: 1000 }), emptyState(), T0);
    expect(dispatched(step(st, T0, { t: 'tick' }))).toEqual([0]);
    st.pacers[0].k = 0; // as after a cooldown re-anchored the schedule
    step(st, T0 + 5, { t: 'claimed-elsewhere', item: 0 });
    expect(st.pacers[0].k).toBeGreaterThanOrEqual(0);
  });
});
