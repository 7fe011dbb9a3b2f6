// A PostgreSQL server without TLS: sslmode=prefer falls back to plain, require is refused.
// A PostgreSQL server restarted in the middle of a send (pg_ctl stop -m fast, then start): the worker reconnects and
// carries on; every recipient is reached exactly once (counted at the sandbox) and the run ends with exit 0. Its own
// throwaway cluster (no TLS), since the shared test cluster cannot be stopped under the other files' feet.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';
import { closePg, connectPg } from '../../src/io/store/pg/connect.js';
import { PgLedgerWriter } from '../../src/io/store/pg/ledger-writer.js';
import { findPgBin, startCluster, type Cluster } from './cluster.js';
import { createEngine } from '../../src/core/campaign/engine.js';
import { summarise } from '../../src/core/campaign/campaign-summary.js';
import type { HeaderEvent } from '../../src/core/campaign/events.js';
import { apply, emptyState } from '../../src/core/campaign/ledger-state.js';
import { execute } from '../../src/io/campaign/executor.js';
import { loadState } from '../../src/io/campaign/campaign-state.js';
import { PgCampaignStore } from '../../src/io/store/pg/campaign-store.js';
import { SignalWatch } from '../../src/io/signals.js';
import { config } from '../unit/engine-sim.js';
import { pgUrl } from './db.js';

let sb: SandboxServer;
let cluster: Cluster;

const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) out[k] = v;
  return { ...out, NO_COLOR: '1', CI: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function accepted(): Promise<string[]> {
  return ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);
}

let nextNumber = 0;
function campaign(n: number, name = 'outage'): { file: string; numbers: string[] } {
  const dir = tempDir('wa-ops-store-outage-');
  const numbers = Array.from({ length: n }, () => `+4917390${String(nextNumber++).padStart(5, '0')}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { file, numbers };
}

// Runs where the shared PostgreSQL tests run (the machine's binaries are there).
describe.skipIf(!pgUrl || !findPgBin())('send --store through a PostgreSQL restart', () => {
  beforeAll(async () => {
    [sb, cluster] = await Promise.all([startSandbox({ mps: 1000 }), startCluster()]);
    expect((await runCli(['store', 'migrate', '--store', cluster.url], { env: env() })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await closePg();
    await sb?.close();
    cluster?.stop();
  });

  it('sslmode=prefer: a server that refuses TLS is used in plain (as libpq does); require is refused with what to do', async () => {
    const conn = await connectPg(`${cluster.url}?sslmode=prefer`);
    const rows = await conn.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(rows.rows[0].ssl).toBe(false);
    const prefer = await runCli(['store', 'migrate', '--store', `${cluster.url}?sslmode=prefer`, '--json'], { env: env() });
    expect(prefer.code, prefer.stderr).toBe(0);
    const require_ = await runCli(['store', 'migrate', '--store', `${cluster.url}?sslmode=require`], { env: env() });
    expect(require_.code).toBe(2);
    expect(require_.stderr).toMatch(/does not offer TLS, but the URL asks for it/);
    expect(require_.stderr).not.toContain(cluster.password);
  });

  it('reconnects and carries on: everyone reached exactly once, exit 0, status agrees', async () => {
    const { file, numbers } = campaign(50);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', cluster.url, '--yes', '--json', '--interval', '120ms'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    for (const end = Date.now() + 60_000; (await accepted()).length < 12; await sleep(20)) if (Date.now() > end) throw new Error(`no progress: ${stderr}`);
    await cluster.halt();
    const during = (await accepted()).length;
    await sleep(3000);
    await cluster.resume();
    const code = await done;
    expect(code, stderr).toBe(0);
    const to = await accepted();
    expect(during).toBeLessThan(numbers.length); // the outage really was mid-run
    expect(to).toHaveLength(numbers.length);
    expect(new Set(to)).toEqual(new Set(numbers));
    expect(stderr).toMatch(/reconnect/i);
    const summary = JSON.parse(stdout) as { outcome: string; total: number; sent: number; pending: number; unknown: number };
    expect(summary).toMatchObject({ outcome: 'done', total: 50, pending: 0, unknown: 0 });
    const status = await runCli(['status', '--campaign', file, '--store', cluster.url, '--json'], { env: env() });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: 50, pending: 0, unknown: 0, sent: summary.sent });
  }, 120_000);

  it('over a Unix socket too: a restart (the socket file gone meanwhile) is waited out, not a failed write', async () => {
    const { file, numbers } = campaign(25, 'socket');
    const socketUrl = `postgres://wa_ops:${encodeURIComponent(cluster.password)}@/postgres?host=${encodeURIComponent(cluster.dir)}&port=${cluster.port}`;
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', socketUrl, '--yes', '--json', '--interval', '120ms'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const mine = async () => (await accepted()).filter((to) => numbers.includes(to));
    for (const end = Date.now() + 60_000; (await mine()).length < 6; await sleep(20)) if (Date.now() > end) throw new Error(`no progress: ${stderr}`);
    await cluster.halt();
    await sleep(2000);
    await cluster.resume();
    expect(await done, stderr).toBe(0);
    const to = await mine();
    expect(new Set(to)).toEqual(new Set(numbers));
    expect(to).toHaveLength(numbers.length);
    expect(stderr).toMatch(/reconnecting/);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'done', pending: 0, unknown: 0 });
  }, 120_000);

  it('Ctrl-C while the store is away stops at once (exit 130); the resume, once it is back, reaches the rest exactly once', async () => {
    const { file, numbers } = campaign(30, 'ctrl-c');
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', cluster.url, '--yes', '--json', '--interval', '120ms'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const mine = async () => (await accepted()).filter((to) => numbers.includes(to));
    for (const end = Date.now() + 60_000; (await mine()).length < 6; await sleep(20)) if (Date.now() > end) throw new Error(`no progress: ${stderr}`);
    await cluster.halt();
    let code: number | null;
    try {
      await sleep(1000);
      const t = Date.now();
      child.kill('SIGINT');
      code = await done;
      expect(Date.now() - t).toBeLessThan(5000);
    } finally {
      await cluster.resume();
    }
    expect(code, stderr).toBe(130);
    const resumed = await runCli(['send', '--campaign', file, '--store', cluster.url, '--yes', '--json', '--interval', '20ms'], { env: env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    const to = await mine();
    expect(new Set(to).size).toBe(to.length); // nobody twice
    const doc = JSON.parse(resumed.stdout) as { pending: number; sent: number; unknown: number };
    // Nobody lost: everyone was sent, or is "unknown" (its outcome could not be stored while the store was away).
    expect(doc.pending).toBe(0);
    expect(doc.sent + doc.unknown).toBe(numbers.length);
    expect(to.length).toBeGreaterThanOrEqual(doc.sent);
  }, 120_000);

  it("a worker stopped by an outage past its bound counts as the store does: claims that never reached it are pending, not unknown", async () => {
    const conn = await connectPg(cluster.url);
    const ref = { name: 'outage-view', ledgerPath: '/nonexistent/outage-view.ledger.jsonl' };
    const w = await PgLedgerWriter.open(conn, ref, async () => undefined, () => undefined, { reconnectForMs: 1500 });
    const at = new Date().toISOString();
    const cfg = config(40, { intervalMs: 150, concurrency: 8 });
    const header: HeaderEvent = { t: 'header', v: 1, campaign: ref.name, campaignId: 'outage-view-1', campaignHash: 'h', recipientsHash: 'r', recipients: cfg.items.length, at };
    await w.append(header);
    await w.append({ t: 'run', pid: process.pid, at, mode: 'all' });
    const state = emptyState();
    apply(state, header);
    const engine = createEngine(cfg, state, Date.now());
    const signals = new SignalWatch();
    let sent = 0;
    let halted: Promise<void> | undefined;
    try {
      const stop = await execute({
        engine,
        writer: w,
        signals,
        send: async (i) => {
          // Halfway, the server goes away for longer than the worker's bound (1.5 s here, 60 s in a real run).
          if (++sent === 8) halted = cluster.halt();
          return `wamid.${i}`;
        },
      });
      expect(stop).toMatchObject({ outcome: 'aborted', exit: 75 });
      expect(stop.message).toMatch(/stayed unreachable/);
    } finally {
      signals.dispose();
      await halted;
      await cluster.resume();
      await w.close().catch(() => undefined);
    }
    const view = summarise(engine.ledger, ref.name, Date.now());
    const store = new PgCampaignStore(conn);
    const stored = summarise((await loadState(await store.reader(ref))).state, ref.name, Date.now());
    // Every recipient this run started is accounted for the same way in both; nobody it never sent is "unknown".
    // One difference is allowed (README: an answer that came back but could not be stored before the bound): the worker
    // knows it was sent, the store has only its claim (unknown). Never a pending one counted unknown, nor one lost.
    expect({ total: view.total, pending: view.pending }).toEqual({ total: stored.total, pending: stored.pending });
    expect(view.unknown).toBe(0);
    expect(view.sent).toBe(stored.sent + stored.unknown);
    expect(stored.unknown).toBeLessThanOrEqual(8);
    expect(view.sent).toBeGreaterThanOrEqual(7);
  }, 60_000);

  it('a store that stays away past the bound: the worker counts itself lost and its writes fail (the run then exits 75)', async () => {
    const conn = await connectPg(cluster.url);
    const notices: string[] = [];
    const w = await PgLedgerWriter.open(conn, { name: 'bound', ledgerPath: '/nonexistent/bound.ledger.jsonl' }, async () => undefined, (t) => notices.push(t), { reconnectForMs: 1500 });
    const at = new Date().toISOString();
    await w.append({ t: 'header', v: 1, campaign: 'bound', campaignId: 'bound-1', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at });
    expect(w.lost()).toBeUndefined();
    await cluster.halt();
    try {
      const write = w.append({ t: 'run', pid: 1, at, mode: 'all' });
      await expect(write).rejects.toThrow(/connect|terminat|connection/i);
      for (const end = Date.now() + 10_000; !w.lost() && Date.now() < end; ) await sleep(50);
      expect(w.lost()).toMatch(/stayed unreachable for 2 s/);
      expect(notices.join('\n')).toMatch(/reconnecting \(for up to 2 s\)/);
    } finally {
      await cluster.resume();
      await w.close();
    }
  }, 60_000);
});
