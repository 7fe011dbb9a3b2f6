// The PostgreSQL campaign store's writer against a real server: one campaign for concurrent first
// workers, claims that never hand one recipient to two workers, released and unknown claims,
// shared pacing and cooldowns, other workers' events.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptEvent, HeaderEvent, LedgerEvent } from '../../src/core/campaign/events.js';
import { closePg, connectPg, type PgConnection } from '../../src/io/store/pg/connect.js';
import { PgCampaignStore } from '../../src/io/store/pg/campaign-store.js';
import { migrate } from '../../src/io/store/pg/schema.js';
import { attemptsStored } from '../../src/io/store/pg/tables/ledger-events.js';
import { PgLedgerWriter } from '../../src/io/store/pg/ledger-writer.js';
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

  it("a sender's slot is taken with a claim, atomically: three workers on one sender, one claim per interval", async () => {
    const name = `c-slots-${randomBytes(2).toString('hex')}`;
    const workers = await Promise.all([worker(name), worker(name), worker(name)]);
    const sender = `S-${randomBytes(3).toString('hex')}`;
    const list = numbers(12).map((n) => n.replace('+4915', '+4917'));
    const claimedAt = new Map<string, number>();
    await Promise.all(
      workers.map(async ({ w }, k) => {
        // Each worker walks the whole list in its own order: most of its claims are refused.
        const order = k === 1 ? [...list].reverse() : list;
        for (const r of order) {
          if ((await w.sharedPacing!.claim({ ...attempt(r), sender }, 100, () => false)) === 'claimed') claimedAt.set(r, Date.now());
        }
      }),
    );
    expect(claimedAt.size).toBe(list.length); // everyone once: a refused claim left the slot to the next
    const times = [...claimedAt.values()].sort((a, b) => a - b);
    // One claim per interval across the workers (loose: a loaded machine delays single answers).
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(11 * 100 - 60);
    const slot = (await conn.query<{ next_ms: string }>('SELECT next_ms FROM wa_ops.campaign_slots WHERE sender = $1', [sender])).rows[0];
    expect(Number(slot.next_ms) - times[0]).toBeLessThan(12 * 100 + 5000); // no slot spent on refused claims
    for (const { w } of workers) await w.close();
  });

  it('a worker waiting for its slot stores nothing, and gives up when told to', async () => {
    const { w, id } = await worker('c-wait');
    const sender = `S-${randomBytes(3).toString('hex')}`;
    const [first, second] = numbers(2).map((n) => n.replace('+4915', '+4918'));
    expect(await w.sharedPacing!.claim({ ...attempt(first), sender }, 60_000, () => false)).toBe('claimed');
    let stop = false;
    const waiting = w.sharedPacing!.claim({ ...attempt(second), sender }, 60_000, () => stop);
    await new Promise((r) => setTimeout(r, 300));
    const stored = async () => (await conn.query<{ r: string }>("SELECT event->>'r' AS r FROM wa_ops.ledger_events WHERE campaign_id = $1 AND t = 'attempt'", [id])).rows.map((x) => x.r);
    expect(await stored()).toEqual([first]); // killed now, the second recipient would still be pending
    stop = true;
    expect(await waiting).toBe('abandoned');
    expect(await stored()).toEqual([first]);
    await w.close();
  });

  it("one worker's cooldown on a sender holds every worker's slots back", async () => {
    const a = await worker('c3');
    const b = await worker('c3');
    const until = Date.now() + 1000;
    await a.w.append({ t: 'cooldown-until', until: new Date(until).toISOString(), code: 130429, reason: 'rate limit', at: now(), sender: 'S-cool' });
    await a.w.drain();
    // A worker about to send waits the cooldown out (and claims only after it).
    expect(await b.w.sharedPacing!.claim({ ...attempt('+4919000000001'), sender: 'S-cool' }, 10, () => false)).toBe('claimed');
    expect(Date.now()).toBeGreaterThanOrEqual(until - 10);
    expect((await b.w.poll()).some((e) => e.t === 'cooldown-until')).toBe(true);
    await a.w.close();
    await b.w.close();
  });

  it('two campaigns on one sender each keep their own pace (as with files); a cooldown on the sender holds both', async () => {
    const slow = await worker(`c-pace-slow-${randomBytes(2).toString('hex')}`);
    const fast = await worker(`c-pace-fast-${randomBytes(2).toString('hex')}`);
    const sender = `S-${randomBytes(3).toString('hex')}`;
    // The slow campaign takes the sender's slot with a one-minute interval ...
    expect(await slow.w.sharedPacing!.claim({ ...attempt('+4916000000001'), sender }, 60_000, () => false)).toBe('claimed');
    // ... and the fast one still claims at once: it is not held to the other campaign's interval (giveUp is asked
    // again only when the claim has to wait; then it gives up).
    let asked = 0;
    expect(await fast.w.sharedPacing!.claim({ ...attempt('+4916000000002'), sender }, 50, () => ++asked > 1)).toBe('claimed');
    // A cooldown one campaign met on the sender holds the other too.
    await slow.w.append({ t: 'cooldown-until', until: new Date(Date.now() + 60_000).toISOString(), code: 130429, reason: 'rate limit', at: now(), sender });
    await slow.w.drain();
    asked = 0;
    expect(await fast.w.sharedPacing!.claim({ ...attempt('+4916000000003'), sender }, 50, () => ++asked > 1)).toBe('abandoned');
    for (const { w } of [slow, fast]) await w.close();
  });

  it("a running worker's open claims are in flight (status says so); once it is gone they are only unknown", async () => {
    const name = `c-flight-${randomBytes(2).toString('hex')}`;
    const a = await worker(name);
    expect(await a.w.claim(attempt('+4916100000001'))).toBe(true);
    expect(await a.w.claim(attempt('+4916100000002'))).toBe(true);
    await a.w.append({ t: 'sent', r: '+4916100000002', wamid: 'wamid.x', at: now() });
    await a.w.drain();
    const reader = await store.reader(ref(name));
    expect(await reader.inFlight!()).toBe(1);
    // A worker's own summary: the others' requests in flight, never its own unanswered ones.
    const b = await worker(name);
    expect(await a.w.inFlight!()).toBe(0);
    expect(await b.w.inFlight!()).toBe(1);
    await a.w.close();
    expect(await reader.inFlight!()).toBe(0);
    expect(await b.w.inFlight!()).toBe(0);
    await b.w.close();
  });

  it('after a dropped connection, a claim in doubt is found when it committed and is still this worker\'s, not otherwise', async () => {
    const { w, id } = await worker('doubt');
    if (!(w instanceof PgLedgerWriter)) throw new Error('a PostgreSQL writer was expected');
    const workerId = w.workerId;
    const [a, b] = [attempt('+4915900000001'), attempt('+4915900000002')];
    expect(await w.claim(a)).toBe(true);
    const never = attempt('+4915900000003');
    const stored = (list: AttemptEvent[]) => attemptsStored(conn, id, workerId, list.map((e) => ({ e })));
    expect(await stored([a, b, never])).toEqual([true, false, false]);
    // The same recipient with another attempt time is another claim (one that did not commit).
    expect(await stored([{ ...a, at: new Date(Date.parse(a.at) + 1).toISOString() }])).toEqual([false]);
    // Taken over meanwhile (this worker looked dead, another ran with --retry-unknown): no longer this worker's to send.
    await conn.query("UPDATE wa_ops.claims SET worker = 'someone-else' WHERE campaign_id = $1 AND r = $2", [id, a.r]);
    expect(await stored([a])).toEqual([false]);
    await w.close();
  });
});
