// The engine with a shared store: a claim another worker won spends no pacing slot of this worker.
import { describe, expect, it } from 'vitest';
import { createEngine, remaining, step } from '../../src/core/campaign/engine.js';
import { limitUsed } from '../../src/core/campaign/engine-schedule.js';
import type { EngineAction } from '../../src/core/campaign/engine-types.js';
import { emptyState } from '../../src/core/campaign/ledger-state.js';
import { summarise } from '../../src/core/campaign/campaign-summary.js';
import { config, ok, simulate, T0 } from './engine-sim.js';

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
    // The schedule restarts at the hand-back (T0 + 20): the next real send comes a whole interval after item 1's.
    expect(dispatched(step(st, T0 + 1000, { t: 'tick' }))).toEqual([]);
    expect(dispatched(step(st, T0 + 1020, { t: 'tick' }))).toEqual([2]);
  });

  it('gives back only the latest slot: an earlier one would be taken twice', () => {
    const st = createEngine(config(4, { intervalMs: 1000 }), emptyState(), T0);
    expect(dispatched(step(st, T0, { t: 'tick' }))).toEqual([0]);
    expect(dispatched(step(st, T0 + 1000, { t: 'tick' }))).toEqual([1]);
    // Item 0 (slot 0) is refused after item 1 took slot 1: handing slot 0 back would send item 2 now, at T0 + 1500.
    expect(dispatched(step(st, T0 + 1500, { t: 'claimed-elsewhere', item: 0 }))).toEqual([]);
    expect(dispatched(step(st, T0 + 2000, { t: 'tick' }))).toEqual([2]);
  });

  it('never hands back more than it took (a re-anchored schedule stays put)', () => {
    const st = createEngine(config(2, { intervalMs: 1000 }), emptyState(), T0);
    expect(dispatched(step(st, T0, { t: 'tick' }))).toEqual([0]);
    st.pacers[0].k = 0; // as after a cooldown re-anchored the schedule
    step(st, T0 + 5, { t: 'claimed-elsewhere', item: 0 });
    expect(st.pacers[0].k).toBeGreaterThanOrEqual(0);
  });
});

describe('engine: a claim that never reached the store', () => {
  it('is pending in the run\'s own view (as in the store); a claim another worker holds stays as that worker left it', () => {
    const st = createEngine(config(3, { intervalMs: 1000 }), emptyState(), T0);
    expect(dispatched(step(st, T0, { t: 'tick' }))).toEqual([0]);
    expect(dispatched(step(st, T0 + 1000, { t: 'tick' }))).toEqual([1]);
    expect(summarise(st.ledger, 'c', T0 + 1000)).toMatchObject({ unknown: 2, pending: 0 });
    step(st, T0 + 1100, { t: 'claimed-elsewhere', item: 0, notStored: true });
    step(st, T0 + 1200, { t: 'claimed-elsewhere', item: 1 });
    const [a, b] = config(3).items.map((x) => st.ledger.recipients.get(x.e164));
    expect(a).toMatchObject({ status: 'pending', open: false });
    expect(b).toMatchObject({ status: 'unknown' });
    expect(st.released).toBe(2);
  });

  it('after the stop too (a claim given up once the store was lost)', () => {
    const st = createEngine(config(2, { intervalMs: 1000 }), emptyState(), T0);
    step(st, T0, { t: 'tick' });
    step(st, T0 + 10, { t: 'lost', reason: 'the store stayed unreachable for 60 s' });
    expect(st.stopped).toBe(true);
    step(st, T0 + 30, { t: 'claimed-elsewhere', item: 0, notStored: true });
    expect(summarise(st.ledger, 'c', T0 + 30)).toMatchObject({ unknown: 0, pending: 1 });
  });
});

/** A small seeded generator, so that a failing case can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('engine: --limit with claims refused by a shared store', () => {
  it('a worker told --limit 5 sends 5 messages itself: refused claims do not count', () => {
    const refusedOnce = new Set(['+491700000000', '+491700000002', '+491700000003', '+491700000007']);
    const remainingSeen: number[] = [];
    const res = simulate(config(20, { limit: 5, intervalMs: 1000 }), ok, {
      refuse: (r) => refusedOnce.has(r),
      observe: (st) => remainingSeen.push(remaining(st)),
    });
    expect(res.stop.outcome).toBe('done');
    expect(res.sends).toHaveLength(5);
    expect(res.refused.map((x) => x.r)).toEqual([...refusedOnce]);
    expect(res.engine!.released).toBe(4);
    expect(limitUsed(res.engine!)).toBe(5);
    // The progress line's "remaining" only ever goes down, and ends at 0.
    expect(remainingSeen.every((v, i) => i === 0 || v <= remainingSeen[i - 1])).toBe(true);
    expect(remaining(res.engine!)).toBe(0);
  });

  it('stops at the limit once enough claims went through, even when every other claim is refused', () => {
    const res = simulate(config(30, { limit: 7, intervalMs: 500 }), ok, { refuse: (r) => Number(r.slice(-2)) % 2 === 0, latency: () => 1700 });
    expect(res.stop.outcome).toBe('done');
    expect(res.sends).toHaveLength(7);
    expect(new Set(res.sends.map((x) => x.r)).size).toBe(7);
  });

  it('without a limit, the refused ones count for nothing either', () => {
    const res = simulate(config(10, { intervalMs: 1000 }), ok, { refuse: (r) => r.endsWith('5') });
    expect(res.sends).toHaveLength(9);
    expect(res.engine!.released).toBe(1);
    expect(remaining(res.engine!)).toBe(0);
  });
});

describe('engine: pace slots handed back never bring two real sends of a sender closer than the interval', () => {
  for (const seed of [1, 2, 3, 7, 42, 99, 1234, 2026]) {
    it(`random refusals and latencies (seed ${seed})`, () => {
      const rand = rng(seed);
      const interval = 1000;
      const res = simulate(config(120, { intervalMs: interval, senders: ['s1', 's2'], concurrency: 64 }), ok, {
        refuse: () => rand() < 0.45,
        latency: () => Math.floor(rand() * 3500),
      });
      expect(res.stop.outcome).toBe('done');
      expect(res.refused.length).toBeGreaterThan(20);
      for (const sender of ['s1', 's2']) {
        const times = res.sends.filter((x) => x.sender === sender).map((x) => x.at);
        for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1], `${sender} sends ${i - 1} and ${i}`).toBeGreaterThanOrEqual(interval);
      }
      // Everyone was either sent or refused (claimed by another worker): nobody lost, nobody twice.
      expect(new Set([...res.sends, ...res.refused].map((x) => x.r)).size).toBe(120);
      expect(res.sends.length + res.refused.length).toBe(120);
    });
  }
});

describe('engine: a sender held back by the requests in flight never sends two messages closer than the interval', () => {
  for (const seed of [5, 11, 2026]) {
    it(`slow answers fill the limit, then free it in bursts (seed ${seed})`, () => {
      const rand = rng(seed);
      const interval = 1000;
      // Two requests in flight at most, answers taking up to 4.5 intervals: slots are often taken late.
      const res = simulate(config(60, { intervalMs: interval, concurrency: 2 }), ok, { latency: () => Math.floor(rand() * 4500) });
      expect(res.stop.outcome).toBe('done');
      expect(res.sends).toHaveLength(60);
      const times = res.sends.map((x) => x.at);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1], `sends ${i - 1} and ${i}`).toBeGreaterThanOrEqual(interval);
    });
  }
});

describe('engine: claims given up when the run stops', () => {
  it('a claim abandoned after the stop still counts as nothing sent (what is left of --limit stays right)', () => {
    const st = createEngine(config(10, { intervalMs: 100, limit: 4 }), emptyState(), T0);
    expect(dispatched(step(st, T0, { t: 'tick' }))).toEqual([0]);
    expect(dispatched(step(st, T0 + 100, { t: 'tick' }))).toEqual([1]);
    step(st, T0 + 150, { t: 'response', item: 0, ok: true, wamid: 'wamid.0' });
    const stop = step(st, T0 + 160, { t: 'signal', signal: 'SIGINT' });
    expect(stop.some((a) => a.t === 'stop')).toBe(false); // item 1 is still in flight: the stop waits for it (grace)
    expect(step(st, T0 + 2000, { t: 'tick' }).some((a) => a.t === 'stop')).toBe(true);
    expect(limitUsed(st)).toBe(2);
    // Its claim is given up (nothing stored, nothing sent) after the stop: the engine decides nothing more, but counts it.
    expect(step(st, T0 + 2010, { t: 'claimed-elsewhere', item: 1 })).toEqual([]);
    expect(limitUsed(st)).toBe(1);
    expect(st.inFlight.size).toBe(0);
  });
});
