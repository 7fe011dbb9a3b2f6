// status --watch --store through a PostgreSQL restart: the watch keeps its last counts while the store is away and
// refreshes once it is back, as the send it watches rides out the same outage (it used to end with exit 2).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe.skipIf(!pgUrl || !findPgBin())('status --watch --store through a PostgreSQL restart', () => {
  beforeAll(async () => {
    [sb, cluster] = await Promise.all([startSandbox({ mps: 1000 }), startCluster()]);
    expect((await runCli(['store', 'migrate', '--store', cluster.url], { env: env() })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await sb?.close();
    cluster?.stop();
  });

  it('keeps watching (says so once, never exits) while the store restarts, and refreshes when it is back', async () => {
    const dir = tempDir('wa-ops-watch-outage-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917391000001,V1\nB,+4917391000002,V2\n');
    const file = join(dir, 'campaign.json');
    writeFileSync(file, JSON.stringify({ name: 'watched', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const sent = await runCli(['send', '--campaign', file, '--store', cluster.url, '--interval', '10ms', '--yes', '--json'], { env: env(), cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);

    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'status', '--campaign', file, '--store', cluster.url, '--watch', '--json', '--interval', '200ms'], { env: env(), cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let exited: number | null | undefined;
    const done = new Promise<number | null>((r) => child.on('close', (code) => r((exited = code))));
    const lines = () => stdout.split('\n').filter(Boolean).length;
    for (const end = Date.now() + 30_000; lines() < 2; await sleep(50)) if (Date.now() > end) throw new Error(`no frame: ${stderr}`);
    await cluster.halt();
    await sleep(2000);
    expect(exited, stderr).toBeUndefined();
    await cluster.resume();
    const before = lines();
    for (const end = Date.now() + 30_000; lines() < before + 2; await sleep(50)) if (Date.now() > end || exited !== undefined) throw new Error(`no frame after the restart (exit ${exited}): ${stderr}`);
    child.kill('SIGINT');
    expect(await done).toBe(130);
    expect(stderr.match(/counts not refreshed until it is back/g)).toHaveLength(1);
    expect(stderr).not.toContain(cluster.password);
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as { total: number; sent: number };
    expect(last).toMatchObject({ total: 2, sent: 2 });
  }, 120_000);
});
