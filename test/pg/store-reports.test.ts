// What the PostgreSQL store reports and where it writes: webhook analyze --store counts each campaign's funnel
// exactly as status does; store export --out - writes the ledger to standard output; webhook serve refuses
// --events with --store; send --to --wait follows the statuses a webhook serve --store records.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl } from './db.js';

const SECRET = 'store-reports-secret';
let sb: SandboxServer;
let url: string;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', WA_OPS_APP_SECRET: SECRET, ...extra });

/** A campaign of four numbers and one that is not a number (skipped), sent one recipient at a time with the store. */
async function funnelCampaign(dir: string, name: string): Promise<void> {
  writeFileSync(join(dir, 'list.csv'), 'phone\n+491701270001\n+491701270002\n+491701270003\nnot-a-number\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name, recipients: 'list.csv', phoneColumn: 'phone', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
  const sent = await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms', '--limit', '1', '--store', url], { env: env(), cwd: dir });
  expect(sent.code, sent.stderr).toBe(0);
}

/** webhook serve on a free port; resolves with its URL once it listens. */
function serve(args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Promise<{ url: string; child: ChildProcess; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'webhook', 'serve', '--port', '0', ...args], { cwd, env: cleanEnv(env(extra)), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve({ url: String(d).trim(), child, stderr: () => err, stop: () => (child.kill('SIGINT'), closed) }));
    void closed.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

describe.skipIf(!pgUrl)('reports and outputs of the PostgreSQL store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('webhook analyze --store counts a campaign as status does (total, sent, pending, skipped from the stored ledger)', async () => {
    const dir = tempDir('wa-ops-store-funnel-');
    await funnelCampaign(dir, 'funnel');
    const status = JSON.parse((await runCli(['status', '--campaign', 'c.json', '--store', url, '--json'], { env: env(), cwd: dir })).stdout);
    expect(status).toMatchObject({ total: 4, sent: 1, pending: 2, skipped: 1 });
    const analyzed = await runCli(['webhook', 'analyze', '--store', url, '--json'], { env: env(), cwd: dir });
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const funnel = JSON.parse(analyzed.stdout).funnels.find((f: { campaign: string }) => f.campaign.startsWith('funnel-'));
    const keys = ['total', 'sent', 'delivered', 'read', 'failed', 'pending', 'unknown', 'skipped'] as const;
    for (const k of keys) expect(funnel[k], k).toBe(status[k]);
    expect(funnel).toMatchObject({ accepted: 1, template: 'hello_world:en_US' });
    expect(funnel.sent + funnel.failed + funnel.pending + funnel.unknown + funnel.skipped).toBe(funnel.total);
  });

  it('store export --out - writes the ledger to standard output (no file named "-"); with --json it is refused', async () => {
    const dir = tempDir('wa-ops-store-stdout-');
    await funnelCampaign(dir, 'exported');
    const r = await runCli(['store', 'export', '--campaign', 'c.json', '--store', url, '--out', '-'], { env: env(), cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ t: 'header', campaign: 'exported' });
    expect(lines.filter((e) => e.t === 'sent')).toHaveLength(1);
    expect(r.stderr).toMatch(/to standard output/);
    expect(existsSync(join(dir, '-'))).toBe(false);
    const json = await runCli(['store', 'export', '--campaign', 'c.json', '--store', url, '--out', '-', '--json'], { env: env(), cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe('bad-flag');
  });

  it('webhook serve refuses --events (or --suppressions) with --store (exit 2, nothing written); --events beats a store from WA_OPS_STORE, with a warning', async () => {
    const dir = tempDir('wa-ops-store-serve-');
    const both = await runCli(['webhook', 'serve', '--port', '0', '--store', url, '--events', 'x.jsonl'], { env: env(), cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')[0]).toMatch(/pass --events or --store, not both/);
    const sup = await runCli(['webhook', 'serve', '--port', '0', '--store', url, '--suppressions', 's.jsonl'], { env: env(), cwd: dir });
    expect(sup.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    const s = await serve(['--events', 'x.jsonl'], dir, { WA_OPS_STORE: url });
    expect(await s.stop()).toBe(130);
    expect(s.stderr()).toMatch(/--events given: webhook serve uses that file, not the store from WA_OPS_STORE/);
    expect(s.stderr()).not.toContain(decodeURIComponent(new URL(pgUrl).password));
    expect(s.stderr()).toMatch(/events to .*x\.jsonl/);
    // The store flag beats a WA_OPS_EVENTS default: no error, the events go to the store.
    const t = await serve(['--store', url], dir, { WA_OPS_EVENTS: 'y.jsonl' });
    expect(await t.stop()).toBe(130);
    expect(t.stderr()).toMatch(/events to postgres:/);
  });

  it('send --to --wait with a store configured follows the statuses webhook serve --store records', async () => {
    const dir = tempDir('wa-ops-store-wait-');
    const receiver = await serve(['--store', url], dir);
    const withHooks = await startSandbox({ mps: 1000, webhookUrl: receiver.url, appSecret: SECRET });
    try {
      const r = await runCli(['send', '--to', '+491701280001', '--template', 'hello_world:en_US', '--yes', '--wait', '--wait-timeout', '20s'], { env: env({ WA_OPS_GRAPH_URL: withHooks.url, WA_OPS_STORE: url }), cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/for status webhooks in postgres:\/\//);
      expect(r.stderr).toMatch(/delivered after/);
      expect(existsSync(join(dir, 'webhook-events.jsonl'))).toBe(false);
      const json = await runCli(['send', '--to', '+491701280002', '--template', 'hello_world:en_US', '--yes', '--wait', '--wait-timeout', '20s', '--store', url, '--json'], { env: env({ WA_OPS_GRAPH_URL: withHooks.url }), cwd: dir });
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout).delivery.state).toMatch(/delivered|read/);

      // A campaign's statuses, stored by the receiver: analyze --store counts delivered and read as status --store does.
      writeFileSync(join(dir, 'list.csv'), 'phone\n+491701340001\n+491701340002\n');
      writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'hooked', recipients: 'list.csv', phoneColumn: 'phone', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
      const e = env({ WA_OPS_GRAPH_URL: withHooks.url, WA_OPS_STORE: url });
      expect((await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms'], { env: e, cwd: dir })).code).toBe(0);
      const statusNow = async () => JSON.parse((await runCli(['status', '--campaign', 'c.json', '--json'], { env: e, cwd: dir })).stdout) as Record<string, number>;
      for (let i = 0; i < 50 && (await statusNow()).delivered !== 2; i++) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 1000)); // the read receipts the sandbox sends come soon after
      const status = await statusNow();
      expect(status).toMatchObject({ total: 2, sent: 2, delivered: 2 });
      const funnel = JSON.parse((await runCli(['webhook', 'analyze', '--json'], { env: e, cwd: dir })).stdout).funnels.find((f: { campaign: string }) => f.campaign.startsWith('hooked-'));
      expect(funnel).toMatchObject({ total: 2, sent: 2, delivered: 2, noStatus: 0 });
      // A late read receipt may land between the two reads: the funnel's count lies between status before and after.
      expect(funnel.read).toBeGreaterThanOrEqual(status.read);
      expect(funnel.read).toBeLessThanOrEqual((await statusNow()).read);
    } finally {
      await withHooks.close();
      await receiver.stop();
    }
  });
});
