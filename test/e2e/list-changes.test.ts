// The CRM list changes between runs (a row added on top, a number fixed): status, campaigns, the export and the next
// send all count the list as it is now, with the built binary against the sandbox.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

const sentTo = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);

describe('a list that changes between runs', () => {
  it('a row added on top: nobody stays unsent behind "done", the export has one row per recipient, totals match the list', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const dir = tempDir('wa-ops-list-change-');
    const list = join(dir, 'l.csv');
    const file = join(dir, 'c.json');
    writeFileSync(list, 'name,phone\nA,+4915240000001\nB,abc\nC,+4915240000003\n');
    writeFileSync(file, JSON.stringify({ name: 'rep2', recipients: 'l.csv', template: { name: 'hello_world', language: 'en_US' } }));
    const send = (...more: string[]) => runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', ...more], { env: env(), cwd: dir });
    expect((await send('--limit', '1')).code).toBe(0);
    writeFileSync(list, 'name,phone\nN,+4915240000009\nA,+4915240000001\nB,abc\nC,+4915240000003\n');
    expect((await send('--limit', '1')).code).toBe(0);

    const status = JSON.parse((await runCli(['status', '--campaign', file, '--json'], { env: env(), cwd: dir })).stdout);
    expect(status).toMatchObject({ total: 4, sent: 2, pending: 1, skipped: 1, unknown: 0, failed: 0 });
    const campaigns = JSON.parse((await runCli(['campaigns', '--dir', dir, '--json'], { env: env(), cwd: dir })).stdout);
    expect(campaigns.campaigns[0]).toMatchObject({ name: 'rep2', state: 'stopped', total: 4, sent: 2, pending: 1, skipped: 1 });
    const exported = await runCli(['status', '--campaign', file, '--export', '-'], { env: env(), cwd: dir });
    const rows = exported.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['+4915240000009', '2', 'sent'],
      ['+4915240000001', '3', 'sent'],
      ['', '4', 'skipped'],
      ['+4915240000003', '5', 'pending'],
    ]);

    const last = await send('--json');
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ total: 4, sent: 3, pending: 0, skipped: 1, thisRun: { sent: 1 } });
    expect((await sentTo()).sort()).toEqual(['+4915240000001', '+4915240000003', '+4915240000009']);
  });

  it('a number fixed between runs becomes pending and is sent; status --export of a list changed since the last send counts that list', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const dir = tempDir('wa-ops-list-fix-');
    const list = join(dir, 'l.csv');
    const file = join(dir, 'c.json');
    writeFileSync(list, 'name,phone\nA,+4915240000011\nB,0049-abc\n');
    writeFileSync(file, JSON.stringify({ name: 'fixed', recipients: 'l.csv', template: { name: 'hello_world', language: 'en_US' } }));
    expect((await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes'], { env: env(), cwd: dir })).code).toBe(0);
    writeFileSync(list, 'name,phone\nA,+4915240000011\nB,+4915240000012\n');
    const before = await runCli(['status', '--campaign', file, '--json', '--export', join(dir, 'out.csv')], { env: env(), cwd: dir });
    expect(JSON.parse(before.stdout)).toMatchObject({ total: 2, sent: 1, pending: 1, skipped: 0 });
    expect(before.stderr).toMatch(/changed since the last send/);
    const again = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env(), cwd: dir });
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 2, sent: 2, pending: 0, skipped: 0, thisRun: { sent: 1 } });
    expect(await sentTo()).toContain('+4915240000012');
  });
});
