// The send engine's guarantees end to end, over real HTTP with the built binary: outages, torn files,
// out-of-order statuses, racing runs, moved folders, 40k waiting recipients, cooldowns without requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

const PN = '109876543210987';
const envFor = (url: string) => ({ WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: PN, WA_OPS_WABA_ID: '210987654321098' });
let next = 5_000_000;

function campaign(n: number, extra: Record<string, unknown> = {}): { dir: string; file: string; numbers: string[] } {
  const dir = tempDir('wa-ops-guar-');
  const numbers = Array.from({ length: n }, () => `+49171${String(next++)}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name: 'guarantees', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, ...extra }));
  return { dir, file, numbers };
}

const ledgerOf = (file: string) => file.replace(/\.json$/, '.ledger.jsonl');
const events = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
interface Msg { id: string; to: string; bizOpaqueCallbackData?: string }
const messages = async (url: string): Promise<Msg[]> => ((await (await fetch(`${url}/_sandbox/messages`)).json()) as { data: Msg[] }).data;
const statusLine = (m: Msg, status: string, extra: Record<string, unknown> = {}) => JSON.stringify({ kind: 'status', key: `${m.id}:${status}`, id: m.id, status, ts: String(Math.floor(Date.now() / 1000)), recipient: m.to.replace('+', ''), cb: m.bizOpaqueCallbackData, ...extra });

/** The sandbox as its own process (so that it can be stopped like a real outage). */
async function sandboxProcess(port = 0): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'sandbox', '--port', String(port), '--mps', '1000'], { env: cleanEnv(), cwd: tempDir(), stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve) => child.stdout!.once('data', (d) => resolve(String(d).trim())));
  return { url, child };
}

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

describe('outcomes by evidence', () => {
  it('an outage mid-run stops with exit 3, burns nobody, and the resume reaches everyone exactly once', async () => {
    const first = await sandboxProcess();
    const port = new URL(first.url).port;
    const { file, numbers } = campaign(30);
    const run = runCli(['send', '--campaign', file, '--interval', '100ms', '--yes', '--json'], { env: envFor(first.url) });
    for (let i = 0; i < 100 && (await messages(first.url)).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    const r = await run;
    expect(r.code).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ outcome: 'aborted', failed: 0, error: { code: 'api-unreachable' } });
    expect(s.error.message).toMatch(/API unreachable after \d+ tries/);
    expect(s.resume).toMatch(/^wa-ops send --campaign .* --interval 100ms --yes$/);
    expect(s.sent + s.pending + s.unknown).toBe(30);
    const sentBefore = new Set(events(ledgerOf(file)).filter((e) => e.t === 'sent').map((e) => e.r));
    const second = await sandboxProcess(Number(port));
    try {
      const resumed = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json', ...(s.unknown ? ['--retry-unknown'] : [])], { env: envFor(second.url) });
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ sent: 30, failed: 0, pending: 0 });
      const again = (await messages(second.url)).map((m) => m.to);
      expect(again.filter((n) => sentBefore.has(n))).toEqual([]);
      expect(new Set([...sentBefore, ...again])).toEqual(new Set(numbers));
      expect(again.length).toBe(new Set(again).size);
    } finally {
      second.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('one writer per file, readers fold', () => {
  it('a torn ledger and a torn events file, then statuses and a resume: nothing lost, counts folded', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const { dir, file } = campaign(6);
    const evFile = join(dir, 'events.jsonl');
    const first = await runCli(['send', '--campaign', file, '--interval', '20ms', '--limit', '3', '--yes', '--json', '--events', evFile], { env: envFor(sb.url) });
    expect(JSON.parse(first.stdout)).toMatchObject({ sent: 3, pending: 3 });
    appendFileSync(ledgerOf(file), '{"t":"attempt","r":"+4917');
    const sent = await messages(sb.url);
    writeFileSync(evFile, sent.map((m) => statusLine(m, 'delivered')).join('\n') + '\n' + '{"kind":"status","id":"wamid.to');
    const resumed = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json', '--events', evFile], { env: envFor(sb.url) });
    expect(resumed.stderr).toMatch(/trimmed a torn last line/);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ sent: 6, pending: 0, delivered: 3 });
    appendFileSync(evFile, '\n' + (await messages(sb.url)).map((m) => statusLine(m, 'read')).join('\n') + '\n');
    const st = JSON.parse((await runCli(['status', '--campaign', file, '--json', '--events', evFile])).stdout);
    expect(st).toMatchObject({ total: 6, sent: 6, delivered: 6, read: 6, failed: 0, pending: 0 });
    expect(events(ledgerOf(file)).every((e) => typeof e.t === 'string')).toBe(true);
  });

  it('a failed status that arrives before the runner records sent stays failed; delivered beats it', async () => {
    const { dir, file, numbers } = campaign(2);
    const id = 'guar-1';
    const at = new Date().toISOString();
    const cb = (n: string) => `wa-ops:${id}:${n}`;
    writeFileSync(ledgerOf(file), [
      { t: 'header', v: 1, campaign: 'guarantees', campaignId: id, campaignHash: 'x', recipientsHash: 'y', recipients: 2, at },
      { t: 'attempt', r: numbers[0], n: 1, sender: PN, cb: cb(numbers[0]), at },
      { t: 'attempt', r: numbers[1], n: 1, sender: PN, cb: cb(numbers[1]), at },
      { t: 'sent', r: numbers[0], wamid: 'wamid.A', at },
      { t: 'sent', r: numbers[1], wamid: 'wamid.B', at },
    ].map((e) => JSON.stringify(e)).join('\n') + '\n');
    const ev = join(dir, 'events.jsonl');
    writeFileSync(ev, [
      statusLine({ id: 'wamid.A', to: numbers[0], bizOpaqueCallbackData: cb(numbers[0]) }, 'failed', { errors: [{ code: 131026 }] }),
      statusLine({ id: 'wamid.B', to: numbers[1], bizOpaqueCallbackData: cb(numbers[1]) }, 'failed', { errors: [{ code: 131000 }] }),
      statusLine({ id: 'wamid.B', to: numbers[1], bizOpaqueCallbackData: cb(numbers[1]) }, 'delivered'),
    ].join('\n') + '\n');
    const out = join(dir, 'export.csv');
    const st = JSON.parse((await runCli(['status', '--campaign', file, '--json', '--events', ev, '--export', out])).stdout);
    expect(st).toMatchObject({ total: 2, sent: 1, delivered: 1, failed: 1, failures: { '131026': 1 } });
    expect(st.sent + st.failed + st.pending + st.unknown + st.skipped).toBe(st.total);
    const rows = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(rows.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([`${numbers[0]},2,failed`, `${numbers[1]},3,delivered`]);
  });

  it('a campaign folder moved between two runs keeps its identity: webhooks for both halves match', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const { dir, file } = campaign(4);
    await runCli(['send', '--campaign', file, '--interval', '20ms', '--limit', '2', '--yes'], { env: envFor(sb.url) });
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    const file2 = join(moved, 'campaign.json');
    const r = await runCli(['send', '--campaign', file2, '--interval', '20ms', '--yes', '--json'], { env: envFor(sb.url) });
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 4, pending: 0 });
    const all = await messages(sb.url);
    expect(all).toHaveLength(4);
    expect(new Set(all.map((m) => m.bizOpaqueCallbackData!.split(':')[1])).size).toBe(1);
    const ev = join(moved, 'events.jsonl');
    writeFileSync(ev, all.map((m) => statusLine({ ...m, id: `not-${m.id}` }, 'delivered')).join('\n') + '\n'); // matched by callback data alone
    const st = JSON.parse((await runCli(['status', '--campaign', file2, '--json', '--events', ev])).stdout);
    expect(st).toMatchObject({ sent: 4, delivered: 4 });
  });
});

describe('locks', () => {
  it('20 rounds of two runs racing for a stale lock: exactly one sends, nobody twice', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const all: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { file, numbers } = campaign(2);
      all.push(...numbers);
      writeFileSync(`${ledgerOf(file)}.lock`, JSON.stringify({ pid: 2 ** 22 + 777, host: hostname(), at: new Date().toISOString() }));
      const runs = await Promise.all([0, 1].map(() => runCli(['send', '--campaign', file, '--interval', '100ms', '--yes', '--json'], { env: envFor(sb.url) })));
      expect(runs.map((r) => r.code).sort()).toContain(0);
      for (const r of runs) expect([0, 75]).toContain(r.code);
    }
    const sent = (await messages(sb.url)).map((m) => m.to);
    expect(sent.length).toBe(new Set(sent).size);
    expect(new Set(sent)).toEqual(new Set(all));
  }, 120_000);

  it('a run whose lock is deleted stops sending within seconds', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const { file } = campaign(40);
    const run = runCli(['send', '--campaign', file, '--interval', '100ms', '--yes', '--json'], { env: envFor(sb.url) });
    for (let i = 0; i < 100 && (await messages(sb.url)).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    const { unlinkSync } = await import('node:fs');
    unlinkSync(`${ledgerOf(file)}.lock`);
    const r = await run;
    expect(r.code).toBe(75);
    expect(JSON.parse(r.stdout).error.code).toBe('ledger-lock-lost');
    expect((await messages(sb.url)).length).toBeLessThan(30);
  });
});

describe('waiting without work and without requests', () => {
  it('40,000 recipients outside their window: paused in about a second; Ctrl-C honoured while waiting', async () => {
    const berlinHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const h = (berlinHour + 3) % 24;
    const pad = (n: number) => String(n).padStart(2, '0');
    const { file } = campaign(40_000, { window: { from: `${pad(h)}:10`, to: `${pad(h)}:40` } });
    const t = Date.now();
    const paused = await runCli(['send', '--campaign', file, '--interval', '20ms', '--no-wait', '--yes', '--json'], { env: envFor(sb.url) });
    const elapsed = Date.now() - t;
    expect(paused.code).toBe(75);
    expect(JSON.parse(paused.stdout)).toMatchObject({ outcome: 'paused', sent: 0, pending: 40_000 });
    expect(elapsed).toBeLessThan(15_000); // start-up and 40k payloads rendered included; the engine's part is milliseconds
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--interval', '20ms', '--window', `${pad((h + 1) % 24)}:10-${pad((h + 1) % 24)}:40`, '--yes'], { env: cleanEnv(envFor(sb.url)), cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    for (let i = 0; i < 200 && !/to send now/.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500));
    const sig = Date.now();
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(Date.now() - sig).toBeLessThan(3000);
    expect(stderr).toMatch(/resume with: wa-ops send --campaign \S+ --interval 20ms --window/);
  }, 60_000);

  it('a rerun during a cooldown makes no request at all (and --no-wait exits 75)', async () => {
    let requests = 0;
    const counter = createServer((_req, res) => {
      requests++;
      res.writeHead(500).end('{}');
    });
    await new Promise<void>((r) => counter.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(counter.address() as { port: number }).port}`;
    try {
      const { file } = campaign(2);
      const at = new Date().toISOString();
      writeFileSync(ledgerOf(file), JSON.stringify({ t: 'cooldown-until', until: new Date(Date.now() + 3_600_000).toISOString(), code: 130429, reason: 'throughput', at, sender: PN }) + '\n');
      const r = await runCli(['send', '--campaign', file, '--no-wait', '--yes', '--json'], { env: envFor(url) });
      expect(r.code).toBe(75);
      expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'paused', sent: 0 });
      expect(r.stderr).toMatch(/code 130429 on sender 109876543210987.*until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)/);
      expect(requests).toBe(0);
      const far = JSON.stringify({ t: 'cooldown-until', until: '9999-01-01T00:00:00.000Z', code: 130429, reason: 'x', at });
      writeFileSync(ledgerOf(file), far + '\n');
      const capped = await runCli(['send', '--campaign', file, '--no-wait', '--yes', '--json'], { env: envFor(url) });
      expect(capped.code).toBe(75);
      expect(capped.stderr).toMatch(/further than wa-ops ever records .* honoured for 7 days/);
      // People read local time with its offset, never the ledger's ISO string.
      expect(capped.stderr).toMatch(/cooldown until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\), further/);
      expect(requests).toBe(0);
    } finally {
      counter.close();
    }
  });
});

describe('what a run keeps and says', () => {
  it('Ctrl-C in a sample run prints a resume command with its options; the plain command resumes the same run', async () => {
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const { file } = campaign(60);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--sample', '--interval', '300ms', '--limit', '5', '--yes'], { env: cleanEnv(envFor(sb.url)), cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    for (let i = 0; i < 200 && (await messages(sb.url)).length < 1; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await new Promise((r) => child.on('close', r))).toBe(130);
    const sent = (await messages(sb.url)).length;
    const m = /resume with: (wa-ops send .*)/.exec(stderr);
    expect(m?.[1]).toBe(`wa-ops send --campaign ${file} --sample --interval 300ms --limit ${5 - sent} --yes`);
    expect(stderr).toMatch(/to send now\s+5 \(the 10 % pilot sample\) \(--limit 5\)/);
    // The plain command: the ledger's options (sample, pace, what is left of the limit).
    const plain = await runCli(['send', '--campaign', file, '--yes', '--json'], { env: envFor(sb.url) });
    expect(plain.stderr).toMatch(/resuming the unfinished run as it was: --sample, the pace \(300 ms per sender\), --limit/);
    expect(JSON.parse(plain.stdout)).toMatchObject({ outcome: 'done', sent: 5 });
    expect(await messages(sb.url)).toHaveLength(5);
  });

  it('--max-duration stops cleanly: exit 75, state saved, resume printed', async () => {
    const { file } = campaign(20);
    const r = await runCli(['send', '--campaign', file, '--interval', '300ms', '--max-duration', '1s', '--yes'], { env: envFor(sb.url) });
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(/--max-duration reached; state saved; resume with: wa-ops send --campaign \S+ --interval 300ms --max-duration 1s --yes/);
    const st = JSON.parse((await runCli(['status', '--campaign', file, '--json'])).stdout);
    expect(st.sent).toBeGreaterThan(0);
    expect(st.sent + st.pending).toBe(20);
  });

  it('a marketing-only opt-out skips MARKETING templates only, and the plan says how many for which reason', async () => {
    const dir = tempDir();
    const sup = join(dir, 'suppressions.jsonl');
    const mk = campaign(3);
    writeFileSync(sup, [
      { v: 2, op: 'add', e164: mk.numbers[0], reason: 'marketing-opt-out', scope: 'marketing', source: 'webhook', at: new Date().toISOString() },
      { v: 2, op: 'add', e164: mk.numbers[1], reason: 'stop-word', scope: 'all', source: 'webhook', at: new Date().toISOString() },
    ].map((x) => JSON.stringify(x)).join('\n') + '\n');
    const env = { ...envFor(sb.url), WA_OPS_SUPPRESSIONS: sup };
    const marketing = await runCli(['send', '--campaign', mk.file, '--dry-run', '--json'], { env });
    const plan = JSON.parse(marketing.stdout).plan;
    expect(plan.toSend).toBe(1);
    expect(plan.skipped).toMatchObject({ 'opted out (marketing-opt-out (marketing only))': 1, 'opted out (stop-word)': 1 });
    const util = campaign(3, { template: { name: 'hello_world', language: 'en_US' }, parameters: {} });
    writeFileSync(join(util.dir, 'list.csv'), 'first_name,phone,voucher\n' + mk.numbers.map((p, i) => `N${i},${p},V`).join('\n') + '\n');
    const utility = JSON.parse((await runCli(['send', '--campaign', util.file, '--dry-run', '--json'], { env })).stdout).plan;
    expect(utility.toSend).toBe(2);
  });
});
