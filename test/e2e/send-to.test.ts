import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { startWebhookServer, type WebhookServer } from '../../src/webhook/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

const SECRET = 'send-to-app-secret';
let sb: SandboxServer;
let hooks: WebhookServer;
let dir: string;
let n = 3000101;
const fresh = () => `+49170${String(n++)}`;

const env = (extra: Record<string, string> = {}) => ({
  WA_OPS_GRAPH_URL: sb.url,
  WA_OPS_TOKEN: 'sandbox-token',
  WA_OPS_PHONE_NUMBER_ID: '109876543210987',
  WA_OPS_WABA_ID: '210987654321098',
  WA_OPS_EVENTS: join(dir, 'events.jsonl'),
  WA_OPS_SUPPRESSIONS: join(dir, 'suppressions.jsonl'),
  ...extra,
});

async function accepted(): Promise<{ to: string; type: string; template?: { name: string; parameters: string[] }; text?: string }[]> {
  return ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: [] }).data;
}

beforeAll(async () => {
  dir = tempDir('wa-ops-send-to-');
  hooks = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, eventsPath: join(dir, 'events.jsonl'), campaignDirs: [dir], suppressionsPath: join(dir, 'hook-suppressions.jsonl') });
  sb = await startSandbox({ webhookUrl: hooks.url, appSecret: SECRET, statusDelayMs: 20, mps: 1000 });
});
afterAll(async () => {
  await sb.close();
  await hooks.close();
});
beforeEach(async () => {
  await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
});

describe('send --to', () => {
  it('renders the template with --param, prints the wamid and follows it to delivery', async () => {
    const to = fresh();
    const r = await runCli(['send', '--to', to, '--template', 'order_shipped:en_US', '--param', '1=Ana', '--param', '2=#48213', '--param', '3=12 March', '--param', 'button.0=48213', '--wait', '--yes', '--json'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ to, type: 'template', template: 'order_shipped:en_US', category: 'UTILITY', delivery: { state: expect.stringMatching(/^(delivered|read)$/), timedOut: false } });
    expect(doc.wamid).toMatch(/^wamid\./);
    const [m] = await accepted();
    expect(m).toMatchObject({ to, type: 'template', template: { name: 'order_shipped', parameters: ['Ana', '#48213', '12 March', '48213'] } });
  });

  it('fills a media header from --param header=<https link>', async () => {
    const to = fresh();
    const r = await runCli(['send', '--to', to, '--template', 'new_collection:en_US', '--param', 'header=https://cdn.example.com/banner.png', '--param', '1=Ana', '--yes'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const [m] = await accepted();
    expect(m).toMatchObject({ to, template: { name: 'new_collection', parameters: ['Ana'] } });
    const local = await runCli(['send', '--to', fresh(), '--template', 'new_collection:en_US', '--param', 'header=banner.png', '--param', '1=Ana', '--yes'], { env: env() });
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/--param header must be an https:\/\/ link to the image/);
  });

  it('classifies the number like validate-numbers: a national number needs --country', async () => {
    const bad = await runCli(['send', '--to', '0170 3000999', '--template', 'hello_world:en_US', '--yes'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/missing-country-code/);
    expect(bad.stderr).toMatch(/--country/);
    const ok = await runCli(['send', '--to', '0170 3000999', '--country', 'de', '--template', 'hello_world:en_US', '--yes'], { env: env() });
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^wamid\.\S+$/);
    expect((await accepted())[0].to).toBe('+491703000999');
  });

  it('refuses an unknown template (exit 3) and wrong parameters (exit 2), sending nothing', async () => {
    const missing = await runCli(['send', '--to', fresh(), '--template', 'no_such_template:en_US', '--yes'], { env: env() });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no_such_template \(en_US\) does not exist/);
    const wrongLang = await runCli(['send', '--to', fresh(), '--template', 'order_shipped:de', '--yes'], { env: env() });
    expect(wrongLang.stderr).toMatch(/exists in: en_US/);
    const short = await runCli(['send', '--to', fresh(), '--template', 'order_shipped:en_US', '--param', '1=Ana', '--yes', '--json'], { env: env() });
    expect(short.code).toBe(2);
    expect(JSON.parse(short.stdout).error).toMatchObject({ code: 'parameters-mismatch', message: expect.stringContaining('body.2, body.3, button.0') });
    const extra = await runCli(['send', '--to', fresh(), '--template', 'hello_world:en_US', '--param', 'name=Ana', '--yes'], { env: env() });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/has no variable "name"; it takes: none/);
    expect(extra.stderr).toMatch(/hint: send it without --param/);
    const unknown = await runCli(['send', '--to', fresh(), '--template', 'order_shipped:en_US', '--param', '1=Ana', '--param', '9=x', '--yes', '--json'], { env: env() });
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'parameters-mismatch', hint: 'pass --param <key>=<value> for each of: body.1, body.2, body.3, button.0' });
    expect(await accepted()).toHaveLength(0);
  });

  it('refuses a suppressed number with the reason, and sends nothing', async () => {
    const to = fresh();
    writeFileSync(join(dir, 'suppressions.jsonl'), JSON.stringify({ v: 2, op: 'add', e164: to, reason: 'stop-word', scope: 'all', source: 'webhook', at: '2026-11-30T10:00:00.000Z' }) + '\n', { mode: 0o600 });
    const r = await runCli(['send', '--to', to, '--template', 'hello_world:en_US', '--yes'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`\\${to} is suppressed \\(stop-word`));
    expect(r.stderr).toMatch(/suppressions remove/);
    expect(await accepted()).toHaveLength(0);
  });

  it('--suppressions <file>: a number on the named list is refused, a missing list is exit 2, and nothing is sent', async () => {
    const to = fresh();
    writeFileSync(join(dir, 'suppressions.jsonl'), '', { mode: 0o600 });
    const list = join(tempDir('wa-ops-sup-'), 'crm opt-outs.jsonl');
    writeFileSync(list, JSON.stringify({ v: 2, op: 'add', e164: to, reason: 'manual', scope: 'all', source: 'cli', at: '2026-11-30T10:00:00.000Z' }) + '\n', { mode: 0o600 });
    const r = await runCli(['send', '--to', to, '--template', 'hello_world:en_US', '--suppressions', list, '--yes'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`\\${to} is suppressed \\(manual`));
    // The printed way out names the same list, quoted for the shell.
    expect(r.stderr).toContain(`wa-ops suppressions remove ${to} --suppressions '${list}'`);
    const missing = await runCli(['send', '--to', to, '--template', 'hello_world:en_US', '--suppressions', join(dir, 'missing.jsonl'), '--yes'], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--suppressions ${join(dir, 'missing.jsonl')}: no such file`);
    expect(await accepted()).toHaveLength(0);
    // The default list (WA_OPS_SUPPRESSIONS, empty) lets the same number through.
    expect((await runCli(['send', '--to', to, '--template', 'hello_world:en_US', '--yes'], { env: env() })).code).toBe(0);
  });

  it('a marketing-scope suppression blocks MARKETING templates only', async () => {
    const to = fresh();
    writeFileSync(join(dir, 'suppressions.jsonl'), JSON.stringify({ v: 2, op: 'add', e164: to, reason: 'marketing-opt-out', scope: 'marketing', source: 'webhook', at: '2026-11-30T10:00:00.000Z' }) + '\n', { mode: 0o600 });
    const marketing = await runCli(['send', '--to', to, '--template', 'spring_sale:de', '--param', '1=Anna', '--param', '2=A1B2', '--yes'], { env: env() });
    expect(marketing.code).toBe(2);
    expect(marketing.stderr).toMatch(/suppressed \(marketing-opt-out, scope marketing/);
    expect(marketing.stderr).toContain(`wa-ops suppressions remove ${to} --scope marketing`);
    const utility = await runCli(['send', '--to', to, '--template', 'hello_world:en_US', '--yes'], { env: env() });
    expect(utility.code).toBe(0);
    expect((await accepted()).map((m) => m.template?.name)).toEqual(['hello_world']);
  });

  it('needs --yes without a terminal, and exactly one of --campaign / --to and --template / --text', async () => {
    const noYes = await runCli(['send', '--to', fresh(), '--template', 'hello_world:en_US'], { env: env() });
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/pass --yes/);
    for (const args of [['send'], ['send', '--to', fresh()], ['send', '--to', fresh(), '--template', 'hello_world:en_US', '--text', 'hi'], ['send', '--to', fresh(), '--campaign', 'x.json', '--text', 'hi'], ['send', '--to', fresh(), '--text', 'hi', '--wait-timeout', 'soon']]) {
      const r = await runCli(args, { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^wa-ops: /);
    }
    const stray = await runCli(['send', '--campaign', 'x.json', '--param', '1=Ana', '--wait'], { env: env() });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--param, --wait go with --to, not with --campaign/);
    expect(await accepted()).toHaveLength(0);
  });

  it('says so when no status webhook arrives before --wait-timeout', async () => {
    const r = await runCli(['send', '--to', fresh(), '--template', 'hello_world:en_US', '--wait', '--wait-timeout', '300ms', '--yes'], { env: env({ WA_OPS_EVENTS: join(dir, 'nobody-writes-here.jsonl') }) });
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toMatch(/^wamid\./);
    expect(r.stderr).toMatch(/waiting up to 300ms for status webhooks/);
    expect(r.stderr).toMatch(/no status webhook arrived within 300ms: is wa-ops webhook serve running and writing .*nobody-writes-here\.jsonl\?/);
  });

  it('Ctrl-C while waiting: exit 130, saying the message was accepted and no status came yet', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--to', fresh(), '--template', 'hello_world:en_US', '--wait', '--yes'], {
      cwd: dir,
      env: cleanEnv(env({ WA_OPS_EVENTS: join(dir, 'nobody-writes-here-either.jsonl') })),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!child.killed && stderr.includes('waiting up to')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stdout.trim()).toMatch(/^wamid\./);
    expect(stderr).toMatch(/stopped waiting after .* \(Ctrl-C\): no status webhook yet \(the message itself was accepted\)/);
  });

  it('free-form --text: fails with 131047 outside the 24 h window (said plainly), delivered once the customer wrote in', async () => {
    const to = fresh();
    // Some traffic first, so that webhook serve's events file exists and can vouch that this customer never wrote.
    expect((await runCli(['send', '--to', fresh(), '--template', 'hello_world:en_US', '--wait', '--yes'], { env: env() })).code).toBe(0);
    const closed = await runCli(['send', '--to', to, '--text', 'Your parcel is on its way', '--wait', '--yes'], { env: env() });
    expect(closed.code).toBe(1);
    expect(closed.stdout.trim()).toMatch(/^wamid\./);
    expect(closed.stderr).toMatch(/131047.*24 h customer service window is closed/);
    expect(closed.stderr).toMatch(/has not written in the last 24 h .*likely refuse/);
    const inbound = await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: to.slice(1), text: 'Where is my parcel?' }) });
    expect(inbound.status).toBe(200);
    const open = await runCli(['send', '--to', to, '--text', 'Your parcel is on its way', '--wait', '--yes', '--json'], { env: env() });
    expect(open.code).toBe(0);
    expect(open.stderr).not.toMatch(/has not written/);
    expect(JSON.parse(open.stdout)).toMatchObject({ type: 'text', template: null, category: 'SERVICE', delivery: { state: expect.stringMatching(/^(delivered|read)$/) } });
    expect((await accepted()).filter((m) => m.type === 'text').map((m) => m.text)).toEqual(['Your parcel is on its way', 'Your parcel is on its way']);
  });

  it('reports an undeliverable number as failed with its code (exit 1)', async () => {
    const r = await runCli(['send', '--to', '+4917012340000', '--template', 'hello_world:en_US', '--wait', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).delivery).toMatchObject({ state: 'failed', errors: [expect.objectContaining({ code: 131026 })] });
  });
  it('throttled (130429, 131056): exit 75 "paused", nothing sent, and the same command works afterwards', async () => {
    for (const code of [130429, 131056]) {
      const to = fresh();
      await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code, count: 1 }) });
      const args = ['send', '--to', to, '--template', 'hello_world:en_US', '--yes', '--json'];
      const r = await runCli(args, { env: env() });
      expect(r.code, r.stdout + r.stderr).toBe(75);
      expect(JSON.parse(r.stdout).error).toMatchObject({ code: `graph-${code}`, hint: expect.stringMatching(/run the same command again/) });
      expect(await accepted()).toHaveLength(0);
      const again = await runCli(args, { env: env() });
      expect(again.code).toBe(0);
      expect(await accepted()).toHaveLength(1);
      await fetch(`${sb.url}/_sandbox/reset`, { method: 'POST' });
    }
  });
});
