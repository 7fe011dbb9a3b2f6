// send --store with several workers against the sandbox and a real PostgreSQL: nobody twice, nobody lost
// (kill -9 of random workers, restarts), one message per interval per sender across workers, a shared cooldown.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';

let sb: SandboxServer;
let nextNumber = 4000000;
const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) out[k] = v;
  return { ...out, NO_COLOR: '1', CI: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
};

function campaign(n: number, name: string): { dir: string; file: string; numbers: string[] } {
  const dir = tempDir('wa-ops-store-send-');
  const numbers = Array.from({ length: n }, () => `+49173${String(nextNumber++)}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { dir, file, numbers };
}

function worker(file: string, url: string, args: string[] = []): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--store', url, '--yes', '--json', ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, done: new Promise((r) => child.on('close', (code) => r(code))) };
}

async function accepted(): Promise<{ to: string; acceptedAt: string }[]> {
  return ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string; acceptedAt: string }[] }).data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!pgUrl)('send --store with several workers', () => {
  let url: string;
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
  });

  it('kill -9 of random workers and restarts: nobody twice, nobody lost, unknown only by --retry-unknown', async () => {
    const { file, numbers } = campaign(40, 'kill-nine');
    const live = [worker(file, url, ['--interval', '60ms']), worker(file, url, ['--interval', '60ms']), worker(file, url, ['--interval', '60ms'])];
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      await sleep(700 + Math.random() * 500);
      const victim = live.splice(Math.floor(Math.random() * live.length), 1)[0];
      victim.child.kill('SIGKILL');
      await victim.done;
      kills++;
      live.push(worker(file, url, ['--interval', '60ms']));
    }
    const codes = await Promise.all(live.map((w) => w.done));
    expect(codes.every((c) => c === 0)).toBe(true);
    // One more run finishes whatever is left; it never resends an unknown one.
    const last = await runCli(['send', '--campaign', file, '--store', url, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(last.code, last.stderr).toBe(0);
    const sentTo = (await accepted()).map((m) => m.to);
    expect(new Set(sentTo).size).toBe(sentTo.length); // nobody twice
    const doc = JSON.parse(last.stdout);
    expect(doc.pending).toBe(0);
    expect(doc.sent + doc.unknown).toBe(numbers.length); // nobody lost: sent, or unknown (maybe sent by a killed worker)
    expect(doc.unknown).toBeLessThanOrEqual(kills * 4);
    expect(sentTo.length).toBeGreaterThanOrEqual(doc.sent);
    // --retry-unknown reaches exactly the unknown ones (killed workers are gone: their claims are free).
    const retry = await runCli(['send', '--campaign', file, '--store', url, '--interval', '20ms', '--retry-unknown', '--yes', '--json'], { env: env() });
    expect(retry.code, retry.stderr).toBe(0);
    const after = (await accepted()).map((m) => m.to);
    expect(new Set(after)).toEqual(new Set(numbers));
    expect(JSON.parse(retry.stdout)).toMatchObject({ sent: numbers.length, unknown: 0, pending: 0 });
    const attempts = await query<{ r: string; n: number }>(url, "SELECT event->>'r' AS r, count(*)::int AS n FROM wa_ops.ledger_events WHERE t = 'attempt' GROUP BY 1 HAVING count(*) > 1");
    expect(attempts.length).toBeLessThanOrEqual(doc.unknown);
  });

  it('three workers on one sender still send one message per interval', async () => {
    const { file, numbers } = campaign(12, 'pacing');
    const ws = [0, 1, 2].map(() => worker(file, url, ['--interval', '250ms']));
    expect(await Promise.all(ws.map((w) => w.done))).toEqual([0, 0, 0]);
    const times = (await accepted()).map((m) => Date.parse(m.acceptedAt)).sort((a, b) => a - b);
    expect(times.length).toBe(numbers.length);
    // Loose bounds (a loaded machine delays single requests): no burst, and the whole takes 11 intervals.
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps.filter((g) => g < 125).length, gaps.join(' ')).toBeLessThanOrEqual(2);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(11 * 250 - 150);
  });

  it("one worker's 130429 pauses every worker on that sender; nobody sends during the cooldown", async () => {
    const { file, numbers } = campaign(16, 'cooldown');
    const ws = [0, 1, 2].map(() => worker(file, url, ['--interval', '100ms', '--cooldown', '3s']));
    await sleep(1500);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    expect(await Promise.all(ws.map((w) => w.done))).toEqual([0, 0, 0]);
    const cooldowns = await query<{ at: string; until: string }>(url, "SELECT event->>'at' AS at, event->>'until' AS until FROM wa_ops.ledger_events WHERE t = 'cooldown-until' AND campaign_id IN (SELECT campaign_id FROM wa_ops.campaigns WHERE name = 'cooldown')");
    expect(cooldowns.length).toBeGreaterThanOrEqual(1);
    const from = Date.parse(cooldowns[0].at);
    const until = Date.parse(cooldowns[0].until);
    const during = (await accepted()).filter((m) => Date.parse(m.acceptedAt) > from + 50 && Date.parse(m.acceptedAt) < until);
    expect(during).toEqual([]);
    const sentTo = (await accepted()).map((m) => m.to);
    expect(new Set(sentTo).size).toBe(sentTo.length);
    const status = await runCli(['status', '--campaign', file, '--store', url, '--json'], { env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ total: numbers.length, pending: 0 });
  });
});
