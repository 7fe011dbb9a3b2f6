import { describe, expect, it } from 'vitest';
import { afterSyncOnThisThread, FIRST_PROBE_MS, MAX_PROBE_MS, SLOW_SYNC_MS, START_POLICY, syncOnThisThread, type SyncPolicy } from '../../src/core/webhook/sync-policy.js';

describe('sync policy: where the events file is synced', () => {
  it('starts on the receiver thread and stays there while syncs are fast', () => {
    let p = START_POLICY;
    for (let t = 0; t < 10_000; t += 100) {
      expect(syncOnThisThread(p, t)).toBe(true);
      p = afterSyncOnThisThread(p, SLOW_SYNC_MS, t);
    }
    expect(p.onPool).toBe(false);
  });

  it('a slow sync moves syncs to the thread pool until the first wait is over, then tries this thread once', () => {
    const p = afterSyncOnThisThread(START_POLICY, SLOW_SYNC_MS + 0.1, 5_000);
    expect(p.onPool).toBe(true);
    expect(syncOnThisThread(p, 5_001)).toBe(false);
    expect(syncOnThisThread(p, 5_000 + FIRST_PROBE_MS - 1)).toBe(false);
    expect(syncOnThisThread(p, 5_000 + FIRST_PROBE_MS)).toBe(true);
    // The try was fast: back to this thread for good.
    const back = afterSyncOnThisThread(p, 1, 5_000 + FIRST_PROBE_MS);
    expect(back.onPool).toBe(false);
    expect(syncOnThisThread(back, 5_000 + FIRST_PROBE_MS + 1)).toBe(true);
  });

  it('each slow try doubles the wait, up to the longest; a fast one resets it', () => {
    let p: SyncPolicy = afterSyncOnThisThread(START_POLICY, 50, 0);
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      now += p.wait;
      expect(syncOnThisThread(p, now - 1)).toBe(false);
      expect(syncOnThisThread(p, now)).toBe(true);
      p = afterSyncOnThisThread(p, 50, now);
      waits.push(p.wait);
    }
    expect(waits.slice(0, 4)).toEqual([2 * FIRST_PROBE_MS, 4 * FIRST_PROBE_MS, 8 * FIRST_PROBE_MS, 16 * FIRST_PROBE_MS]);
    expect(Math.max(...waits)).toBe(MAX_PROBE_MS);
    p = afterSyncOnThisThread(p, 0.2, now + p.wait);
    expect(p).toEqual({ onPool: false, since: now + MAX_PROBE_MS, wait: FIRST_PROBE_MS });
  });
});
