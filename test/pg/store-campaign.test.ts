// store import / export / status --store against a real PostgreSQL: a campaign sent with local files moves in and back out.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';

let sb: SandboxServer;
let url: string;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', WA_OPS_STORE: '', WA_OPS_EVENTS: '' });
let nextNumber = 3000000;

function campaign(n: number, name = 'pg-import'): { dir: string; file: string } {
  const dir = tempDir('wa-ops-store-');
  const numbers = Array.from({ length: n }, () => `+49171${String(nextNumber++)}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { dir, file };
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe.skipIf(!pgUrl)('store import / export and status --store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('status --store for a campaign the store lacks: exit 2, send or import it first', async () => {
    const { file } = campaign(2, 'never-sent');
    const r = await runCli(['status', '--campaign', file, '--store', url], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no campaign "never-sent"/);
    expect(r.stderr).toMatch(/send or import it first/);
  });

  it('round trip: a local campaign imported, read with status --store, exported, read with status --ledger', async () => {
    const { dir, file } = campaign(6);
    const sent = await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes', '--json'], { env: env(), cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    const local = await runCli(['status', '--campaign', file, '--json'], { env: env(), cwd: dir });
    const ledger = lines(join(dir, 'campaign.ledger.jsonl'));
    const header = ledger.find((e) => e.t === 'header');

    const imp = await runCli(['store', 'import', '--campaign', file, '--store', url, '--json'], { env: env(), cwd: dir });
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ campaignId: header.campaignId, events: ledger.length, alreadyImported: false });
    const again = await runCli(['store', 'import', '--campaign', file, '--store', url, '--json'], { env: env(), cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).alreadyImported).toBe(true);
    expect((await query(url, 'SELECT count(*)::int AS n FROM wa_ops.ledger_events WHERE campaign_id = $1', [header.campaignId]))[0].n).toBe(ledger.length);

    // The same document from the store, even from another folder (the identity is not the path).
    const elsewhere = tempDir('wa-ops-store-other-');
    writeFileSync(join(elsewhere, 'campaign.json'), readFileSync(file));
    writeFileSync(join(elsewhere, 'list.csv'), readFileSync(join(dir, 'list.csv')));
    const stored = await runCli(['status', '--campaign', join(elsewhere, 'campaign.json'), '--store', url, '--json'], { env: env(), cwd: elsewhere });
    expect(stored.code, stored.stderr).toBe(0);
    expect(JSON.parse(stored.stdout)).toEqual(JSON.parse(local.stdout));

    const out = join(elsewhere, 'exported.ledger.jsonl');
    const exp = await runCli(['store', 'export', '--campaign', join(elsewhere, 'campaign.json'), '--store', url, '--out', out, '--json'], { env: env(), cwd: elsewhere });
    expect(exp.code, exp.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(lines(out).filter((e) => e.t !== 'status')).toEqual(ledger);
    const fromFile = await runCli(['status', '--campaign', join(elsewhere, 'campaign.json'), '--ledger', out, '--json'], { env: env(), cwd: elsewhere });
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(local.stdout));

    // An existing file is never overwritten.
    const before = readFileSync(out, 'utf8');
    const clobber = await runCli(['store', 'export', '--campaign', file, '--store', url, '--out', out], { env: env(), cwd: dir });
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toMatch(/exists; wa-ops does not overwrite it/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);
  });

  it('store import waits for a local send still writing the ledger (its lock): exit 75, nothing imported', async () => {
    const { dir, file } = campaign(2, 'locked-import');
    expect((await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes'], { env: env(), cwd: dir })).code).toBe(0);
    // A live local send holds the ledger's lock (this test process stands in for it).
    const lockPath = join(dir, 'campaign.ledger.jsonl.lock');
    const held = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString(), token: 'live-send' });
    writeFileSync(lockPath, held);
    const r = await runCli(['store', 'import', '--campaign', file, '--store', url], { env: env(), cwd: dir });
    expect(r.code, r.stderr).toBe(75);
    expect(r.stderr).toMatch(/the ledger is locked by another wa-ops process/);
    expect(await query(url, 'SELECT 1 FROM wa_ops.campaigns WHERE name = $1', ['locked-import'])).toEqual([]);
    expect(readFileSync(lockPath, 'utf8')).toBe(held);
    expect(existsSync(join(dir, 'campaign.ledger.store.json'))).toBe(false);
    rmSync(lockPath);
    expect((await runCli(['store', 'import', '--campaign', file, '--store', url], { env: env(), cwd: dir })).code).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('refuses to import over a different campaign with the same identity', async () => {
    const { dir, file } = campaign(2, 'first-one');
    expect((await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes'], { env: env(), cwd: dir })).code).toBe(0);
    expect((await runCli(['store', 'import', '--campaign', file, '--store', url], { env: env(), cwd: dir })).code).toBe(0);
    // A ledger copied under another campaign: same identity, another campaign.
    const other = campaign(2, 'second-one');
    const copied = readFileSync(join(dir, 'campaign.ledger.jsonl'), 'utf8').replace(/"campaign":"first-one"/g, '"campaign":"second-one"');
    writeFileSync(join(other.dir, 'campaign.ledger.jsonl'), copied);
    const r = await runCli(['store', 'import', '--campaign', other.file, '--store', url], { env: env(), cwd: other.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds a different campaign \("first-one"\)/);
  });

  it('store export then store import is a round trip: the same store finds nothing to do, another store gets the same webhook events', async () => {
    // A store campaign whose statuses came through webhook serve --store (sandbox -> receiver -> store).
    const SECRET = 'pg-roundtrip-secret';
    const childEnv = { ...process.env, ...env(), NO_COLOR: '1', CI: '1', WA_OPS_APP_SECRET: SECRET };
    const receiver = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'webhook', 'serve', '--port', '0', '--store', url], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise((r) => receiver.on('close', r));
    const hookUrl = await new Promise<string>((resolve) => receiver.stdout.once('data', (d) => resolve(String(d).trim())));
    const hooked = await startSandbox({ webhookUrl: hookUrl, appSecret: SECRET, statusDelayMs: 20, mps: 1000 });
    const { dir, file } = campaign(5, 'pg-roundtrip');
    try {
      const sent = await runCli(['send', '--campaign', file, '--store', url, '--interval', '10ms', '--yes'], { env: { ...env(), WA_OPS_GRAPH_URL: hooked.url }, cwd: dir });
      expect(sent.code, sent.stderr).toBe(0);
      const delivered = async () => JSON.parse((await runCli(['status', '--campaign', file, '--store', url, '--json'], { env: env(), cwd: dir })).stdout).delivered;
      for (const end = Date.now() + 20_000; (await delivered()) < 5; await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error('no statuses');
    } finally {
      await hooked.close();
      receiver.kill('SIGTERM');
      await closed;
    }
    const id = (await query<{ campaign_id: string }>(url, 'SELECT campaign_id FROM wa_ops.campaigns WHERE name = $1', ['pg-roundtrip']))[0].campaign_id;
    const records = async (db: string) => (await query<{ record: unknown }>(db, 'SELECT record FROM wa_ops.webhook_events WHERE campaign_id = $1 ORDER BY dedupe_key', [id])).map((r) => r.record);
    const original = await records(url);
    expect(original.length).toBeGreaterThanOrEqual(10); // sent + delivered (+ read) for 5 messages

    // Leave the store (README): export to the local ledger path, delete the note; then come back with import.
    const ledgerPath = join(dir, 'campaign.ledger.jsonl');
    expect((await runCli(['store', 'export', '--campaign', file, '--store', url, '--out', ledgerPath], { env: env(), cwd: dir })).code).toBe(0);
    rmSync(join(dir, 'campaign.ledger.store.json'));
    const back = await runCli(['store', 'import', '--campaign', file, '--store', url, '--json'], { env: env(), cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ alreadyImported: true, webhookEvents: 0 });

    // Moving to another store: the webhook events arrive whole (analyze keeps latencies and pricing), not as ledger lines.
    rmSync(join(dir, 'campaign.ledger.store.json'));
    const other = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', other], { env: env() })).code).toBe(0);
    const moved = await runCli(['store', 'import', '--campaign', file, '--store', other], { env: env(), cwd: dir });
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(new RegExp(`${original.length} webhook statuses \\(exported with it\\)`));
    expect(await records(other)).toEqual(original);
    // An import cut short after its ledger (killed, connection dropped) is completed by running it again.
    await query(other, 'DELETE FROM wa_ops.webhook_events WHERE campaign_id = $1', [id]);
    rmSync(join(dir, 'campaign.ledger.store.json'));
    const completed = await runCli(['store', 'import', '--campaign', file, '--store', other, '--json'], { env: env(), cwd: dir });
    expect(JSON.parse(completed.stdout)).toMatchObject({ alreadyImported: true, webhookEvents: original.length });
    expect(await records(other)).toEqual(original);
    const ledgerRows = async (db: string) => (await query<{ n: number }>(db, 'SELECT count(*)::int AS n FROM wa_ops.ledger_events WHERE campaign_id = $1', [id]))[0].n;
    expect(await ledgerRows(other)).toBe(await ledgerRows(url));
    const analyze = async (db: string) => JSON.parse((await runCli(['webhook', 'analyze', '--store', db, '--json'], { env: env() })).stdout);
    const [a, b] = [await analyze(url), await analyze(other)];
    const mine = (doc: { funnels: { campaign: string }[] }) => doc.funnels.find((f) => f.campaign === id);
    expect(mine(b)).toEqual(mine(a));
    expect(mine(b)).toMatchObject({ delivered: 5, noStatus: 0 });
  });
});
