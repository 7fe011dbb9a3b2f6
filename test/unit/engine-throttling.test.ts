// A gateway's bare 429 is throttling (wait, then send again), not an outage; a 503's Retry-After is believed.
import { describe, expect, it } from 'vitest';
import { replay, summarise } from '../../src/core/campaign/ledger-state.js';
import type { ErrorFacts } from '../../src/core/campaign/engine-types.js';
import { actionFor } from '../../src/core/graph/actions.js';
import { config, ok, simulate, T0 } from './engine-sim.js';

/** An HTTP status without a Graph error body, as the executor describes it (retryAfterMs from the headers, if any). */
function bare(status: number, retryAfterMs?: number): ErrorFacts {
  const rule = actionFor(undefined, status);
  return { code: `http-${status}`, action: rule.action, notSent: false, retryAfterMs: retryAfterMs ?? rule.waitMs, waitFromResponse: retryAfterMs !== undefined, message: `HTTP ${status}`, errorCode: 'graph-network', hint: rule.todo };
}

describe('engine: a bare HTTP 429 from a gateway', () => {
  it('waits as Retry-After asks and sends again: more 429s than the outage bound stop nothing, and nobody gets two messages', () => {
    let calls = 0;
    const r = simulate(config(3, { intervalMs: 50 }), (rcpt) => (++calls <= 10 ? bare(429, 2000) : ok(rcpt)));
    expect(r.stop.outcome).toBe('done');
    const s = summarise(replay(r.records), 'c', r.now);
    expect(s).toMatchObject({ sent: 3, failed: 0, unknown: 0, pending: 0 });
    // One message accepted per recipient: every earlier request was refused.
    expect(r.sends).toHaveLength(13);
    // Throttling is a cooldown of the Retry-After's length, with nothing sent during it.
    const cds = r.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until');
    expect(cds).toHaveLength(10);
    expect(cds.every((c) => c.code === 'http-429' && Date.parse(c.until) - Date.parse(c.at) === 2000)).toBe(true);
    for (const c of cds) expect(r.sends.some((x) => x.at > Date.parse(c.at) && x.at < Date.parse(c.until))).toBe(false);
  });

  it('without Retry-After waits a minute; under --no-wait pauses (exit 75 path) with the recipient pending', () => {
    const waited = simulate(config(1), (rcpt, nth) => (nth === 1 ? bare(429) : ok(rcpt)));
    expect(waited.sends[1].at - waited.sends[0].at).toBeGreaterThanOrEqual(60_000);
    const paused = simulate(config(2, { noWait: true }), () => bare(429, 30_000));
    expect(paused.stop.outcome).toBe('paused');
    expect(summarise(replay(paused.records), 'c', paused.now)).toMatchObject({ sent: 0, failed: 0, unknown: 0 });
  });
});

describe('engine: a 503 with Retry-After', () => {
  it('sends nothing before the time it asks (at most 5 minutes a try), and still stops after the bounded tries', () => {
    const r = simulate(config(5, { intervalMs: 100 }), (rcpt, _n, now) => (now < T0 + 50 ? ok(rcpt) : bare(503, 30_000)));
    expect(r.stop).toMatchObject({ outcome: 'aborted', code: 'api-unreachable', exit: 3 });
    const failedAt = r.sends.slice(1).map((x) => x.at);
    for (let i = 1; i < failedAt.length; i++) expect(failedAt[i] - failedAt[i - 1]).toBeGreaterThanOrEqual(30_000);
    const long = simulate(config(1), (rcpt, nth) => (nth === 1 ? bare(503, 3_600_000) : ok(rcpt)));
    expect(long.sends[1].at - long.sends[0].at - 300_000).toBeGreaterThanOrEqual(0);
    expect(long.sends[1].at - long.sends[0].at - 300_000).toBeLessThan(1000);
    expect(long.stop.outcome).toBe('done');
  });
});

describe('engine: a redirect instead of an answer', () => {
  it('stops the run at once with its own reason (never sent, so pending), not after six "unreachable" tries', () => {
    const redirect: ErrorFacts = { code: 'http-307', action: 'abort-run', notSent: true, waitFromResponse: false, message: 'the server answered with a redirect', errorCode: 'graph-network', hint: 'set WA_OPS_GRAPH_URL' };
    const r = simulate(config(3), () => redirect);
    expect(r.stop).toMatchObject({ outcome: 'aborted', code: 'graph-network', exit: 3, message: 'the server answered with a redirect' });
    expect(r.sends).toHaveLength(1);
    expect(summarise(replay(r.records), 'c', r.now)).toMatchObject({ failed: 0, unknown: 0 });
    expect(replay(r.records).recipients.get(r.sends[0].r)?.status).toBe('pending');
  });
});
