// Interruptions before the first request (a cooldown wait, the pre-flight): one message that says nothing
// was sent and how to go on; a resumed run says once which options it kept.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

const PN = '109876543210987';
const envFor = (url: string) => ({ WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: PN, WA_OPS_WABA_ID: '210987654321098' });
const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'g')) ?? []).length;

function campaign(n: number): { dir: string; file: string } {
  const dir = tempDir('wa-ops-intr-');
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + Array.from({ length: n }, (_, i) => `N${i},+4917188${String(i).padStart(5, '0')},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name: 'intr', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { dir, file };
}

/** Start a send and stop it with a signal once its stderr matches. */
async function interruptWhen(args: string[], env: Record<string, string>, re: RegExp, signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { env: cleanEnv(env), cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  await new Promise<void>((resolve) => {
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (re.test(stderr)) resolve();
    });
    child.on('close', () => resolve());
  });
  child.kill(signal);
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, stderr, stdout };
}

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

describe('interrupted before the first request', () => {
  it('a dropped ssh session (SIGHUP) mid-campaign: state saved, the resume line, exit 129', async () => {
    const { file } = campaign(40);
    const r = await interruptWhen(['send', '--campaign', file, '--interval', '200ms', '--yes'], envFor(sb.url), /sent|1\//, 'SIGHUP');
    expect(r.code).toBe(129);
    expect(count(r.stderr, /resume with:/)).toBe(1);
  }, 30_000);

  it('a hangup whose terminal is gone (stdout closed): the --json run still saves its state and exits 129, not 141', async () => {
    const { file } = campaign(40);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--interval', '200ms', '--yes', '--json'], { env: cleanEnv(envFor(sb.url)), cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise<number | null>((r) => child.on('close', r));
    // Sending has begun once the sandbox has taken a message from this run.
    const accepted = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;
    const before = await accepted();
    for (let i = 0; i < 100; i++) {
      const now = await accepted();
      if (now > before) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.stdout!.destroy();
    child.kill('SIGHUP');
    expect(await closed).toBe(129);
  }, 30_000);

  it('during a cooldown wait: exit 130, "nothing was sent" and the resume command once each', async () => {
    const { file } = campaign(3);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const first = await runCli(['send', '--campaign', file, '--interval', '20ms', '--no-wait', '--yes', '--json'], { env: envFor(sb.url) });
    expect(first.code).toBe(75);
    const r = await interruptWhen(['send', '--campaign', file, '--interval', '30ms', '--yes'], envFor(sb.url), /waiting \(Ctrl-C stops/);
    expect(r.code).toBe(130);
    expect(count(r.stderr, /nothing was sent/)).toBe(1);
    expect(count(r.stderr, /resume with:/)).toBe(1);
    expect(r.stderr).toMatch(/resume with: wa-ops send --campaign \S+ --interval 30ms --yes\n/);
  });

  it('a refused first request (a cooldown) then Ctrl-C: "nothing was sent" is still true and said', async () => {
    // One recipient: its one request is the one refused.
    const { file } = campaign(1);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    // The progress line (every 5 s without a terminal) shows the cooldown the 130429 started.
    const r = await interruptWhen(['send', '--campaign', file, '--interval', '20ms', '--cooldown', '1m', '--yes'], envFor(sb.url), /cooldown \d+s left|waiting \(Ctrl-C stops/);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/nothing was sent; state saved; resume with: wa-ops send --campaign \S+ --interval 20ms --cooldown 1m --yes/);
    expect(count(r.stderr, /resume with:/)).toBe(1);
  }, 30_000);
});

describe('a resumed run with other flags', () => {
  it('says once which options it kept (--cooldown too)', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const { dir, file } = campaign(60);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--sample', '--interval', '300ms', '--cooldown', '2m', '--yes'], { env: cleanEnv(envFor(sb.url)), cwd: tempDir(), stdio: 'ignore' });
    for (let i = 0; i < 400 && ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length < 1; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await new Promise((r) => child.on('close', r))).toBe(130);
    const again = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: envFor(sb.url) });
    expect(again.code).toBe(0);
    expect(count(again.stderr, /resuming the unfinished run as it was/)).toBe(1);
    expect(again.stderr).toMatch(/resuming the unfinished run as it was: --sample, --cooldown 2m \(kept in the ledger/);
    expect(count(again.stderr, /resume with:/)).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'done', sent: 6, pending: 54 });
    expect(readdirSync(dir).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });
});

describe('a run killed without a word (kill -9)', () => {
  it('the plain rerun resumes it with what is left of its --limit: never more than the limit in all', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const { file } = campaign(30);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--limit', '12', '--interval', '100ms', '--yes'], { env: cleanEnv(envFor(sb.url)), cwd: tempDir(), stdio: 'ignore' });
    const sentSoFar = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;
    for (let i = 0; i < 400 && (await sentSoFar()) < 4; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const before = await sentSoFar();
    expect(before).toBeGreaterThanOrEqual(4);
    expect(before).toBeLessThan(12);
    // Sent, failed and unknown of the killed run count against its limit (an attempt without an answer is unknown).
    const ledger = readFileSync(file.replace(/\.json$/, '.ledger.jsonl'), 'utf8');
    const used = new Set(ledger.split('\n').filter((l) => l.includes('"t":"attempt"')).map((l) => (JSON.parse(l) as { r: string }).r)).size;
    const again = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: envFor(sb.url) });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`--limit ${12 - used} \\(what was left of it\\)`));
    expect(await sentSoFar()).toBe(12 - (used - before));
    // The limit used in all: a send the kill cut off before its answer was stored stays unknown (never resent).
    const doc = JSON.parse(again.stdout) as { outcome: string; sent: number; unknown: number; failed: number; pending: number };
    expect(doc).toMatchObject({ outcome: 'done', pending: 30 - 12 });
    expect(doc.sent + doc.unknown + doc.failed).toBe(12);
  });
});
