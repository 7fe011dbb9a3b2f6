// `wa-ops campaigns --store`: the campaigns a PostgreSQL store holds, one line each, as for a folder.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl } from './db.js';

let sb: SandboxServer;
let url: string;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

function campaign(dir: string, name: string, n: number, first: number): string {
  const rows = Array.from({ length: n }, (_, i) => `Name${i},+49171${first + i},V${i}`);
  writeFileSync(join(dir, `${name}.csv`), 'first_name,phone,voucher\n' + rows.join('\n') + '\n');
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, recipients: `${name}.csv`, template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return file;
}

describe.skipIf(!pgUrl)('campaigns --store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url])).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('lists each stored campaign with its state, progress and last activity; WA_OPS_STORE alone is enough', async () => {
    const dir = tempDir('wa-ops-campaigns-store-');
    const done = campaign(dir, 'pg-done', 3, 7000001);
    const limited = campaign(dir, 'pg-limited', 4, 7000101);
    expect((await runCli(['send', '--campaign', done, '--store', url, '--interval', '10ms', '--yes'], { env: env() })).code).toBe(0);
    expect((await runCli(['send', '--campaign', limited, '--store', url, '--interval', '10ms', '--limit', '1', '--yes'], { env: env() })).code).toBe(0);

    const r = await runCli(['campaigns', '--store', url, '--json'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ dir: null, count: 2, store: expect.stringContaining('127.0.0.1') });
    expect(doc.campaigns).toEqual([
      expect.objectContaining({ name: 'pg-done', state: 'done', progress: 1, total: 3, sent: 3, campaignId: expect.stringMatching(/^pg-done-/), lastActivity: expect.any(String) }),
      expect.objectContaining({ name: 'pg-limited', state: 'stopped', sent: 1, pending: 3 }),
    ]);

    const text = await runCli(['campaigns'], { env: { ...env(), WA_OPS_STORE: url }, cwd: tempDir() });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/pg-done +done +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\) +\(store\) pg-done-\S+ +3\/3 \(100 %\)/);
    expect(text.stdout).toMatch(/pg-limited +stopped .* 1\/4 \(25 %\)/);
    // A folder named on the command line is listed instead of the store from the environment.
    const folder = await runCli(['campaigns', '--dir', dir, '--json'], { env: { ...env(), WA_OPS_STORE: url } });
    expect(JSON.parse(folder.stdout)).toMatchObject({ dir, store: null, count: 2 });
    // Files or the store: the same keys.
    expect(Object.keys(JSON.parse(folder.stdout))).toEqual(Object.keys(doc));
  });

  it('status --watch --store: one JSON line per interval from the store, exit 130 on Ctrl-C', async () => {
    const dir = tempDir('wa-ops-watch-store-');
    const file = campaign(dir, 'pg-watched', 2, 7000201);
    expect((await runCli(['send', '--campaign', file, '--store', url, '--interval', '10ms', '--yes'], { env: env() })).code).toBe(0);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'status', '--campaign', file, '--store', url, '--watch', '--interval', '200ms', '--json'], { cwd: dir, env: cleanEnv(env()), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (!child.killed && out.split('\n').filter(Boolean).length >= 2) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatchObject({ campaign: 'pg-watched', total: 2, sent: 2, pending: 0, etaSeconds: null });
  });
});
