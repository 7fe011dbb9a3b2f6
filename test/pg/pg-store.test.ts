// The PostgreSQL campaign store's writer against a real server: one campaign for concurrent first
// workers, claims that never hand one recipient to two workers, released and unknown claims,
// shared pacing and cooldowns, other workers' events.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptEvent, HeaderEvent, LedgerEvent } from '../../src/core/campaign/events.js';
import { closePg, connectPg, type PgConnection } from '../../src/io/store/pg/connect.js';
import { PgCampaignStore } from '../../src/io/store/pg/campaign-store.js';
import { migrate } from '../../src/io/store/pg/schema.js';
import { reserveSlot } from '../../src/io/store/pg/tables/sender-slots.js';
import type { CampaignRef, LedgerWriter } from '../../src/io/store/types.js';
import { freshDatabase, pgUrl } from './db.js';

let conn: PgConnection;
let store: PgCampaignStore;
const now = () => new Date().toISOString();
const ref = (name: string): CampaignRef => ({ name, ledgerPath: '/nonexistent/ledger.jsonl', campaignHash: 'h' });
const header = (name: string, id: string): HeaderEvent => ({ t: 'header', v: 1, campaign: name, campaignId: id, campaignHash: 'h', recipientsHash: 'r', recipients: 100, at: now() });
const attempt = (r: string, n = 1): AttemptEvent => ({ t: 'attempt', r, n, sender: 'S1', cb: `wa-ops:x:${r}`, at: now() });
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+4915${String(1000000 + i)}`);

/** A worker as the engine drives it: replay; write a header when the store has none; then claims. */
async function worker(name: string, retryUnknown = false): Promise<{ w: LedgerWriter; id: string }> {
  const w = await store.writer(ref(name), () => undefined);
  let id: string | undefined;
  await w.replay((e) => {
    if (e.t === 'header') id ??= e.campaignId;
  });
  if (!id) {
    id = `${name}-${randomBytes(4).toString('hex')}`;
    await w.append(header(name, id));
  }
  await w.append({ t: 'run', pid: process.pid, at: now(), mode: 'send', options: { retryUnknown } });
  return { w, id };
}

describe.skipIf(!pgUrl)('PostgreSQL campaign store', () => {
  beforeAll(async () => {
    conn = await connectPg(await freshDatabase());
    await migrate(conn);
    store = new PgCampaignStore(conn);
  });
  afterAll(() => closePg());

  it('three first workers of a new campaign make one campaign; every recipient is claimed exactly once', async () => {
    const workers = await Promise.all([worker('c1'), worker('c1'), worker('c1')]);
    expect(new Set(workers.map((x) => x.id)).size).toBe(1);
    const list = numbers(150);
    const wins = new Map<string, number>();
    await Promise.all(
      workers.map(async ({ w }, k) => {
        // Each worker walks the list in its own order, several claims in flight.
        const order = k === 0 ? list : k === 1 ? [...list].reverse() : [...list].sort(() => Math.random() - 0.5);
        for (let i = 0; i < order.length; i += 10) {
          const got = await Promise.all(order.slice(i, i + 10).map((r) => w.claim(attempt(r))));
          got.forEach((ok, j) => ok && wins.set(order[i + j], (wins.get(order[i + j]) ?? 0) + 1));
        }
      }),
    );
    expect(wins.size).toBe(list.length);
    expect([...wins.values()].every((n) => n === 1)).toBe(true);
    for (const { w } of workers) await w.close();
    const attempts = (await conn.query<{ n: number }>("SELECT count(*)::int AS n FROM wa_ops.ledger_events WHERE campaign_id = $1 AND t = 'attempt'", [workers[0].id])).rows[0].n;
    expect(attempts).toBe(list.length);
  });

  it('unknown stays unknown (unless --retry-unknown and its worker is gone); released is free; sent is final', async () => {
    const a = await worker('c2');
    const [open, released, sent] = numbers(3).map((n) => n.replace('+4915', '+4916'));
    for (const r of [open, released, sent]) expect(await a.w.claim(attempt(r))).toBe(true);
    await a.w.append({ t: 'retry-at', r: released, until: now(), code: 'stopped', at: now() });
    await a.w.append({ t: 'sent', r: sent, wamid: 'wamid.1', at: now() });
    const b = await worker('c2');
    expect(await b.w.claim(attempt(open, 2))).toBe(false); // a's answer never came: maybe sent
    expect(await b.w.claim(attempt(released, 2))).toBe(true); // never left: anyone may take it
    expect(await b.w.claim(attempt(sent, 2))).toBe(false);
    const c = await worker('c2', true);
    expect(await c.w.claim(attempt(open, 2))).toBe(false); // a is alive: its request may be in flight
    await a.w.close();
    expect(await c.w.claim(attempt(open, 2))).toBe(true); // a is gone and the run said --retry-unknown
    expect(await c.w.claim(attempt(sent, 2))).toBe(false); // never twice, whatever the flags
    // Each worker sees the others' events, not its own.
    const seen = await b.w.poll();
    expect(seen.some((e: LedgerEvent) => e.t === 'attempt' && e.r === open && e.n === 2)).toBe(true);
    expect(seen.some((e: LedgerEvent) => e.t === 'attempt' && e.r === released)).toBe(false);
    expect(await b.w.poll()).toEqual([]);
    await b.w.close();
    await c.w.close();
  });

  it('a sender\'s slots are taken atomically: three workers on one sender, one message per interval', async () => {
    const sender = `S-${randomBytes(3).toString('hex')}`;
    const start = Date.now();
    const slots = (await Promise.all([0, 1, 2].map(async () => Promise.all(Array.from({ length: 10 }, () => reserveSlot(conn, sender, start, 100)))))).flat().sort((x, y) => x - y);
    expect(slots[0]).toBe(start);
    expect(slots.slice(1).map((s, i) => s - slots[i])).toEqual(Array(29).fill(100));
  });

  it('one worker\'s cooldown on a sender holds every worker\'s slots back', async () => {
    const a = await worker('c3');
    const b = await worker('c3');
    const until = Date.now() + 1000;
    await a.w.append({ t: 'cooldown-until', until: new Date(until).toISOString(), code: 130429, reason: 'rate limit', at: now(), sender: 'S-cool' });
    expect(await reserveSlot(conn, 'S-cool', Date.now(), 10)).toBeGreaterThanOrEqual(until);
    // A worker about to send waits the cooldown out (and is handed a slot after it).
    expect(await b.w.sharedPacing!.reserve('S-cool', Date.now(), 10)).toBeGreaterThanOrEqual(until);
    expect(Date.now()).toBeGreaterThanOrEqual(until - 10);
    expect((await b.w.poll()).some((e) => e.t === 'cooldown-until')).toBe(true);
    await a.w.close();
    await b.w.close();
  });
});
