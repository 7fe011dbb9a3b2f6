// A worker waiting for another first worker to store a new campaign, when the store goes away meanwhile: a store
// error (exit 2, the store named, nothing sent), never "internal error" (exit 70) as it was. Its own cluster (halted).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';
import { findPgBin, startCluster, type Cluster } from './cluster.js';
import { pgUrl } from './db.js';

let sb: SandboxServer;
let cluster: Cluster;

const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) out[k] = v;
  return { ...out, NO_COLOR: '1', CI: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!pgUrl || !findPgBin())('a worker waiting for the campaign to be stored, when the store goes away', () => {
  beforeAll(async () => {
    [sb, cluster] = await Promise.all([startSandbox({ mps: 1000 }), startCluster()]);
    expect((await runCli(['store', 'migrate', '--store', cluster.url], { env: env() })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await sb?.close();
    cluster?.stop();
  });

  it('ends with the store error (exit 2), not an internal error (70); nothing sent', async () => {
    const dir = tempDir('wa-ops-naming-outage-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917392000001,V1\n');
    const file = join(dir, 'campaign.json');
    writeFileSync(file, JSON.stringify({ name: 'naming-outage', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    // Another first worker of this campaign, at its confirmation prompt: it holds the naming lock.
    const holder = new pg.Client({ connectionString: cluster.url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['wa-ops:campaign:naming-outage']);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', cluster.url, '--yes', '--interval', '50ms'], { env: env(), cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const done = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    for (const end = Date.now() + 30_000; !/waiting for another worker that is starting campaign/.test(stderr); await sleep(50)) if (Date.now() > end) throw new Error(`never waited: ${stderr}`);
    await cluster.halt();
    try {
      const code = await done;
      expect(stderr).not.toMatch(/internal error/);
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(/the store at wa_ops@127\.0\.0\.1/);
      expect(stderr).not.toContain(cluster.password);
    } finally {
      await cluster.resume();
      await holder.end().catch(() => undefined);
    }
    const sent = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data;
    expect(sent).toEqual([]);
  }, 120_000);
});
