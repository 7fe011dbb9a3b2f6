import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
let next = 5000001;

function campaign(dir: string, base: string, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `Name${i},+49171${String(next++)},V${i}`);
  writeFileSync(join(dir, `${base}.csv`), 'first_name,phone,voucher\n' + rows.join('\n') + '\n');
  const file = join(dir, `${base}.json`);
  writeFileSync(file, JSON.stringify({ name: base, recipients: `${base}.csv`, template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return file;
}

const list = async (dir: string) => {
  const r = await runCli(['campaigns', '--dir', dir, '--json'], { env: env() });
  expect(r.code).toBe(0);
  return Object.fromEntries((JSON.parse(r.stdout).campaigns as { name: string }[]).map((c) => [c.name, c])) as Record<string, Record<string, unknown>>;
};

beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

describe('campaigns', () => {
  it('one line per campaign of a folder: not started, done, stopped by --limit, paused by a cooldown, invalid; other JSON ignored', async () => {
    const dir = tempDir('wa-ops-campaigns-');
    campaign(dir, 'a-fresh', 2);
    const done = campaign(dir, 'b-done', 3);
    const limited = campaign(dir, 'c-limited', 4);
    const paused = campaign(dir, 'd-paused', 3);
    writeFileSync(join(dir, 'e-broken.json'), JSON.stringify({ name: 'e-broken', recipients: 'x.csv', template: 'spring_sale' }));
    writeFileSync(join(dir, 'wa-ops.config.json'), JSON.stringify({ wabaId: '1' }));
    expect((await runCli(['send', '--campaign', done, '--interval', '20ms', '--yes'], { env: env() })).code).toBe(0);
    expect((await runCli(['send', '--campaign', limited, '--interval', '20ms', '--limit', '1', '--yes'], { env: env() })).code).toBe(0);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    expect((await runCli(['send', '--campaign', paused, '--interval', '20ms', '--no-wait', '--yes'], { env: env() })).code).toBe(75);

    const c = await list(dir);
    expect(Object.keys(c)).toEqual(['a-fresh', 'b-done', 'c-limited', 'd-paused', 'e-broken.json']);
    expect(c['a-fresh']).toMatchObject({ state: 'not started', lastActivity: null, file: 'a-fresh.json' });
    expect(c['b-done']).toMatchObject({ state: 'done', sent: 3, pending: 0, progress: 1, lastActivity: expect.stringMatching(/^\d{4}-/), campaignId: expect.stringMatching(/^b-done-/) });
    expect(c['a-fresh'].campaignId).toBeUndefined();
    expect(c['c-limited']).toMatchObject({ state: 'stopped', sent: 1, pending: 3, progress: 0.25 });
    expect(c['d-paused']).toMatchObject({ state: 'paused', cooldownUntil: expect.any(String) });
    expect(c['e-broken.json']).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/e-broken\.json: "template" must be an object/) });

    const human = await runCli(['campaigns', '--dir', dir], { env: env() });
    const lines = human.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith('c-limited'))).toMatch(/stopped .*1\/4 \(25 %\)/);
    // People read the last activity in local time with its offset (--json keeps ISO-8601).
    expect(lines.find((l) => l.startsWith('b-done'))).toMatch(/done +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\) /);
    expect(human.stdout).not.toMatch(/\d\dZ/);
  });

  it('a campaign paused by a cooldown is "paused" while it is in force and "stopped" once it ended (status agrees: no cooldown)', async () => {
    const dir = tempDir('wa-ops-campaigns-cooldown-');
    const file = campaign(dir, 'cooled', 3);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    expect((await runCli(['send', '--campaign', file, '--interval', '1s', '--cooldown', '4s', '--no-wait', '--yes'], { env: env() })).code).toBe(75);
    const during = (await list(dir)).cooled;
    expect(during).toMatchObject({ state: 'paused', cooldownUntil: expect.any(String) });
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(String(during.cooldownUntil)) - Date.now()) + 300));
    const after = (await list(dir)).cooled;
    expect(after).toMatchObject({ state: 'stopped', cooldownUntil: null });
    expect(after.pending).toBeGreaterThan(0);
    const status = JSON.parse((await runCli(['status', '--campaign', file, '--json'], { env: env() })).stdout);
    expect(status).toMatchObject({ cooldownUntil: null, pending: after.pending });
    expect((await runCli(['campaigns', '--dir', dir], { env: env() })).stdout).toMatch(/cooled +stopped /);
  });

  it('a campaign not started shows the counts status shows; a missing list, a corrupt ledger are invalid lines; folders, .env and other files are not campaigns', async () => {
    const dir = tempDir('wa-ops-campaigns-fresh-');
    const fresh = campaign(dir, 'fresh', 3);
    writeFileSync(join(dir, 'fresh.csv'), 'first_name,phone,voucher\nA,+4917150000001,V1\nB,+4917150000001,V2\nC,not a number,V3\nD,+4917150000002,V4\n');
    writeFileSync(join(dir, 'no-list.json'), JSON.stringify({ name: 'no-list', recipients: 'missing.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name'] } }));
    writeFileSync(join(dir, 'orphan.ledger.jsonl'), 'not json\n');
    writeFileSync(join(dir, '.env'), 'WA_OPS_TOKEN=x\n');
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ name: 'x', language: 'en', components: [] }));
    mkdirSync(join(dir, 'folder.json'));
    const c = await list(dir);
    expect(Object.keys(c).sort()).toEqual(['fresh', 'no-list', 'orphan.ledger.jsonl']);
    const status = JSON.parse((await runCli(['status', '--campaign', fresh, '--json'], { env: env() })).stdout);
    expect(c.fresh).toMatchObject({ state: 'not started', total: 4, skipped: 2, pending: 2 });
    expect({ total: status.total, skipped: status.skipped, pending: status.pending }).toEqual({ total: 4, skipped: 2, pending: 2 });
    expect(c['no-list']).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/missing\.csv: no such file/) });
    expect(c['orphan.ledger.jsonl']).toMatchObject({ state: 'invalid', problem: expect.stringMatching(/corrupt ledger line/) });
    const human = await runCli(['campaigns', '--dir', dir], { env: env() });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/fresh +not started .*2 to send, 2 skipped/);
  });

  it('shows a send in progress as running, then interrupted after Ctrl-C; a missing folder is exit 2', async () => {
    const dir = tempDir('wa-ops-campaigns-running-');
    const file = campaign(dir, 'slow', 12);
    const accepted = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;
    const before = await accepted();
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--interval', '500ms', '--yes'], { cwd: tempDir(), env: cleanEnv(env()), stdio: 'ignore' });
    let state = '';
    for (let i = 0; i < 50 && state !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      state = String((await list(dir)).slow?.state);
    }
    expect(state).toBe('running');
    // Interrupt once messages go out (a signal during the pre-flight leaves a campaign that never started).
    for (let i = 0; i < 100; i++) {
      if ((await accepted()) > before) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    expect((await list(dir)).slow).toMatchObject({ state: 'interrupted' });
    const missing = await runCli(['campaigns', '--dir', join(dir, 'nope')], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such folder/);
  });
});
