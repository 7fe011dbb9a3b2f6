// The executor with a writer whose store goes away: outcomes that could not be stored never end a run "done" (exit 0),
// and an interrupted run stops waiting for the store at once.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/campaign/engine.js';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { emptyState } from '../../src/core/campaign/ledger-state.js';
import { execute } from '../../src/io/campaign/executor.js';
import { lostStop } from '../../src/core/campaign/engine-primitives.js';
import { SignalWatch } from '../../src/io/signals.js';
import type { LedgerWriter } from '../../src/io/store/types.js';
import { config } from './engine-sim.js';

/**
 * An in-memory writer whose store can be switched off: then every write fails (or, with `retrying`, waits as the real
 * writer does while it reconnects, until abandon() gives up), and lost() says so once `gone`.
 */
function fakeWriter() {
  const stored: LedgerEvent[] = [];
  const w = {
    down: false,
    gone: false,
    retrying: false,
    abandoned: false,
    stored,
    writer: undefined as unknown as LedgerWriter,
  };
  const pending = new Set<Promise<void>>();
  let giveUp: () => void = () => undefined;
  const abandoned = new Promise<void>((r) => (giveUp = r));
  const write = (e: LedgerEvent) => {
    // Whether the store is there is decided when the write is issued: a slow machine must not turn an earlier write into a failed one.
    const down = w.down;
    const p = (async () => {
      await new Promise((r) => setTimeout(r, 1));
      if (down && w.retrying) await abandoned;
      if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      stored.push(e);
    })();
    pending.add(p);
    void p.catch(() => undefined).finally(() => pending.delete(p));
    return p;
  };
  w.writer = {
    location: 'memory',
    header: async () => undefined,
    replay: async () => ({ events: 0, tornBytes: 0 }),
    append: write,
    claim: async (a) => {
      await write(a);
      return true;
    },
    poll: async () => [],
    drain: async () => {
      await Promise.allSettled([...pending]);
    },
    lost: () => (w.gone ? 'the store at memory stayed unreachable for 60 s' : undefined),
    abandon: () => {
      w.abandoned = true;
      giveUp();
    },
    stats: { events: 0, commits: 0 },
    close: async () => undefined,
  };
  return w;
}

let signals: SignalWatch | undefined;
afterEach(() => signals?.dispose());

describe('execute with a store that goes away', () => {
  it('the last outcomes not stored: the run ends "lost" (exit 75), not "done"', async () => {
    const w = fakeWriter();
    signals = new SignalWatch();
    const engine = createEngine(config(3, { intervalMs: 5 }), emptyState(), Date.now());
    let n = 0;
    const stop = await execute({
      engine,
      writer: w.writer,
      signals,
      send: async (i) => {
        // The store goes away for good while the last request is on its way: its "sent" cannot be stored.
        if (++n === 3) [w.down, w.gone] = [true, true];
        return `wamid.${i}`;
      },
    });
    expect(engine.thisRun.sent).toBe(3);
    expect(w.stored.filter((e) => e.t === 'sent')).toHaveLength(2);
    expect(stop).toMatchObject({ outcome: 'aborted', code: 'ledger-lock-lost', exit: 75 });
    expect(stop.message).toMatch(/stayed unreachable/);
    // What to do about a store out of reach, not about another process holding a lock.
    expect(stop.hint).toMatch(/once the store is reachable again/);
    expect(lostStop('the lock /srv/store/c.ledger.jsonl.lock was deleted').hint).toMatch(/another process/);
  });

  it('the last outcome failing to be written (a full disk, the writer still ours): the run does not end "done"', async () => {
    const w = fakeWriter();
    signals = new SignalWatch();
    const engine = createEngine(config(3, { intervalMs: 5 }), emptyState(), Date.now());
    let n = 0;
    const stop = await execute({
      engine,
      writer: w.writer,
      signals,
      send: async (i) => {
        if (++n === 3) w.down = true;
        return `wamid.${i}`;
      },
    });
    expect(w.stored.filter((e) => e.t === 'sent')).toHaveLength(2);
    expect(stop).toMatchObject({ outcome: 'aborted', code: 'ledger-write-failed' });
  });

  it('a run that stored everything ends "done"', async () => {
    const w = fakeWriter();
    signals = new SignalWatch();
    const engine = createEngine(config(3, { intervalMs: 5 }), emptyState(), Date.now());
    const stop = await execute({ engine, writer: w.writer, signals, send: async (i) => `wamid.${i}` });
    expect(stop.outcome).toBe('done');
    expect(w.stored.filter((e) => e.t === 'sent')).toHaveLength(3);
    expect(w.abandoned).toBe(false);
  });

  it('Ctrl-C: the writer is told to stop waiting for its store', async () => {
    const w = fakeWriter();
    signals = new SignalWatch();
    const engine = createEngine(config(50, { intervalMs: 20 }), emptyState(), Date.now());
    const s = signals;
    // The store goes away (writes wait while the writer reconnects), then the operator presses Ctrl-C.
    setTimeout(() => {
      [w.down, w.retrying] = [true, true];
      setTimeout(() => s.fire('SIGINT'), 20);
    }, 100);
    const stop = await execute({ engine, writer: w.writer, signals, send: async (i) => `wamid.${i}` });
    expect(stop.outcome).toBe('interrupted');
    expect(w.abandoned).toBe(true);
  });
});
