import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, runPrinted, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

let nextNumber = 2000000;

function campaign(n: number, extra: Record<string, unknown> = {}): { dir: string; file: string; numbers: string[] } {
  const dir = tempDir('wa-ops-send-');
  // Fresh numbers for every campaign: the sandbox's 6 s pair rate limit would otherwise slow the next test.
  const numbers = Array.from({ length: n }, () => `+49170${String(nextNumber++)}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name: 'test-run', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, ...extra }));
  return { dir, file, numbers };
}

async function accepted(): Promise<{ to: string; acceptedAt: string }[]> {
  return ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string; acceptedAt: string }[] }).data;
}

const ledgerEvents = (dir: string) =>
  readFileSync(join(dir, 'campaign.ledger.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
  await fetch(`${sb.url}/_sandbox/scenario`, { method: 'POST', body: JSON.stringify({ set: [] }) });
});

describe('send', () => {
  it('sends every valid recipient once and reports the contract JSON', async () => {
    const { dir, file, numbers } = campaign(8);
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      campaign: 'test-run', total: 8, sent: 8, failed: 0, pending: 0, unknown: 0, skipped: 0, delivered: 0, read: 0,
      cooldownUntil: null, failures: {}, outcome: 'done', thisRun: { sent: 8, failed: 0 }, ledger: expect.objectContaining({ fsyncs: expect.any(Number) }),
    });
    expect((await accepted()).map((m) => m.to).sort()).toEqual(numbers.sort());
    expect(statSync(join(dir, 'campaign.ledger.jsonl')).mode & 0o777).toBe(0o600);
    const again = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(again.stdout).thisRun).toEqual({ sent: 0, failed: 0 });
    expect(await accepted()).toHaveLength(8);
  });

  it('needs --yes without a terminal, and --dry-run sends nothing', async () => {
    const { dir, file } = campaign(3);
    const r = await runCli(['send', '--campaign', file], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes.*nothing was sent/);
    // Refused before anything is stored: no ledger (nor lock) is left behind.
    expect(readdirSync(dir).sort()).toEqual(['campaign.json', 'list.csv']);
    const dry = await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).payloads).toHaveLength(3);
    expect(await accepted()).toHaveLength(0);
  });

  it('keeps the pace: anchored slots, no bursts', async () => {
    const { file } = campaign(12);
    const r = await runCli(['send', '--campaign', file, '--interval', '150ms', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(0);
    // Loose bounds only (a loaded machine delays single requests); the exact slots are unit-tested with a fake clock.
    const times = (await accepted()).map((m) => Date.parse(m.acceptedAt)).sort((a, b) => a - b);
    const span = times[times.length - 1] - times[0];
    expect(span).toBeGreaterThanOrEqual(11 * 150 - 100);
  });

  it('without a terminal: no progress line for a short run, then one line every 5 s (no trailing blanks)', async () => {
    const short = await runCli(['send', '--campaign', campaign(3).file, '--interval', '20ms', '--yes'], { env: env() });
    expect(short.code).toBe(0);
    expect(short.stderr).not.toMatch(/^sent \d+, failed/m);
    const long = await runCli(['send', '--campaign', campaign(12).file, '--interval', '1s', '--yes'], { env: env() });
    expect(long.code).toBe(0);
    const lines = long.stderr.split('\n').filter((l) => /^sent \d+, failed \d+, remaining \d+/.test(l));
    // About 11 s of sending: lines at about 5 s and 10 s (loose: a loaded machine stretches the run).
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(4);
    for (const l of lines) expect(l).toBe(l.trimEnd());
  }, 60_000);

  it('--limit is one number everywhere (plan, cost, non-TTY error, a run through a 130429), and the printed command sends the rest', async () => {
    const { dir, file } = campaign(8);
    const refused = await runCli(['send', '--campaign', file, '--limit', '3'], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/to send now +3 \(--limit 3\)/);
    expect(refused.stderr).toMatch(/cost +about USD 0\.41 \(marketing, rates of \d{4}-\d\d-\d\d\): DE 3 × 0\.1365/);
    expect(refused.stderr).toMatch(/about to send 3 messages: pass --yes/);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const r = await runCli(['send', '--campaign', file, '--limit', '3', '--interval', '20ms', '--cooldown', '1s', '--yes'], { env: env(), cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/this run: 3 sent, 0 failed/);
    // The cooldown is on screen when it starts: code, sender, reason and its end in local time.
    expect(r.stderr).toMatch(/(cooldown|paused): code 130429 on sender 109876543210987: .*; until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)/);
    expect(new Set((await accepted()).map((m) => m.to)).size).toBe(3);
    const hint = /--limit 3 reached: 5 recipients still pending; send them with: wa-ops (send .*)$/m.exec(r.stderr);
    expect(hint, r.stderr).not.toBeNull();
    expect(hint![1]).not.toMatch(/--limit/);
    const rest = await runCli(hint![1].split(' '), { env: env(), cwd: dir });
    expect(rest.code, rest.stderr).toBe(0);
    expect(new Set((await accepted()).map((m) => m.to)).size).toBe(8);
  });

  it('records a cooldown, exits 75 with --no-wait, is respected by the next process, then resumes', async () => {
    const { dir, file } = campaign(6);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const first = await runCli(['send', '--campaign', file, '--interval', '20ms', '--cooldown', '12s', '--no-wait', '--yes', '--json'], { env: env() });
    expect(first.code).toBe(75);
    const s1 = JSON.parse(first.stdout);
    expect(s1.outcome).toBe('paused');
    expect(Date.parse(s1.cooldownUntil)).toBeGreaterThan(Date.now());
    expect(ledgerEvents(dir).some((e) => e.t === 'cooldown-until' && e.code === 130429)).toBe(true);
    const sentBefore = (await accepted()).length;
    const second = await runCli(['send', '--campaign', file, '--interval', '20ms', '--no-wait', '--yes', '--json'], { env: env() });
    expect(second.code).toBe(75);
    expect(await accepted()).toHaveLength(sentBefore);
    const third = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ sent: 6, pending: 0, outcome: 'done' });
    expect(new Set((await accepted()).map((m) => m.to)).size).toBe(6);
    expect(await accepted()).toHaveLength(6);
  });

  it('stops at the first fatal error (expired token) with exit 3 and the ledger intact', async () => {
    const { dir, file } = campaign(5);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 190, count: 100 }) });
    // Slots 300 ms apart: the 190 comes back long before the next slot, so nothing else is sent.
    const r = await runCli(['send', '--campaign', file, '--interval', '300ms', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ outcome: 'aborted', sent: 0, pending: 5, error: { code: 'graph-190' } });
    expect(ledgerEvents(dir).filter((e) => e.t === 'attempt').length).toBeLessThanOrEqual(2);
    await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    const resumed = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(resumed.stdout)).toMatchObject({ sent: 5, outcome: 'done' });
  });

  it('refuses before the first message when the template is missing, not approved or mapped wrongly', async () => {
    const missing = campaign(2, { template: { name: 'nope', language: 'de' } });
    const r1 = await runCli(['send', '--campaign', missing.file, '--yes'], { env: env() });
    expect(r1.code).toBe(3);
    expect(r1.stderr).toMatch(/template nope \(de\) does not exist/);
    const mismatch = campaign(2, { parameters: { body: ['first_name'] } });
    const r2 = await runCli(['send', '--campaign', mismatch.file, '--yes'], { env: env() });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/body: the template has 2 variables, parameters.body maps 1/);
    await fetch(`${sb.url}/_sandbox/scenario`, { method: 'POST', body: JSON.stringify({ set: ['template-paused'] }) });
    const paused = campaign(2);
    const r3 = await runCli(['send', '--campaign', paused.file, '--yes'], { env: env() });
    expect(r3.code).toBe(3);
    expect(r3.stderr).toMatch(/PAUSED, not APPROVED/);
    expect(await accepted()).toHaveLength(0);
  });

  it('refuses a second process while the first holds the ledger', async () => {
    const { dir, file } = campaign(10);
    const a = runCli(['send', '--campaign', file, '--interval', '400ms', '--yes', '--json'], { env: env() });
    for (let i = 0; i < 100 && !existsSync(join(dir, 'campaign.ledger.jsonl.lock')); i++) await new Promise((r) => setTimeout(r, 50));
    const b = await runCli(['send', '--campaign', file, '--interval', '100ms', '--yes'], { env: env() });
    expect(b.code).toBe(75);
    expect(b.stderr).toMatch(/locked by another wa-ops process/);
    expect((await a).code).toBe(0);
    const all = await accepted();
    expect(all).toHaveLength(10);
    expect(new Set(all.map((m) => m.to)).size).toBe(10);
  });

  it('stops on SIGINT with state saved, exit 130, and resumes where it stopped', async () => {
    const { file, numbers } = campaign(10);
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--interval', '150ms', '--yes'], { env: cleanEnv(env()), cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Interrupt once the run is under way (however slow the machine is to start it).
    for (let i = 0; i < 100 && (await accepted()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stderr).toMatch(/resume with: wa-ops send --campaign/);
    const partial = (await accepted()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(10);
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 10, outcome: 'done' });
    expect((await accepted()).map((m) => m.to).sort()).toEqual([...numbers].sort());
  });

  it('survives SIGKILL at random moments: nobody sent twice, nobody lost', async () => {
    const { dir, file, numbers } = campaign(40);
    let runs = 0;
    for (;;) {
      runs++;
      const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--interval', '25ms', '--yes', '--json'], { env: cleanEnv(env()), cwd: tempDir(), stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const closed = new Promise((r) => child.on('close', r));
      if (runs <= 8) {
        // Kill at a random moment once this run is sending, however slow the machine is to start it.
        const before = (await accepted()).length;
        let exited = false;
        void closed.then(() => (exited = true));
        for (let i = 0; i < 200 && !exited && (await accepted()).length === before; i++) await new Promise((r) => setTimeout(r, 25));
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 250)));
        child.kill('SIGKILL');
      }
      const code = await closed;
      if (code === 0 && JSON.parse(out).pending === 0) break;
      expect(runs).toBeLessThan(12);
    }
    expect(runs).toBeGreaterThan(1);
    const all = await accepted();
    const counts = new Map<string, number>();
    for (const m of all) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const status = JSON.parse((await runCli(['status', '--campaign', file, '--json'])).stdout);
    // Every recipient is either accepted by the API or explicitly "unknown" (killed between fsync and answer).
    expect(status.sent + status.unknown).toBe(40);
    expect(status.sent).toBeGreaterThanOrEqual(all.length - status.unknown);
    for (const n of numbers) expect(counts.has(n) || status.unknown > 0).toBe(true);
    expect(existsSync(join(dir, 'campaign.ledger.jsonl.lock'))).toBe(false);
  });
});

describe('status', () => {
  it('summarises the ledger and exports one row per recipient (mode 0600)', async () => {
    const { dir, file } = campaign(3);
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n=cmd|calc,+491703000001,V1\nEva,invalid,V3\nBen,+491703000002,V2\n');
    await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes'], { env: env() });
    const out = join(dir, 'export.csv');
    const r = await runCli(['status', '--campaign', file, '--export', out, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 3, sent: 2, skipped: 1 });
    const rows = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(rows[0]).toBe('recipient,line,state,attempts,wamid,error_code,error_details,reason,first_attempt_at,sent_at,delivered_at,read_at');
    expect(rows).toHaveLength(4);
    expect(rows.some((l) => l.startsWith('+491703000001,') && l.includes(',sent,1,wamid.'))).toBe(true);
    // In list order by CSV line, the invalid row where it stands.
    expect(rows.slice(1).map((l) => l.split(',').slice(1, 3).join(' '))).toEqual(['2 sent', '3 skipped', '4 sent']);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('send policies', () => {
  it('fails over to the next Graph URL when the first cannot be reached', async () => {
    const { file } = campaign(3);
    const r = await runCli(['send', '--campaign', file, '--graph-url', 'http://127.0.0.1:9', '--graph-url', sb.url, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/failover: http:\/\/127\.0\.0\.1:9\/v23\.0 cannot be reached/);
    expect(JSON.parse(r.stdout).sent).toBe(3);
  });

  it('waits for recipients outside their local window; with --no-wait it pauses with exit 75', async () => {
    // A window that opens two hours from now in Berlin (where these +49 numbers live).
    const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
    const h = (Number(berlin.slice(0, 2)) + 2) % 24;
    const pad = (n: number) => String(n).padStart(2, '0');
    const { dir, file } = campaign(2, { window: { from: `${pad(h)}:10`, to: `${pad((h + 1) % 24)}:10`, days: 'mon-sun' } });
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--no-wait', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(75);
    const paused = JSON.parse(r.stdout);
    expect(paused).toMatchObject({ sent: 0, pending: 2, outcome: 'paused', cooldownUntil: null });
    expect(Date.parse(paused.pausedUntil)).toBeGreaterThan(Date.now() + 3600_000);
    expect(r.stderr).toMatch(/outside the send window .*; paused until/);
    // A window wait is worked out by each run from its own options, never stored as a cooldown.
    expect(ledgerEvents(dir).some((e) => e.t === 'cooldown-until')).toBe(false);
    expect(await accepted()).toHaveLength(0);
    const open = await runCli(['send', '--campaign', file, '--interval', '20ms', '--window', 'off', '--no-wait', '--yes', '--json'], { env: env() });
    expect(open.code).toBe(0);
    expect(JSON.parse(open.stdout)).toMatchObject({ sent: 2, pending: 0, outcome: 'done' });
    expect(await accepted()).toHaveLength(2);
  });

  it('pauses at the dailyLimit with a warning at 80 %', async () => {
    const { dir, file } = campaign(6, { dailyLimit: 5 });
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--no-wait', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(75);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 5, pending: 1, outcome: 'paused' });
    expect(r.stderr).toMatch(/warning: 4 of 5 unique recipients used/);
    expect(r.stderr).toMatch(/daily budget reached: 5 of 5 unique recipients/);
    expect(ledgerEvents(dir).some((e) => e.t === 'cooldown-until')).toBe(false);
    // A raised dailyLimit takes effect on the next run at once.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"dailyLimit":5', '"dailyLimit":6'));
    const raised = await runCli(['send', '--campaign', file, '--interval', '20ms', '--no-wait', '--yes', '--json'], { env: env() });
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout)).toMatchObject({ sent: 6, pending: 0 });
  });

  it('shows the cost estimate, budget and window in the plan', async () => {
    const { file } = campaign(4, { window: { from: '00:00', to: '23:59', days: 'mon-sun' } });
    const r = await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() });
    const plan = JSON.parse(r.stdout).plan;
    expect(plan.policies.cost).toMatchObject({ currency: 'USD', category: 'marketing', unlistedMessages: 0 });
    expect(plan.policies.cost.total).toBeGreaterThan(0);
    expect(plan.policies.window).toMatchObject({ waiting: expect.any(Number), openNow: expect.any(Number) });
  });

  it('refuses a pace above 90 % of the number\'s throughput unless --allow-full-budget', async () => {
    const { file } = campaign(2);
    // This sandbox reports HIGH throughput (1,000/s).
    const r = await runCli(['send', '--campaign', file, '--rate', '950/s', '--yes'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/95 % of the number's throughput \(1000\/s\)/);
  });
});

describe('send with a header image', () => {
  const mediaCampaign = (image: string, n = 3) => {
    const c = campaign(n, { template: { name: 'new_collection', language: 'en_US' }, parameters: { header: [{ image }], body: ['first_name'] } });
    return c;
  };

  it('checks the file, uploads it once per sender, sends by id, and reuses the id on resume', async () => {
    const { dir, file } = mediaCampaign(join(root, 'fixtures', 'media', 'banner.png'));
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--limit', '2', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const uploads = ledgerEvents(dir).filter((e) => e.t === 'media');
    expect(uploads).toHaveLength(1);
    const again = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 3, outcome: 'done' });
    expect(ledgerEvents(dir).filter((e) => e.t === 'media')).toHaveLength(1);
    const sent = (await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { payload: any }[] };
    const header = sent.data.map((m) => m.payload.template.components[0]);
    expect(header.every((h) => h.type === 'header' && h.parameters[0].image.id === uploads[0].id)).toBe(true);
  });

  it('refuses before sending when the file is not what it claims', async () => {
    const { file } = mediaCampaign(join(root, 'fixtures', 'media', 'not-an-image.png'));
    const r = await runCli(['send', '--campaign', file, '--yes'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/header image .*it is application\/pdf; an image header takes image\/jpeg, image\/png/);
    expect(await accepted()).toHaveLength(0);
  });

  it('stops after 5 media failures in a row and says why', async () => {
    const { dir, file } = mediaCampaign(join(root, 'fixtures', 'media', 'banner.png'), 8);
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 131053, count: 10 }) });
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(3);
    const s = JSON.parse(r.stdout);
    // The medium is at fault, not the recipients: nobody is burnt, all stay pending for the run after the fix.
    expect(s).toMatchObject({ outcome: 'aborted', failed: 0, pending: 8, error: { code: 'media-failures' } });
    expect(ledgerEvents(dir).filter((e) => e.t === 'failed')).toHaveLength(0);
  });

  it('the template mapping must provide the header medium', async () => {
    const { file } = campaign(2, { template: { name: 'new_collection', language: 'en_US' }, parameters: { body: ['first_name'] } });
    const r = await runCli(['send', '--campaign', file, '--yes'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/IMAGE header; map it with parameters.header = \[\{"image"/);
  });
});

describe('send without a WABA id', () => {
  it('warns that the template is not checked, and the API\'s own refusal stops the run at the first send', async () => {
    const { file } = campaign(3, { template: { name: 'nope', language: 'de' } });
    const r = await runCli(['send', '--campaign', file, '--interval', '300ms', '--yes', '--json'], { env: { ...env(), WA_OPS_WABA_ID: '' } });
    expect(r.stderr).toMatch(/template not checked before sending: set WA_OPS_WABA_ID/);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'aborted', sent: 0, pending: 3, error: { code: 'graph-132001' } });
  });
});

describe('send with several senders', () => {
  it('uses them round-robin, each paced on its own', async () => {
    const second = await startSandbox({ mps: 1000, extraPhoneNumberIds: ['109876543210988'] });
    try {
      const { file } = campaign(10, { senders: ['109876543210987', '109876543210988'] });
      const r = await runCli(['send', '--campaign', file, '--interval', '300ms', '--yes', '--json'], { env: { ...env(), WA_OPS_GRAPH_URL: second.url } });
      expect(JSON.parse(r.stdout)).toMatchObject({ sent: 10, outcome: 'done' });
      const msgs = second.state.messages;
      const by = (pn: string) => msgs.filter((m) => m.phoneNumberId === pn).map((m) => Date.parse(m.acceptedAt));
      const [a, b] = [by('109876543210987'), by('109876543210988')];
      expect(a).toHaveLength(5);
      expect(b).toHaveLength(5);
      // each sender keeps its own pace (loose bound: never faster); exact slots are unit-tested with a fake clock
      for (const times of [a, b]) expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(3 * 300); // unpaced, 5 sends take a few ms
    } finally {
      await second.close();
    }
  });
});

describe('send --suppressions <file>', () => {
  const suppress = (path: string, e164: string, scope = 'all') =>
    writeFileSync(path, JSON.stringify({ v: 2, op: 'add', e164, reason: 'manual', scope, source: 'cli', at: '2026-11-30T10:00:00.000Z' }) + '\n', { mode: 0o600 });

  it('skips and counts the numbers on the named list, in the dry run, the run and the printed resume command', async () => {
    const { dir, file, numbers } = campaign(4);
    const list = join(tempDir('wa-ops-sup-'), 'opt-outs.jsonl');
    suppress(list, numbers[1]);
    const dry = JSON.parse((await runCli(['send', '--campaign', file, '--suppressions', list, '--dry-run', '--json'], { env: env() })).stdout);
    expect(dry.payloads).toHaveLength(3);
    expect(JSON.stringify(dry)).toContain('suppressed: manual');
    // --limit 1 leaves two to send: the printed command carries the list, and running it skips the same person.
    const first = await runCli(['send', '--campaign', file, '--suppressions', list, '--interval', '20ms', '--limit', '1', '--yes', '--json'], { env: env() });
    expect(first.code, first.stderr).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({ total: 4, sent: 1, skipped: 1, pending: 2 });
    expect(doc.resume).toContain(`--suppressions ${list}`);
    const resumed = await runCli(doc.resume.split(' ').slice(1).concat('--limit', '1', '--json'), { env: env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ total: 4, sent: 2, skipped: 1, pending: 1 });
    // The ledger recorded the skip: even the plain command, without the flag, never sends to that person.
    const plain = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(plain.stdout)).toMatchObject({ total: 4, sent: 3, skipped: 1, pending: 0 });
    const sentTo = (await accepted()).map((m) => m.to).sort();
    expect(sentTo).toEqual([numbers[0], numbers[2], numbers[3]].sort());
    const skip = ledgerEvents(dir).filter((e) => JSON.stringify(e).includes('suppressed'));
    expect(JSON.stringify(skip)).toContain(numbers[1]);
  });

  it('the plan of a resumed campaign counts skips as the ledger does: an opt-out already sent to is "already sent", a skip an earlier run recorded stays skipped', async () => {
    const { file, numbers } = campaign(5);
    const dir = tempDir('wa-ops-sup-');
    const list = join(dir, 's.jsonl');
    const other = join(dir, 'other.jsonl');
    writeFileSync(list, '', { mode: 0o600 });
    suppress(other, numbers[4]);
    // Run 1 honours the other list (numbers[4] skipped and recorded) and sends 2.
    const first = await runCli(['send', '--campaign', file, '--suppressions', other, '--interval', '20ms', '--limit', '2', '--yes', '--json'], { env: env() });
    expect(JSON.parse(first.stdout)).toMatchObject({ sent: 2, skipped: 1, pending: 2 });
    const sentTo = (await accepted()).map((m) => m.to);
    // Someone already sent to opts out afterwards.
    suppress(list, sentTo[0]);
    const dry = JSON.parse((await runCli(['send', '--campaign', file, '--suppressions', list, '--dry-run', '--json'], { env: env() })).stdout);
    expect(dry.plan).toMatchObject({ alreadySent: 2, toSend: 2, skipped: { 'opted out (manual)': 1 } });
    expect(dry.skipped).toEqual([{ key: numbers[4], line: 6, reason: 'suppressed: manual' }]);
    expect(dry.payloads).toHaveLength(2);
    const human = await runCli(['send', '--campaign', file, '--suppressions', list, '--dry-run'], { env: env() });
    expect(human.stderr).toMatch(/skipped +1 opted out \(manual\)/);
    expect(human.stderr).not.toContain('line 2: suppressed');
    const run = await runCli(['send', '--campaign', file, '--suppressions', list, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 5, sent: 4, skipped: 1, pending: 0 });
  });

  it('a plain rerun of an interrupted run keeps honouring the list it named, opt-outs added since included', async () => {
    const { file, numbers } = campaign(6);
    const list = join(tempDir('wa-ops-sup-'), 'opt-outs.jsonl');
    writeFileSync(list, '', { mode: 0o600 });
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', file, '--suppressions', list, '--interval', '2s', '--yes'], { env: cleanEnv(env()), cwd: tempDir(), stdio: ['ignore', 'ignore', 'pipe'] });
    for (let i = 0; i < 100 && (await accepted()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await new Promise((r) => child.on('close', r))).toBe(130);
    const sent = new Set((await accepted()).map((m) => m.to));
    const later = numbers.find((n) => !sent.has(n))!;
    // Someone still pending opts out after the interruption; the operator reruns the plain command.
    suppress(list, later);
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(r.stderr).toContain(`--suppressions ${list}`);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 6, skipped: 1, pending: 0 });
    expect((await accepted()).map((m) => m.to)).not.toContain(later);
  });

  it('without the flag, the default list applies (the named file is not read)', async () => {
    const { file, numbers } = campaign(2);
    suppress(join(tempDir('wa-ops-sup-'), 'unused.jsonl'), numbers[0]);
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env: env() });
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 2, skipped: 0 });
  });

  it('refuses a CRM CSV named as the list (it would read as empty), and the printed import makes it one', async () => {
    const { dir, file, numbers } = campaign(3);
    const csv = join(dir, 'opt-outs.csv');
    writeFileSync(csv, `phone,reason\n${numbers[2]},STOP\n`);
    const r = await runCli(['send', '--campaign', file, '--suppressions', csv, '--interval', '20ms', '--yes'], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${csv}:1: not a suppression list`);
    expect(await accepted()).toHaveLength(0);
    const hint = /use --suppressions (\S+) once it is imported with: wa-ops (suppressions import .*)$/m.exec(r.stderr)!;
    const imported = await runCli(hint[2].split(' '), { cwd: dir, env: env() });
    expect(imported.code, imported.stderr).toBe(0);
    // WA_OPS_SUPPRESSIONS naming the CSV is refused the same way.
    const viaEnv = await runCli(['send', '--campaign', file, '--dry-run'], { cwd: dir, env: { ...env(), WA_OPS_SUPPRESSIONS: csv } });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toContain(`${csv}:1: not a suppression list`);
    const sent = await runCli(['send', '--campaign', file, '--suppressions', hint[1], '--interval', '20ms', '--yes', '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 2, skipped: 1 });
    expect((await accepted()).map((m) => m.to)).not.toContain(numbers[2]);
  });

  it('the printed import of a CRM CSV carries the campaign\'s defaultCountry: run as printed, it imports the national numbers the send then skips', async () => {
    const { dir, file, numbers } = campaign(3, { defaultCountry: 'DE' });
    // A German CRM writes numbers without +49; the file name has a space (the command must quote it).
    const csv = join(dir, 'opt outs.csv');
    writeFileSync(csv, `Handy\n0${numbers[2].slice(3)}\n`);
    const r = await runCli(['send', '--campaign', file, '--suppressions', csv, '--dry-run'], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    const hint = /use --suppressions (.+) once it is imported with: (wa-ops suppressions import .*)$/m.exec(r.stderr)!;
    expect(hint[2]).toContain('--country DE');
    const imported = await runPrinted(hint[2], { cwd: dir, env: env() });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^1 number suppressed/);
    const list = join(dir, 'opt outs.suppressions.jsonl');
    const sent = await runCli(['send', '--campaign', file, '--suppressions', list, '--interval', '20ms', '--yes', '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 2, skipped: 1 });
    expect((await accepted()).map((m) => m.to)).not.toContain(numbers[2]);
  });

  it('refuses a missing, folder or device --suppressions with exit 2 and one line, before anything is stored or sent', async () => {
    const { dir, file } = campaign(2);
    for (const bad of [join(dir, 'no-such-list.jsonl'), dir, '/dev/zero']) {
      for (const extra of [[], ['--dry-run']]) {
        const r = await runCli(['send', '--campaign', file, '--suppressions', bad, '--yes', ...extra], { env: env() });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`--suppressions ${bad}`);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('  hint')).length).toBe(1);
      }
    }
    expect(readdirSync(dir).sort()).toEqual(['campaign.json', 'list.csv']);
    expect(await accepted()).toHaveLength(0);
  });
});
