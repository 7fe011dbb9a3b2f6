import { describe, expect, it } from 'vitest';
import { isOpen, parseWindow } from '../../src/core/campaign/window.js';
import { replay, summarise } from '../../src/core/campaign/ledger-state.js';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { config, graphError, ok, refused, simulate, T0 } from './engine-sim.js';
import { remaining } from '../../src/core/campaign/engine.js';

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
const cooldowns = (recs: LedgerEvent[]) => recs.filter((e): e is Extract<LedgerEvent, { t: 'cooldown-until' }> => e.t === 'cooldown-until');

describe('engine: pacing', () => {
  it.each([
    { senders: ['s1'], interval: 1000, n: 6 },
    { senders: ['s1', 's2'], interval: 1000, n: 8 },
    { senders: ['s1', 's2', 's3'], interval: 250, n: 9 },
  ])('$senders.length sender(s) every $interval ms: anchored slots per sender, no bursts', ({ senders, interval, n }) => {
    const r = simulate(config(n, { senders, intervalMs: interval }), ok);
    expect(r.stop.outcome).toBe('done');
    expect(r.sends).toHaveLength(n);
    for (const s of senders) {
      const times = r.sends.filter((x) => x.sender === s).map((x) => x.at);
      expect(times).toHaveLength(n / senders.length);
      expect(gaps(times).every((g) => g === interval)).toBe(true);
    }
    expect(r.now - T0).toBeLessThan((n / senders.length) * interval + 100);
  });

  it('ends as soon as the last answer is in, without waiting for a pace slot nobody needs (also at --limit)', () => {
    const one = simulate(config(1, { intervalMs: 6000 }), ok, { latencyMs: 50 });
    expect(one.stop.outcome).toBe('done');
    expect(one.now - T0).toBeLessThan(1000);
    const limited = simulate(config(5, { intervalMs: 6000, limit: 2 }), ok, { latencyMs: 50 });
    expect(limited.sends).toHaveLength(2);
    expect(limited.now - T0).toBeLessThan(7000);
  });

  it('keeps the 6 s pair rule for an unknown attempt of moments ago retried (--retry-unknown)', () => {
    const at = new Date(T0 - 2000).toISOString();
    const r = simulate(config(2, { retryUnknown: true }), ok, { ledger: [{ t: 'attempt', r: '+491700000000', n: 1, sender: 's1', cb: 'x', at }] });
    const first = r.sends.find((s) => s.r === '+491700000000')!;
    expect(first.at).toBeGreaterThanOrEqual(T0 + 4000);
    expect(r.sends[0].r).toBe('+491700000001'); // the others do not wait for it
  });
});

describe('engine: pacing across runs', () => {
  const attempt = (r: string, sender: string, at: number): LedgerEvent => ({ t: 'attempt', r, n: 1, sender, cb: 'x', at: new Date(at).toISOString() });

  it('a run started right after another (Ctrl-C, kill -9) keeps each sender\'s pace from its latest attempt in the ledger', () => {
    const ledger = [attempt('+491709999001', 's1', T0 - 1000), attempt('+491709999002', 's2', T0 - 2500)];
    const r = simulate(config(4, { senders: ['s1', 's2'], intervalMs: 3000 }), ok, { ledger });
    const first = (s: string) => r.sends.find((x) => x.sender === s)!.at;
    expect(first('s1')).toBe(T0 + 2000);
    expect(first('s2')).toBe(T0 + 500);
  });

  it('a sender without attempts, or whose last one is long ago, starts at once; one from the future waits one interval at most', () => {
    expect(simulate(config(1, { intervalMs: 3000 }), ok, { ledger: [attempt('+491709999001', 's9', T0)] }).sends[0].at).toBe(T0);
    expect(simulate(config(1, { intervalMs: 3000 }), ok, { ledger: [attempt('+491709999001', 's1', T0 - 60_000)] }).sends[0].at).toBe(T0);
    expect(simulate(config(1, { intervalMs: 3000 }), ok, { ledger: [attempt('+491709999001', 's1', T0 + 86_400_000)] }).sends[0].at).toBe(T0 + 3000);
  });
});

describe('engine: shared stores', () => {
  it('skips a recipient that is no longer pending (another worker attempted it), unless --retry-unknown', () => {
    const at = new Date(T0 - 60_000).toISOString();
    const other = [{ t: 'attempt' as const, r: '+491700000000', n: 1, sender: 's9', cb: 'x', at }];
    expect(simulate(config(3), ok, { ledger: other }).sends.map((s) => s.r)).toEqual(['+491700000001', '+491700000002']);
    expect(simulate(config(3, { retryUnknown: true }), ok, { ledger: other }).sends).toHaveLength(3);
  });
});

describe('engine: opt-outs during the run', () => {
  const skip = (r: string, at: number) => ({ t: 'skipped' as const, r, line: 2, reason: 'suppressed: stop-word', at: new Date(at).toISOString() });

  it('skips a recipient who opted out after the run started and before it was sent, and records why; a sent one stays sent', () => {
    const cfg = config(5, { intervalMs: 1000 });
    const at = T0 + 1500; // items 0 and 1 are out by then
    const r = simulate(cfg, ok, { inputs: [{ at, input: { t: 'opt-outs', skips: [0, 3].map((item) => ({ item, event: skip(cfg.items[item].e164, at) })) } }] });
    expect(r.stop.outcome).toBe('done');
    expect(r.sends.map((s) => s.r)).toEqual([0, 1, 2, 4].map((i) => cfg.items[i].e164));
    expect(r.records.filter((e) => e.t === 'skipped').map((e) => e.r)).toEqual([cfg.items[3].e164]);
    expect(r.notices.some((n) => n.includes(`${cfg.items[3].e164} opted out during the run (stop-word)`))).toBe(true);
    const sum = summarise(r.ledger, 'c', 0);
    expect(sum).toMatchObject({ sent: 4, skipped: 1, pending: 0 });
    expect(remaining(r.engine!)).toBe(0);
  });

  it('leaves alone a recipient another worker already attempted, and an opt-out for a number not at that index', () => {
    const cfg = config(3, { intervalMs: 1000 });
    const other = [{ t: 'attempt' as const, r: cfg.items[2].e164, n: 1, sender: 's9', cb: 'x', at: new Date(T0 - 60_000).toISOString() }];
    const at = T0 + 500;
    const skips = [
      { item: 2, event: skip(cfg.items[2].e164, at) },
      { item: 1, event: skip('+4915112345678', at) },
    ];
    const r = simulate(cfg, ok, { ledger: other, inputs: [{ at, input: { t: 'opt-outs', skips } }] });
    expect(r.records.filter((e) => e.t === 'skipped')).toEqual([]);
    expect(r.sends.map((s) => s.r)).toEqual([cfg.items[0].e164, cfg.items[1].e164]);
  });
});

describe('engine: errors', () => {
  it('escalates repeated 130429 cooldowns within the hour (5, 10, 20 min) and re-sends the refused recipient after each', () => {
    let calls = 0;
    const r = simulate(config(4, { cooldownMs: 300_000 }), (rcpt) => (++calls <= 3 ? graphError(130429) : ok(rcpt)));
    const cds = cooldowns(r.records);
    expect(cds.map((c) => (Date.parse(c.until) - Date.parse(c.at)) / 60_000)).toEqual([5, 10, 20]);
    expect(cds.every((c) => c.sender === 's1' && c.code === 130429)).toBe(true);
    expect(r.stop.outcome).toBe('done');
    expect(summarise(replay(r.records), 'c', r.now)).toMatchObject({ sent: 4, failed: 0 });
    // nothing is sent during a cooldown
    for (const c of cds) expect(r.sends.some((s) => s.at > Date.parse(c.at) && s.at < Date.parse(c.until))).toBe(false);
  });

  it('--cooldown 0s still waits at least 1 s per throughput refusal (1, 2, 4 s), never retrying at once', () => {
    let calls = 0;
    const r = simulate(config(2, { cooldownMs: 0 }), (rcpt) => (++calls <= 3 ? graphError(130429) : ok(rcpt)));
    const cds = cooldowns(r.records);
    expect(cds.map((c) => Date.parse(c.until) - Date.parse(c.at))).toEqual([1000, 2000, 4000]);
    const tries = r.sends.filter((s) => s.r === '+491700000000').map((s) => s.at);
    expect(gaps(tries).every((g) => g >= 1000)).toBe(true);
    expect(r.stop.outcome).toBe('done');
    // Retry-After: 0 from a gateway is floored the same way
    const ra = simulate(config(1, { cooldownMs: 0 }), (rcpt, nth) => (nth === 1 ? graphError(130429, { action: 'retry-after', retryAfterMs: 0, waitFromResponse: true }) : ok(rcpt)));
    expect(cooldowns(ra.records).map((c) => Date.parse(c.until) - Date.parse(c.at))).toEqual([1000]);
  });

  it('retries a temporary failure with backoff, then leaves the recipient pending (never burnt)', () => {
    const r = simulate(config(3), (rcpt) => (rcpt === '+491700000001' ? graphError(131000) : ok(rcpt)));
    expect(r.sends.filter((s) => s.r === '+491700000001')).toHaveLength(4);
    expect(r.records.some((e) => e.t === 'failed')).toBe(false);
    const s = summarise(replay(r.records), 'c', r.now);
    expect(s).toMatchObject({ sent: 2, failed: 0, unknown: 0 });
    expect(r.notices.some((n) => /left pending for the next run/.test(n))).toBe(true);
  });

  it('backs off 131056 (pair rate limit) by at least 6 s, then 4^x s', () => {
    const r = simulate(config(1), (rcpt, nth) => (nth <= 3 ? graphError(131056) : ok(rcpt)));
    const times = r.sends.map((s) => s.at);
    expect(times).toHaveLength(4);
    const g = gaps(times);
    expect(g[0]).toBeGreaterThanOrEqual(6000);
    expect(g[1]).toBeGreaterThanOrEqual(6000);
    expect(g[2]).toBeGreaterThanOrEqual(16_000);
    expect(r.stop.outcome).toBe('done');
  });

  it('marks only recipient-specific refusals failed and stops at a run-level one with the recipient pending', () => {
    const r = simulate(config(3), (rcpt) => (rcpt.endsWith('0') ? graphError(131026) : rcpt.endsWith('1') ? graphError(190) : ok(rcpt)));
    expect(r.stop).toMatchObject({ outcome: 'aborted', code: 'graph-190', exit: 3 });
    const s = summarise(replay(r.records), 'c', r.now);
    expect(s).toMatchObject({ failed: 1, failures: { '131026': 1 } });
    expect(replay(r.records).recipients.get('+491700000001')?.status).toBe('pending');
  });

  it('stops an outage with "API unreachable after N tries" within about a minute, nobody failed or unknown', () => {
    const r = simulate(config(50, { intervalMs: 100 }), (rcpt, _n, now) => (now < T0 + 1500 ? ok(rcpt) : refused));
    expect(r.stop).toMatchObject({ outcome: 'aborted', code: 'api-unreachable', exit: 3 });
    expect(r.stop.message).toMatch(/API unreachable after 6 tries/);
    expect(r.now - (T0 + 1500)).toBeLessThan(60_000);
    const s = summarise(replay(r.records), 'c', r.now);
    expect(s.failed + s.unknown).toBe(0);
    expect(s.sent).toBeGreaterThan(10);
  });

  it('counts one burst of failures of requests already in flight as one try', () => {
    const r = simulate(config(40, { intervalMs: 1, concurrency: 64 }), (rcpt, _n, now) => (now < T0 + 20 ? ok(rcpt) : refused), { latencyMs: 30 });
    expect(r.stop.code).toBe('api-unreachable');
    expect(r.now - T0).toBeGreaterThan(10_000); // backoffs between tries, not 40 failures at once
  });
});

describe('engine: budget, limit, deadline, signals', () => {
  it('pauses at the daily budget and resumes when the oldest first attempt leaves the 24 h window', () => {
    const budget = { limit: 4, warnAt: 2, pauseAt: 3, source: 'dailyLimit' };
    const paused = simulate(config(5, { budget, noWait: true }), ok);
    expect(paused.stop).toMatchObject({ outcome: 'paused', code: 'budget', until: paused.sends[0].at + 86_400_000 });
    expect(paused.sends).toHaveLength(3);
    // Worked out from the attempts and this run's options, never stored: a raised limit lifts it at once.
    expect(cooldowns(paused.records)).toEqual([]);
    expect(paused.notices.some((n) => /warning: 2 of 4/.test(n))).toBe(true);
    const raised = simulate(config(5, { budget: { ...budget, limit: 10, pauseAt: 10 }, noWait: true }), ok, { ledger: paused.records, start: paused.now + 1000 });
    expect(raised.stop.outcome).toBe('done');
    expect(raised.sends.map((x) => x.r)).toEqual(['+491700000003', '+491700000004']);
    const waited = simulate(config(5, { budget }), ok);
    expect(waited.sends).toHaveLength(5);
    expect(waited.sends[3].at).toBeGreaterThanOrEqual(T0 + 86_400_000);
  });

  it('says the end of a budget pause with the time formatter it is given (local time for people), never a bare ISO time', () => {
    const budget = { limit: 4, warnAt: 2, pauseAt: 3, source: 'dailyLimit' };
    for (const noWait of [true, false]) {
      const r = simulate(config(5, { budget, noWait, timeText: (ms) => `LOCAL(${ms})` }), ok, { maxSteps: 200 });
      const line = r.notices.find((n) => n.startsWith('daily budget reached'));
      expect(line).toBe(`daily budget reached: 3 of 4 unique recipients in the last 24 h (dailyLimit); ${noWait ? 'pausing' : 'waiting'} until LOCAL(${r.sends[0].at + 86_400_000})`);
    }
  });

  it('--limit counts recipients, not requests: a 130429 retry does not use up the limit', () => {
    const r = simulate(config(10, { limit: 3, cooldownMs: 60_000 }), (rcpt, nth) => (rcpt.endsWith('0') && nth === 1 ? graphError(130429) : ok(rcpt)));
    expect(new Set(r.sends.map((s) => s.r)).size).toBe(3);
    expect(r.stop.outcome).toBe('done');
    expect(r.records.filter((e) => e.t === 'sent')).toHaveLength(3);
  });

  it('stops at --max-duration, paused, with the rest pending', () => {
    const r = simulate(config(20, { deadline: T0 + 5500 }), ok);
    expect(r.stop).toMatchObject({ outcome: 'paused', code: 'max-duration' });
    expect(r.sends.length).toBe(6);
  });

  it('a signal stops within the grace time, leaving everyone not yet sent pending', () => {
    const r = simulate(config(10), ok, { signalAt: T0 + 3500 });
    expect(r.stop).toMatchObject({ outcome: 'interrupted', signal: 'SIGINT' });
    expect(r.now - (T0 + 3500)).toBeLessThanOrEqual(1000);
    const s = summarise(replay(r.records), 'c', r.now);
    expect(s).toMatchObject({ sent: 4, failed: 0, unknown: 0 });
    expect(s.total - s.sent).toBe(0 + (10 - 4) - (10 - 4) + (s.total - 4));
  });

  it('a signal during a cooldown wait ends the wait at once', () => {
    const r = simulate(config(3), (rcpt, nth) => (nth === 1 && rcpt.endsWith('0') ? graphError(130429) : ok(rcpt)), { signalAt: T0 + 60_000 });
    expect(r.stop.outcome).toBe('interrupted');
    expect(r.now).toBeLessThanOrEqual(T0 + 61_000);
  });

  it('honours no cooldown past the cap (a damaged ledger saying 9999)', () => {
    const far = { t: 'cooldown-until' as const, until: '9999-01-01T00:00:00.000Z', code: 130429, reason: 'x', at: new Date(T0).toISOString() };
    const r = simulate(config(2, { cooldownCapAt: T0 + 3600_000 }), ok, { ledger: [far] });
    expect(r.sends[0].at).toBe(T0 + 3600_000);
  });
});

describe('engine: progress', () => {
  const trace = (cfg: Parameters<typeof simulate>[0], answer: Parameters<typeof simulate>[1], ledger?: LedgerEvent[]) => {
    const seen: number[] = [];
    const r = simulate(cfg, answer, { ledger, observe: (st) => seen.push(remaining(st)) });
    return { r, seen };
  };
  it.each([
    { name: 'retries, cooldowns and backoffs', cfg: config(12, { concurrency: 4, intervalMs: 100 }), limit: undefined },
    { name: 'a --limit below the list', cfg: config(12, { limit: 5, intervalMs: 100 }), limit: 5 },
    { name: 'a --limit above the list', cfg: config(4, { limit: 9, intervalMs: 100 }), limit: 9 },
  ])('"remaining" never goes up and starts at what --limit allows: $name', ({ cfg, limit }) => {
    const answer = (rcpt: string, nth: number) => (rcpt.endsWith('1') && nth <= 2 ? graphError(131000) : rcpt.endsWith('2') && nth === 1 ? graphError(130429) : rcpt.endsWith('3') && nth <= 2 ? graphError(131056) : rcpt.endsWith('4') && nth === 1 ? refused : ok(rcpt));
    const { r, seen } = trace({ ...cfg, cooldownMs: 60_000 }, answer);
    expect(r.stop.outcome).toBe('done');
    expect(seen[0]).toBe(Math.min(cfg.items.length, limit ?? Infinity));
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThanOrEqual(seen[i - 1]);
    expect(remaining(r.engine!)).toBe(0);
  });

  it('"remaining" passes over recipients another worker already took', () => {
    const at = new Date(T0 - 60_000).toISOString();
    const { r, seen } = trace(config(3), ok, [{ t: 'attempt', r: '+491700000000', n: 1, sender: 's9', cb: 'x', at }]);
    expect(seen[0]).toBe(2);
    expect(remaining(r.engine!)).toBe(0);
  });
});

describe('engine: send windows', () => {
  const berlin = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(ms);

  it.each([
    { name: 'overnight to the next morning across the DST change', from: '09:00', to: '20:00', start: '2026-03-28T19:30:00Z', first: /29\/03\/2026, 09:0\d/ },
    { name: 'a window shorter than 15 minutes', from: '10:05', to: '10:12', start: '2026-03-28T08:00:00Z', first: /28\/03\/2026, 10:0\d/ },
    { name: 'the autumn DST change', from: '02:10', to: '02:40', start: '2026-10-24T23:00:00Z', first: /25\/10\/2026, 02:1\d/ },
  ])('$name', ({ from, to, start, first }) => {
    const w = parseWindow({ from, to });
    const r = simulate(config(3, { window: { w, seed: 7 }, intervalMs: 60_000 }), ok, { start: Date.parse(start) });
    expect(r.stop.outcome).toBe('done');
    expect(berlin(r.sends[0].at)).toMatch(first);
    for (const s of r.sends) expect(isOpen(w, s.at, 'Europe/Berlin', 7)).toBe(true);
  });

  it('40,000 recipients outside their window pause at once (linear, not quadratic)', () => {
    const w = parseWindow({ from: '03:00', to: '04:00' });
    const t = performance.now();
    const r = simulate(config(40_000, { window: { w, seed: 1 }, noWait: true, batch: 5000 }), ok);
    const ms = performance.now() - t;
    expect(r.stop).toMatchObject({ outcome: 'paused', code: 'window', message: expect.stringMatching(/outside the send window 03:00-04:00/) });
    expect(r.sends).toHaveLength(0);
    expect(ms).toBeLessThan(1000);
  });

  it('a window wait binds no later run: nothing is stored, and a run without the window sends at once', () => {
    const w = parseWindow({ from: '03:00', to: '04:00' });
    const paused = simulate(config(3, { window: { w, seed: 1 }, noWait: true }), ok);
    expect(paused.stop.outcome).toBe('paused');
    expect(cooldowns(paused.records)).toEqual([]);
    const off = simulate(config(3, { noWait: true }), ok, { ledger: paused.records, start: paused.now + 1000 });
    expect(off.stop.outcome).toBe('done');
    expect(off.sends).toHaveLength(3);
  });

  it('ignores window and budget waits that older versions stored as cooldowns; API cooldowns still bind', () => {
    const at = new Date(T0).toISOString();
    const until = new Date(T0 + 3600_000).toISOString();
    const stored = (code: number | string) => [{ t: 'cooldown-until' as const, until, code, reason: 'x', at }];
    expect(simulate(config(1, { noWait: true }), ok, { ledger: stored('waiting') }).sends).toHaveLength(1);
    expect(simulate(config(1, { noWait: true }), ok, { ledger: stored('budget') }).sends).toHaveLength(1);
    const api = simulate(config(1, { noWait: true }), ok, { ledger: stored(130429) });
    expect(api.sends).toHaveLength(0);
    expect(api.stop).toMatchObject({ outcome: 'paused', until: T0 + 3600_000 });
  });
});

describe('ledger state: one precedence whatever the order', () => {
  const at = '2026-11-25T10:00:00.000Z';
  const header: LedgerEvent = { t: 'header', v: 1, campaign: 'c', campaignId: 'c-1', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at };
  const attempt: LedgerEvent = { t: 'attempt', r: '+491', n: 1, sender: 'p', cb: 'x', at };
  const sent: LedgerEvent = { t: 'sent', r: '+491', wamid: 'w1', at };
  const st = (status: string, ts = '1767225600'): LedgerEvent => ({ t: 'status', r: '+491', wamid: 'w1', status, ts, code: status === 'failed' ? 131047 : undefined, at });
  it.each([
    { order: [attempt, st('failed'), sent], state: 'failed' },
    { order: [attempt, sent, st('failed')], state: 'failed' },
    { order: [attempt, st('failed'), st('delivered')], state: 'delivered' },
    { order: [attempt, st('read'), st('delivered'), sent], state: 'read' },
    { order: [attempt, st('delivered')], state: 'delivered' },
    { order: [attempt], state: 'unknown' },
    { order: [attempt, { t: 'retry-at', r: '+491', until: at, code: 'network', at } as LedgerEvent], state: 'pending' },
  ])('$state after $order.length events', ({ order, state }) => {
    const s = replay([header, ...order]);
    expect(s.recipients.get('+491')?.status).toBe(state);
    const sum = summarise(s, 'c', Date.parse(at));
    expect(sum.sent + sum.failed + sum.pending + sum.unknown + sum.skipped).toBe(sum.total);
    expect(sum.read).toBeLessThanOrEqual(sum.delivered);
    expect(sum.delivered).toBeLessThanOrEqual(sum.sent);
  });
});
