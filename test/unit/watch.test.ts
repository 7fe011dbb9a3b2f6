import { describe, expect, it } from 'vitest';
import { watchFigures } from '../../src/core/campaign/watch-figures.js';
import { createLiveView } from '../../src/ui/live-view.js';

describe('status --watch figures', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const at = (secondsAgo: number) => now - secondsAgo * 1000;
  const iso = (secondsAgo: number) => new Date(at(secondsAgo)).toISOString();
  it('rate over the last minute, ETA for what is pending, newest failures first', () => {
    const recipients = [
      ...Array.from({ length: 30 }, (_, i) => ({ r: `+49170000${i}`, status: 'sent', sentAt: at(i) })),
      { r: '+491700001', status: 'delivered', sentAt: at(120) },
      { r: '+491700002', status: 'failed', code: 131026, details: 'undeliverable', lastAttemptAt: at(50) },
      { r: 'line:7', status: 'failed', code: 132018, firstAttemptAt: at(10) },
    ];
    const f = watchFigures(recipients, 60, now);
    expect(f.ratePerSec).toBe(0.5);
    expect(f.etaMs).toBe(120_000);
    expect(f.latestFailures).toEqual([
      { recipient: '', code: '132018', details: '', at: iso(10) },
      { recipient: '+491700002', code: '131026', details: 'undeliverable', at: iso(50) },
    ]);
  });
  it('no ETA when nothing moves or nothing is left', () => {
    expect(watchFigures([{ r: '+1', status: 'sent', sentAt: at(600) }], 5, now).etaMs).toBeNull();
    expect(watchFigures([{ r: '+1', status: 'sent', sentAt: at(1) }], 0, now).etaMs).toBeNull();
  });
});

describe('live view', () => {
  it('erases the previous frame on a terminal, appends elsewhere', () => {
    const chunks: string[] = [];
    const stream = { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream;
    const tty = createLiveView(stream, true);
    tty.update('a\nb');
    tty.update('c');
    expect(chunks).toEqual(['a\nb\n', '\x1b[2A\x1b[0Jc\n']);
    const narrow = createLiveView({ write: (s: string) => chunks.push(s), columns: 4 } as unknown as NodeJS.WriteStream, true);
    chunks.length = 0;
    narrow.update('\x1b[1mabcdef\x1b[22m\nxy');
    narrow.update('z');
    expect(chunks[1]).toBe('\x1b[3A\x1b[0Jz\n');
    chunks.length = 0;
    const pipe = createLiveView(stream, false);
    pipe.update('a\nb');
    pipe.update('c');
    expect(chunks).toEqual(['a\nb\n', 'c\n']);
  });
});

import { campaignPhase } from '../../src/core/campaign/overview.js';

describe('campaign phase', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const base = { events: 10, lockHeld: false, cooldownUntil: null, lastRun: { ended: 'done' }, pending: 0 };
  it('reads the ledger facts in order: lock, cooldown, last run', () => {
    expect(campaignPhase({ ...base, events: 0, lastRun: undefined }, now)).toBe('not started');
    expect(campaignPhase({ ...base, lockHeld: true }, now)).toBe('running');
    expect(campaignPhase({ ...base, cooldownUntil: '2026-12-01T12:05:00Z', lastRun: { ended: 'paused' } }, now)).toBe('paused');
    expect(campaignPhase({ ...base, cooldownUntil: '2026-12-01T11:55:00Z' }, now)).toBe('done');
    expect(campaignPhase({ ...base, pending: 3 }, now)).toBe('stopped');
    expect(campaignPhase({ ...base, lastRun: {} }, now)).toBe('stopped');
    expect(campaignPhase({ ...base, lastRun: { ended: 'aborted' } }, now)).toBe('aborted');
  });

  it('is "paused" only while the wait the last run paused at is in force now; afterwards "stopped" (send resumes it)', () => {
    const cooldownOver = { ...base, pending: 4, cooldownUntil: null, lastRun: { ended: 'paused', until: '2026-12-01T11:59:58Z' } };
    expect(campaignPhase(cooldownOver, now)).toBe('stopped');
    // The same facts a moment before the end: paused (a pure function of the facts and the time).
    expect(campaignPhase(cooldownOver, Date.parse('2026-12-01T11:59:57Z'))).toBe('paused');
    // A daily-budget or window pause is not a stored cooldown: its end comes from the run's end event.
    expect(campaignPhase({ ...base, pending: 4, lastRun: { ended: 'paused', until: '2026-12-02T09:00:00Z' } }, now)).toBe('paused');
    // A cooldown still in force wins over any end; a pause with no end (--max-duration, an older ledger) is stopped.
    expect(campaignPhase({ ...cooldownOver, cooldownUntil: '2026-12-01T12:00:01Z' }, now)).toBe('paused');
    expect(campaignPhase({ ...base, pending: 4, lastRun: { ended: 'paused' } }, now)).toBe('stopped');
  });
});
