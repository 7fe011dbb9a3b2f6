// An opt-out that arrives while a campaign sends (a STOP to an earlier message, recorded by webhook serve or by hand):
// a run of many hours must not send to that person later in the same run. Local files; the store's case is in
// test/pg/suppressions-store.test.ts.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(async () => {
  await sb.close();
});

const accepted = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);

describe('send: opt-outs during the run', () => {
  it('a number added to the suppression list while the campaign sends is skipped (recorded), not sent', async () => {
    const dir = tempDir('wa-ops-optout-run-');
    const numbers = Array.from({ length: 8 }, (_, i) => `+4917044${String(i).padStart(5, '0')}`);
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `N${i},${p},V${i}`).join('\n') + '\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'optout-run', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = cleanEnv({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', 'c.json', '--interval', '700ms', '--yes', '--json'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((r) => child.on('close', r));
    for (const end = Date.now() + 30_000; (await accepted()).length < 1; await new Promise((r) => setTimeout(r, 50))) if (Date.now() > end) throw new Error(stderr);
    // The last recipient replies STOP (webhook serve would append the same record to the same list).
    const add = await runCli(['suppressions', 'add', numbers[7], '--reason', 'stop-word'], { cwd: dir, env });
    expect(add.code, add.stderr).toBe(0);
    expect(await done, stderr).toBe(0);
    expect(await accepted()).toEqual(numbers.slice(0, 7));
    expect(JSON.parse(stdout)).toMatchObject({ sent: 7, skipped: 1, pending: 0, total: 8 });
    expect(stderr).toContain(`${numbers[7]} opted out during the run (stop-word): not sent`);
    const status = JSON.parse((await runCli(['status', '--campaign', 'c.json', '--json'], { cwd: dir, env })).stdout);
    expect(status).toMatchObject({ sent: 7, skipped: 1, pending: 0 });
  });

  it('a list that cannot be read again mid-run is said once on stderr; the run goes on with what it knew', async () => {
    const dir = tempDir('wa-ops-optout-broken-');
    const numbers = Array.from({ length: 6 }, (_, i) => `+4917045${String(i).padStart(5, '0')}`);
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `N${i},${p},V${i}`).join('\n') + '\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'optout-broken', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = cleanEnv({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', 'c.json', '--interval', '1s', '--yes', '--json'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((r) => child.on('close', r));
    for (const end = Date.now() + 30_000; !(await accepted()).includes(numbers[0]); await new Promise((r) => setTimeout(r, 50))) if (Date.now() > end) throw new Error(stderr);
    // A folder where the list goes: the next look at the list fails, and keeps failing.
    mkdirSync(join(dir, 'wa-ops.suppressions.jsonl'));
    expect(await done, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ sent: 6, total: 6 });
    expect(stderr.split('cannot read the suppression list again').length - 1).toBe(1);
  });
});
