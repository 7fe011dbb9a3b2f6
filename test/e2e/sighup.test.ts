// A dropped ssh session (SIGHUP) stops each long-running command the way SIGTERM does, saving what it has, but says
// so (not "SIGTERM") and exits 129: status --watch, templates status --watch, demo, and a send interrupted before sending.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, fixtures, root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', NO_COLOR: '1', CI: '1' });
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000, reviewDelayMs: 600_000 });
});
afterAll(() => sb.close());

/** Start wa-ops, send SIGHUP once its output matches `ready`, and collect what it wrote. */
function hangUpWhen(args: string[], ready: RegExp | Promise<void>, o: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { cwd: o.cwd ?? tempDir(), env: cleanEnv(o.env ?? env()), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const hangUp = () => {
      if (sent) return;
      sent = true;
      child.kill('SIGHUP');
    };
    const check = () => ready instanceof RegExp && ready.test(stdout + stderr) && hangUp();
    if (!(ready instanceof RegExp)) void ready.then(hangUp);
    child.stdout.on('data', (d) => ((stdout += d), check()));
    child.stderr.on('data', (d) => ((stderr += d), check()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function campaign(n: number): { dir: string; file: string } {
  const dir = tempDir('wa-ops-hup-');
  const rows = Array.from({ length: n }, (_, i) => `Name${i},+4917150${String(i).padStart(5, '0')}1,V${i}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + rows.join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name: 'hup', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { dir, file };
}

describe('SIGHUP', () => {
  it('status --watch: exit 129 after the frames so far; the ledger it reads is left as it was', async () => {
    const { dir, file } = campaign(3);
    expect((await runCli(['send', '--campaign', file, '--interval', '20ms', '--limit', '1', '--yes'], { env: env() })).code).toBe(0);
    const ledger = readFileSync(join(dir, 'campaign.ledger.jsonl'), 'utf8');
    const r = await hangUpWhen(['status', '--campaign', file, '--watch', '--interval', '100ms'], /hup: sent 1[^\n]*\n[^\n]*hup: sent 1[^\n]*\n/);
    expect(r.code).toBe(129);
    expect(r.stdout).toMatch(/hup: sent 1 .*pending 2/);
    expect(readFileSync(join(dir, 'campaign.ledger.jsonl'), 'utf8')).toBe(ledger);
  }, 30_000);

  it('send waiting out a cooldown: exit 129, the --json error says SIGHUP, not SIGTERM; the cooldown is kept for the resume', async () => {
    const { dir, file } = campaign(2);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const r = await hangUpWhen(['send', '--campaign', file, '--interval', '20ms', '--cooldown', '1m', '--yes', '--json'], /cooldown: code 130429/);
    expect(r.code).toBe(129);
    const doc = JSON.parse(r.stdout);
    expect(doc.outcome ?? doc.error?.code).toMatch(/interrupted/);
    expect(r.stdout + r.stderr).not.toMatch(/SIGTERM/);
    const paused = await runCli(['send', '--campaign', file, '--no-wait', '--yes', '--json'], { env: env() });
    expect(paused.code).toBe(75);
    expect(existsSync(join(dir, 'campaign.ledger.jsonl'))).toBe(true);
  }, 30_000);

  it('templates status --watch: exit 129 with the table so far', async () => {
    // A template under review (the sandbox decides in 10 minutes): the watch polls until the hangup.
    const dir = tempDir('wa-ops-hup-tpl-');
    const file = join(dir, 'receipt_hup.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(join(fixtures, 'templates/clean/payment_receipt.json'), 'utf8')), name: 'receipt_hup' }));
    expect((await runCli(['templates', 'push', file], { env: env() })).code).toBe(0);
    // Hung up once the watch has polled the review twice (it prints nothing until a status changes).
    const templates = sb.state.templates;
    const values = templates.values.bind(templates);
    let lists = 0;
    templates.values = () => (lists++, values());
    const polled = (async () => {
      for (let i = 0; i < 300 && lists < 3; i++) await new Promise((r) => setTimeout(r, 50));
    })();
    const r = await hangUpWhen(['templates', 'status', 'receipt_hup', '--watch', '--interval', '100ms', '--timeout', '30s'], polled, { env: env() }).finally(() => (templates.values = values));
    expect(r.code).toBe(129);
    expect(r.stdout).toMatch(/receipt_hup:en_US.*PENDING/);
    expect(r.stderr).not.toMatch(/SIGTERM|internal error/);
  }, 30_000);

  it('demo --keep: exit 129, "interrupted by SIGHUP", its folder kept', async () => {
    const tmp = tempDir('wa-ops-demo-hup-');
    const r = await hangUpWhen(['demo', '--keep'], /Send a campaign/, { env: { TMPDIR: tmp } });
    expect(r.code).toBe(129);
    expect(r.stderr).toMatch(/interrupted by SIGHUP/);
    expect(r.stderr).not.toMatch(/SIGTERM|internal error/);
    expect(r.stderr).toMatch(/the demo's folder is kept/);
    expect(readdirSync(tmp).length).toBeGreaterThan(0);
  }, 60_000);
});
