// A worker's group commit when the PostgreSQL connection drops: waited out with backoff (fake clock), claims whose commit
// is in doubt looked up instead of lost or doubled, and a store down past the bound reported (the run then stops, exit 75).
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/io/store/pg/batcher.js';
import { ClaimNotStoredError } from '../../src/io/store/claim-not-stored.js';
import { backoffMs, StoreOutage } from '../../src/io/store/pg/outage.js';
import type { BatchOp, OpResult } from '../../src/io/store/pg/tables/record-ops.js';

const dropped = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
const refusedConn = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const claim = (r: string): BatchOp => ({ op: 'claim', e: { t: 'attempt', r, n: 1, sender: 's1', cb: '', at: `2026-03-28T08:00:00.000Z` } });
const append = (r: string): BatchOp => ({ op: 'append', e: { t: 'sent', r, wamid: `wamid.${r}`, at: '2026-03-28T08:00:01.000Z' } });

/** A fake clock that sleeping advances, and a store that fails the first `failures` writes the given way. */
function harness(o: { failures: (() => Error)[]; committedBeforeDrop?: boolean; boundMs?: number; checkDown?: boolean }) {
  let now = 0;
  const outage = new StoreOutage(o.boundMs ?? 60_000, () => now);
  const stored: object[] = [];
  const writes: BatchOp[][] = [];
  const failures = [...o.failures];
  let checks = 0;
  const write = async (ops: readonly BatchOp[]): Promise<OpResult[]> => {
    writes.push([...ops]);
    const fail = failures.shift();
    if (fail && !o.committedBeforeDrop) throw fail();
    for (const op of ops) stored.push(op.e);
    if (fail) throw fail(); // committed, but the answer was lost with the connection
    return ops.map(() => ({ ok: true }));
  };
  const check = async (claims: readonly BatchOp[]) => {
    checks++;
    if (o.checkDown) throw refusedConn();
    return claims.map((c) => stored.includes(c.e));
  };
  const b = new Batcher(write, outage, check, async (ms) => {
    now += ms;
  });
  return { b, outage, stored, writes, checks: () => checks, clock: () => now };
}

describe('Batcher: a dropped connection is waited out', () => {
  it('retries appends and claims after the store comes back: each stored once, the outage over', async () => {
    const h = harness({ failures: [dropped, refusedConn, refusedConn] });
    const res = await Promise.all([h.b.push(claim('+1')), h.b.push(append('+2')), h.b.push(claim('+3'))]);
    expect(res.map((r) => r.ok)).toEqual([true, true, true]);
    expect(h.writes).toHaveLength(4);
    expect(h.stored).toHaveLength(3);
    expect(h.outage.downFor()).toBeUndefined();
    expect(h.clock()).toBe(backoffMs(1) + backoffMs(2) + backoffMs(3));
  });

  it('a batch that committed before its answer was lost is not stored again: its claims are found, not doubled', async () => {
    const h = harness({ failures: [dropped], committedBeforeDrop: true });
    const res = await Promise.all([h.b.push(claim('+1')), h.b.push(append('+1'))]);
    expect(res.map((r) => r.ok)).toEqual([true, true]);
    expect(h.writes).toHaveLength(1);
    expect(h.checks()).toBe(1);
    expect(h.stored).toHaveLength(2);
  });

  it('a claim that did not commit is claimed again (never answered "not yours": the recipient is not lost)', async () => {
    const h = harness({ failures: [dropped] });
    expect((await h.b.push(claim('+1'))).ok).toBe(true);
    expect(h.checks()).toBe(1);
    expect(h.writes).toHaveLength(2);
    expect(h.stored).toHaveLength(1);
  });

  it('a store down past the bound: every op waiting fails, and the outage is spent (the writer reports it lost)', async () => {
    const h = harness({ failures: Array.from({ length: 100 }, () => refusedConn), boundMs: 10_000 });
    const p = h.b.push(append('+1'));
    await expect(p).rejects.toThrow(/ECONNREFUSED/);
    expect(h.clock()).toBe(10_000);
    expect(h.outage.spent()).toBe(true);
    // What comes next fails at once instead of waiting again.
    const before = h.clock();
    await expect(h.b.push(append('+2'))).rejects.toThrow(/ECONNREFUSED/);
    expect(h.clock()).toBe(before);
  });

  it('abandon() (an interrupted run) stops the waiting at once', async () => {
    let stop = () => undefined as void;
    const interruptedOnSecondTry = () => {
      stop();
      return refusedConn();
    };
    const h = harness({ failures: [refusedConn, interruptedOnSecondTry, refusedConn, refusedConn] });
    stop = () => h.b.abandon();
    await expect(h.b.push(append('+1'))).rejects.toThrow(/ECONNREFUSED/);
    expect(h.writes).toHaveLength(2);
    expect(h.clock()).toBe(backoffMs(1));
  });

  it('a failure that is not the connection is reported at once', async () => {
    const h = harness({ failures: [() => Object.assign(new Error('permission denied'), { code: '42501' })] });
    await expect(h.b.push(append('+1'))).rejects.toThrow(/permission denied/);
    expect(h.writes).toHaveLength(1);
  });
});

describe('Batcher: a claim that fails says whether it may be stored', () => {
  it('never reached the store (connection refused throughout, or refused by the server): surely not stored', async () => {
    const h = harness({ failures: Array.from({ length: 100 }, () => refusedConn), boundMs: 5_000 });
    const [c, a] = await Promise.allSettled([h.b.push(claim('+1')), h.b.push(append('+2'))]);
    expect(c.status === 'rejected' && c.reason).toBeInstanceOf(ClaimNotStoredError);
    expect(a.status === 'rejected' && a.reason).not.toBeInstanceOf(ClaimNotStoredError);
    const refusedByServer = harness({ failures: [() => Object.assign(new Error('permission denied'), { code: '42501', severity: 'ERROR' })] });
    await expect(refusedByServer.b.push(claim('+3'))).rejects.toBeInstanceOf(ClaimNotStoredError);
  });

  it('a connection that dropped while the claim was on its way (and the store never came back): in doubt, not marked', async () => {
    const h = harness({ failures: [dropped, ...Array.from({ length: 100 }, () => refusedConn)], boundMs: 5_000, checkDown: true });
    const err = await h.b.push(claim('+1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ClaimNotStoredError);
  });
});

describe('store errors: a Unix socket that is not there', () => {
  it('is a dropped connection (waited out during a send; nothing applied), and says which socket', async () => {
    const { isConnectionFailure, storeFailure, surelyNotApplied } = await import('../../src/io/store/pg/errors.js');
    const err = Object.assign(new Error('connect ENOENT /run/pg/.s.PGSQL.5432'), { code: 'ENOENT', syscall: 'connect', address: '/run/pg/.s.PGSQL.5432' });
    expect(isConnectionFailure(err)).toBe(true);
    expect(surelyNotApplied(err)).toBe(true);
    expect(storeFailure(err, 'postgres://u@/db?host=/run/pg')?.message).toMatch(/no PostgreSQL socket at \/run\/pg\/\.s\.PGSQL\.5432/);
    expect(isConnectionFailure(Object.assign(new Error('open ENOENT x'), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
  });
});

describe('StoreOutage', () => {
  it('backs off from 250 ms to 4 s, and never past the bound', () => {
    let now = 1000;
    const o = new StoreOutage(5000, () => now);
    const waits: number[] = [];
    for (let w = o.failed(); w !== undefined; w = o.failed()) {
      waits.push(w);
      now += w;
    }
    expect(waits).toEqual([250, 500, 1000, 2000, 1250]);
    expect(o.spent()).toBe(true);
    o.ok();
    expect(o.spent()).toBe(false);
    expect(o.downFor()).toBeUndefined();
  });
});
