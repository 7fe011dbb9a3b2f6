// send --store with several workers against the sandbox and a real PostgreSQL: nobody twice, nobody lost
// (kill -9 of random workers, restarts), one message per interval per sender across workers, a shared cooldown.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';

let sb: SandboxServer;
let nextNumber = 4000000;
const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) out[k] = v;
  return { ...out, NO_COLOR: '1', CI: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
};

function campaign(n: number, name: string): { dir: string; file: string; numbers: string[] } {
  const dir = tempDir('wa-ops-store-send-');
  const numbers = Array.from({ length: n }, () => `+49173${String(nextNumber++)}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { dir, file, numbers };
}

function worker(file: string, url: string, args: string[] = []): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', url, '--yes', '--json', ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, done: new Promise((r) => child.on('close', (code) => r(code))) };
}

async function accepted(): Promise<{ to: string; acceptedAt: string }[]> {
  return ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string; acceptedAt: string }[] }).data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await check()); await sleep(50)) if (Date.now() > end) throw new Error('timed out waiting');
}

describe.skipIf(!pgUrl)('send --store with several workers', () => {
  let url: string;
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
  });

  it('a worker that waits for another to store a new campaign says so and stops at once on Ctrl-C; it goes on once the campaign is stored', async () => {
    const { file, numbers } = campaign(3, 'naming-wait');
    // Another first worker of this campaign, at its confirmation prompt: it holds the naming lock until it stores the campaign.
    const { default: pg } = await import('pg');
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['wa-ops:campaign:naming-wait']);
      const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', url, '--yes', '--interval', '50ms'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      await waitFor(async () => /waiting for another worker that is starting campaign "naming-wait"/.test(stderr));
      const t0 = Date.now();
      child.kill('SIGINT');
      expect(await done).toBe(130);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(stderr).toMatch(/nothing was sent/);
      expect(await query(url, 'SELECT 1 FROM wa_ops.campaigns WHERE name = $1', ['naming-wait'])).toEqual([]);

      const next = worker(file, url, ['--interval', '50ms']);
      await sleep(700);
      expect(await accepted()).toEqual([]);
      await holder.query('SELECT pg_advisory_unlock_all()');
      expect(await next.done).toBe(0);
      expect((await accepted()).map((m) => m.to).sort()).toEqual([...numbers].sort());
    } finally {
      await holder.end();
    }
  });

  it('kill -9 of random workers and restarts: nobody twice, nobody lost, unknown only by --retry-unknown', async () => {
    const { file, numbers } = campaign(40, 'kill-nine');
    const live = [worker(file, url, ['--interval', '60ms']), worker(file, url, ['--interval', '60ms']), worker(file, url, ['--interval', '60ms'])];
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      await sleep(700 + Math.random() * 500);
      const victim = live.splice(Math.floor(Math.random() * live.length), 1)[0];
      victim.child.kill('SIGKILL');
      await victim.done;
      kills++;
      live.push(worker(file, url, ['--interval', '60ms']));
    }
    const codes = await Promise.all(live.map((w) => w.done));
    expect(codes.every((c) => c === 0)).toBe(true);
    // One more run finishes whatever is left; it never resends an unknown one.
    const last = await runCli(['send', '--campaign', file, '--store', url, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(last.code, last.stderr).toBe(0);
    const sentTo = (await accepted()).map((m) => m.to);
    expect(new Set(sentTo).size).toBe(sentTo.length); // nobody twice
    const doc = JSON.parse(last.stdout);
    expect(doc.pending).toBe(0);
    expect(doc.sent + doc.unknown).toBe(numbers.length); // nobody lost: sent, or unknown (maybe sent by a killed worker)
    expect(doc.unknown).toBeLessThanOrEqual(kills * 4);
    expect(sentTo.length).toBeGreaterThanOrEqual(doc.sent);
    // --retry-unknown reaches exactly the unknown ones (killed workers are gone: their claims are free).
    const retry = await runCli(['send', '--campaign', file, '--store', url, '--interval', '20ms', '--retry-unknown', '--yes', '--json'], { env: env() });
    expect(retry.code, retry.stderr).toBe(0);
    const after = (await accepted()).map((m) => m.to);
    expect(new Set(after)).toEqual(new Set(numbers));
    expect(JSON.parse(retry.stdout)).toMatchObject({ sent: numbers.length, unknown: 0, pending: 0 });
    const attempts = await query<{ r: string; n: number }>(url, "SELECT event->>'r' AS r, count(*)::int AS n FROM wa_ops.ledger_events WHERE t = 'attempt' GROUP BY 1 HAVING count(*) > 1");
    expect(attempts.length).toBeLessThanOrEqual(doc.unknown);
  });

  it('--limit counts what a worker sends itself: recipients another worker claimed first do not use it up', async () => {
    const { file, numbers } = campaign(30, 'limit-shared');
    const run = () => runCli(['send', '--campaign', file, '--store', url, '--yes', '--json', '--interval', '40ms', '--limit', '6'], { env: env() });
    // Two workers started together walk the same list: each loses some claims to the other.
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(a.stdout).thisRun.sent).toBe(6);
    expect(JSON.parse(b.stdout).thisRun.sent).toBe(6);
    const sentTo = (await accepted()).map((m) => m.to);
    expect(sentTo).toHaveLength(12);
    expect(new Set(sentTo).size).toBe(12);
    const status = JSON.parse((await runCli(['status', '--campaign', file, '--store', url, '--json'], { env: env() })).stdout);
    expect(status).toMatchObject({ total: numbers.length, sent: 12, pending: numbers.length - 12, unknown: 0 });
  });

  it("an interrupted worker's resume command keeps what is left of its own --limit (claims given up do not use it)", async () => {
    const { file } = campaign(40, 'limit-resume');
    const start = () => {
      const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', url, '--yes', '--json', '--interval', '200ms', '--limit', '10'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.resume();
      return { child, done: new Promise<string>((r) => child.on('close', () => r(out))) };
    };
    const ws = [start(), start()];
    await waitFor(async () => (await accepted()).length >= 6);
    for (const w of ws) w.child.kill('SIGINT');
    for (const out of await Promise.all(ws.map((w) => w.done))) {
      const doc = JSON.parse(out) as { outcome: string; thisRun: { sent: number }; resume: string };
      expect(doc.outcome).toBe('interrupted');
      expect(doc.resume).toContain(`--limit ${10 - doc.thisRun.sent} `);
    }
  });

  it('a worker killed -9 with --limit: the plain rerun resumes with what is left of that run\'s own limit, as after Ctrl-C', async () => {
    const { file } = campaign(30, 'limit-kill-nine');
    const w = worker(file, url, ['--interval', '150ms', '--limit', '12']);
    await waitFor(async () => (await accepted()).length >= 4);
    w.child.kill('SIGKILL');
    await w.done;
    const before = (await accepted()).length;
    // Its claims (sent, or unknown when killed before the answer) are what it used; recipients never claimed are not.
    const used = (await query<{ n: number }>(url, "SELECT count(DISTINCT e.r)::int AS n FROM wa_ops.ledger_events e JOIN wa_ops.campaigns c USING (campaign_id) WHERE c.name = 'limit-kill-nine' AND e.t = 'attempt'"))[0].n;
    expect(used).toBeLessThan(12);
    const again = await runCli(['send', '--campaign', file, '--store', url, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`--limit ${12 - used} (what was left of it)`);
    expect(JSON.parse(again.stdout).thisRun.sent).toBe(12 - used);
    expect((await accepted()).length).toBe(before + 12 - used);
  });

  it('three workers on one sender still send one message per interval', async () => {
    const { file, numbers } = campaign(12, 'pacing');
    const ws = [0, 1, 2].map(() => worker(file, url, ['--interval', '250ms']));
    expect(await Promise.all(ws.map((w) => w.done))).toEqual([0, 0, 0]);
    const times = (await accepted()).map((m) => Date.parse(m.acceptedAt)).sort((a, b) => a - b);
    expect(times.length).toBe(numbers.length);
    // Loose bounds (a loaded machine delays single requests): no burst, and the whole takes about 11 intervals.
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps.filter((g) => g < 125).length, gaps.join(' ')).toBeLessThanOrEqual(3);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(11 * 250 - 250);
  });

  it('a worker killed while it waits for its slot leaves its recipient pending; a late worker keeps the pace', async () => {
    const { file, numbers } = campaign(6, 'slot-wait');
    const first = worker(file, url, ['--interval', '1500ms']);
    await waitFor(async () => (await accepted()).length >= 1);
    // The second worker's first recipient waits for the sender's next slot: nothing of it is stored yet.
    const second = worker(file, url, ['--interval', '1500ms']);
    await waitFor(async () => (await query(url, 'SELECT 1 FROM wa_ops.workers WHERE ended_at IS NULL')).length >= 2);
    await sleep(300);
    second.child.kill('SIGKILL');
    await second.done;
    first.child.kill('SIGTERM');
    expect(await first.done).toBe(143);
    const status = await runCli(['status', '--campaign', file, '--store', url, '--json'], { env: env() });
    const doc = JSON.parse(status.stdout);
    const sent = (await accepted()).length;
    // Whoever was not sent is pending (never "unknown": no attempt was stored for a request that never left).
    expect(doc).toMatchObject({ total: numbers.length, sent, unknown: 0, pending: numbers.length - sent });
    // A late worker takes its share at the shared pace: the rest goes out one per interval, nobody twice.
    const a = worker(file, url, ['--interval', '300ms']);
    await sleep(400);
    const b = worker(file, url, ['--interval', '300ms']);
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    const sentTo = (await accepted()).map((m) => m.to);
    expect(new Set(sentTo)).toEqual(new Set(numbers));
    expect(sentTo.length).toBe(numbers.length);
  });

  it("one worker's 130429 pauses every worker on that sender; nobody sends during the cooldown", async () => {
    const { file, numbers } = campaign(16, 'cooldown');
    const ws = [0, 1, 2].map(() => worker(file, url, ['--interval', '100ms', '--cooldown', '3s']));
    await sleep(1500);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    expect(await Promise.all(ws.map((w) => w.done))).toEqual([0, 0, 0]);
    const cooldowns = await query<{ stored: string; until: string }>(url, "SELECT (extract(epoch FROM recorded_at) * 1000)::bigint AS stored, event->>'until' AS until FROM wa_ops.ledger_events WHERE t = 'cooldown-until' AND campaign_id IN (SELECT campaign_id FROM wa_ops.campaigns WHERE name = 'cooldown')");
    expect(cooldowns.length).toBeGreaterThanOrEqual(1);
    // From the moment the cooldown is stored (a request another worker claimed just before may still be on its
    // way: loose, for a loaded machine) until it ends, nothing reaches the API.
    const from = Number(cooldowns[0].stored) + 500;
    const until = Date.parse(cooldowns[0].until);
    const during = (await accepted()).filter((m) => Date.parse(m.acceptedAt) > from && Date.parse(m.acceptedAt) < until);
    expect(during).toEqual([]);
    const sentTo = (await accepted()).map((m) => m.to);
    expect(new Set(sentTo).size).toBe(sentTo.length);
    const status = await runCli(['status', '--campaign', file, '--store', url, '--json'], { env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ total: numbers.length, pending: 0 });
  });

  it("a sender's cooldown met by another campaign holds this one too; --no-wait exits 75 and sends nothing", async () => {
    const a = campaign(3, 'cooldown-a');
    const b = campaign(3, 'cooldown-b');
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const first = await runCli(['send', '--campaign', a.file, '--store', url, '--interval', '50ms', '--cooldown', '1m', '--no-wait', '--yes', '--json'], { env: env() });
    expect(first.code, first.stderr).toBe(75);
    const before = (await accepted()).length;
    const started = Date.now();
    const other = await runCli(['send', '--campaign', b.file, '--store', url, '--interval', '50ms', '--no-wait', '--yes', '--json'], { env: env() });
    expect(other.code, other.stderr).toBe(75);
    expect(Date.now() - started).toBeLessThan(30_000); // it did not wait the minute out
    expect((await accepted()).length).toBe(before);
    expect(JSON.parse(other.stdout)).toMatchObject({ sent: 0, pending: 3, unknown: 0 });
    // The campaign now carries the cooldown: status shows it, and the next run stops before any request.
    const status = JSON.parse((await runCli(['status', '--campaign', b.file, '--store', url, '--json'], { env: env() })).stdout);
    expect(Date.parse(status.cooldownUntil)).toBeGreaterThan(Date.now());
    await query(url, 'UPDATE wa_ops.sender_slots SET cooldown_until_ms = 0');
  });

  it('--no-wait at a 130429 with claims still waiting for their slots: never says it waits the cooldown out', async () => {
    const { file } = campaign(7, 'no-wait-claims');
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const r = await runCli(['send', '--campaign', file, '--store', url, '--interval', '300ms', '--cooldown', '1m', '--no-wait', '--yes', '--json'], { env: env() });
    await query(url, 'UPDATE wa_ops.sender_slots SET cooldown_until_ms = 0');
    expect(r.code, r.stderr).toBe(75);
    // Not "cooldown: ... until <in a second>; waiting (Ctrl-C stops ...; --no-wait exits 75 instead)": it stops.
    expect(r.stderr).not.toMatch(/waiting \(Ctrl-C/);
    expect(r.stderr).toMatch(/paused until/);
    expect(JSON.parse(r.stdout)).toMatchObject({ pending: 7, unknown: 0 });
  });
});
