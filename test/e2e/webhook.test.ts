import { readFileSync, writeFileSync, existsSync } from 'node:fs';

import { connect } from 'node:net';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/core/webhook/signature.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { startWebhookServer, type WebhookServer } from '../../src/webhook/server.js';
import { root, runCli, tempDir } from '../helpers.js';

const SECRET = 'webhook-test-secret';
const VERIFY = 'webhook-verify';

function post(url: string, body: string, signature?: string): Promise<number> {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) } }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });
}

const statusPayload = (id: string, status: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '210987654321098', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: '109876543210987' }, statuses: [{ id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '491701234567', ...extra }] } }] }],
  });

const inbound = (from: string, text: string) =>
  JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '109876543210987' }, messages: [{ from, id: `wamid.in-${from}-${text}`, timestamp: '1767225600', type: 'text', text: { body: text } }] } }] }] });

describe('webhook serve', () => {
  let dir: string;
  let server: WebhookServer;
  const alerts: string[] = [];
  beforeAll(async () => {
    dir = tempDir('wa-ops-webhook-');
    server = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, verifyToken: VERIFY, eventsPath: join(dir, 'events.jsonl'), campaignDirs: [dir], suppressionsPath: join(dir, 'suppressions.jsonl'), onLog: (level, text) => level === 'alert' && alerts.push(text) });
  });
  afterAll(() => server.close());

  it('answers the verify handshake and refuses a wrong token', async () => {
    const ok = await fetch(`${server.url}?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=12345`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    expect((await fetch(`${server.url}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345`)).status).toBe(403);
    expect((await fetch(`${server.url}?hub.mode=subscribe&hub.verify_token=${VERIFY}x&hub.challenge=12345`)).status).toBe(403);
    expect((await fetch(`${server.url}?hub.mode=subscribe&hub.challenge=12345`)).status).toBe(403);
  });

  it('answers at the callback URL entered with a trailing slash too (handshake and POST)', async () => {
    const slashed = await fetch(`${server.url}/?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=67890`);
    expect(slashed.status).toBe(200);
    expect(await slashed.text()).toBe('67890');
    const body = statusPayload('wamid.SLASH', 'sent');
    expect(await post(`${server.url}/`, body, signBody(body, SECRET))).toBe(200);
    expect((await fetch(`${server.url}hook`)).status).toBe(404);
  });

  it('accepts signed POSTs, refuses unsigned and wrongly signed ones with 401 and raises an alert', async () => {
    const body = statusPayload('wamid.A', 'sent');
    expect(await post(server.url, body, signBody(body, SECRET))).toBe(200);
    expect(await post(server.url, body)).toBe(401);
    for (let i = 0; i < 5; i++) expect(await post(server.url, body, signBody(body, 'wrong-secret'))).toBe(401);
    expect(alerts.some((a) => /ALERT: \d+ POSTs with a bad or missing signature/.test(a))).toBe(true);
    expect(alerts.some((a) => a.includes('127.0.0.1'))).toBe(true);
    // the signature covers the exact bytes: re-serialised JSON does not verify
    const reformatted = JSON.stringify(JSON.parse(body), null, 1);
    expect(await post(server.url, reformatted, signBody(body, SECRET))).toBe(401);
  });

  it('refuses bodies over 3 MB with 413', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024 + 10) });
    expect(await post(server.url, big, signBody(big, SECRET))).toBe(413);
  });

  it('records duplicate deliveries once, and every event before answering 200', async () => {
    const body = statusPayload('wamid.DUP', 'delivered');
    await Promise.all(Array.from({ length: 5 }, () => post(server.url, body, signBody(body, SECRET))));
    await server.idle();
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.id === 'wamid.DUP')).toHaveLength(1);
    expect(lines.find((l) => l.id === 'wamid.DUP')).toMatchObject({ kind: 'status', status: 'delivered', ts: expect.stringMatching(/^\d{10}$/) });
  });

  it('takes 200 concurrent signed POSTs without losing one', async () => {
    const bodies = Array.from({ length: 200 }, (_, i) => statusPayload(`wamid.C${i}`, 'read'));
    const statuses = await Promise.all(bodies.map((b) => post(server.url, b, signBody(b, SECRET))));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(new Set(lines.filter((l) => /^wamid\.C\d+$/.test(l.id)).map((l) => l.id)).size).toBe(200);
  });

  it('cuts off a slow client that never finishes its request', async () => {
    const u = new URL(server.url);
    const sock = connect(Number(u.port), u.hostname);
    sock.write(`POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"partial`);
    let answer = '';
    sock.on('data', (d) => (answer += d));
    const closed = await new Promise<boolean>((resolve) => {
      sock.on('close', () => resolve(true));
      setTimeout(() => resolve(false), 15_000);
    });
    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('adds STOP senders and 131050 failures to the suppression list', async () => {
    for (const body of [inbound('491709999001', 'STOP'), inbound('491709999002', ' Abmelden! '), inbound('491709999003', 'do not stop sending'), statusPayload('wamid.OPT', 'failed', { recipient_id: '491709999004', errors: [{ code: 131050, title: 'stopped' }] })]) {
      expect(await post(server.url, body, signBody(body, SECRET))).toBe(200);
    }
    await server.idle();
    const list = readFileSync(join(dir, 'suppressions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).e164);
    expect(list.sort()).toEqual(['+491709999001', '+491709999002', '+491709999004']);
    const scopes = readFileSync(join(dir, 'suppressions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => `${r.e164} ${r.reason} ${r.scope}`);
    expect(scopes.sort()).toEqual(['+491709999001 stop-word all', '+491709999002 stop-word all', '+491709999004 131050 marketing']);
  });
});

describe('statuses from the sandbox reach the events file; send honours the suppression list', () => {
  let sb: SandboxServer;
  let server: WebhookServer;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('wa-ops-flow-');
    server = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, verifyToken: VERIFY, eventsPath: join(dir, 'events.jsonl'), campaignDirs: [dir], suppressionsPath: join(dir, 'suppressions.jsonl') });
    sb = await startSandbox({ webhookUrl: server.url, appSecret: SECRET, statusDelayMs: 30, seed: 5 });
  });
  afterAll(async () => {
    await sb.close();
    await server.close();
  });

  it('marks delivered and read, fails undeliverable numbers, and send honours the suppression list', async () => {
    const numbers = ['+491705550001', '+491705550002', '+491705550003', '+491705550000'];
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((n, i) => `N${i},${n},V${i}`).join('\n') + '\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'flow', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    writeFileSync(join(dir, 'suppressions.jsonl'), JSON.stringify({ e164: '+491705550003', reason: 'opted out: "STOP"', at: new Date().toISOString() }) + '\n');
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', WA_OPS_SUPPRESSIONS: join(dir, 'suppressions.jsonl') };
    const sent = await runCli(['send', '--campaign', join(dir, 'c.json'), '--interval', '20ms', '--yes', '--json'], { env });
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 3, skipped: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await sb.webhooks.idle();
    await server.idle();
    // One writer per file: the server never writes the ledger; send and status fold the events file in when they read it.
    const ledger = readFileSync(join(dir, 'c.ledger.jsonl'), 'utf8');
    expect(ledger).not.toMatch(/"t":"status"/);
    const status = JSON.parse((await runCli(['status', '--campaign', join(dir, 'c.json'), '--json'], { env })).stdout);
    expect(status).toMatchObject({ total: 4, skipped: 1 });
    const analysis = JSON.parse((await runCli(['webhook', 'analyze', join(dir, 'events.jsonl'), '--campaigns', dir, '--json', '--html', join(dir, 'report.html')])).stdout);
    expect(analysis.funnels[0]).toMatchObject({ template: 'spring_sale:de', accepted: 3, delivered: 2, failed: 1, noStatus: 0, failures: { '131026': 1 } });
    // The same counts as status (the ledger folded with the events), with the same identity.
    const keys = ['total', 'sent', 'delivered', 'read', 'failed', 'pending', 'unknown', 'skipped', 'failures'] as const;
    const pick = (o: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, o[k]]));
    const folded = JSON.parse((await runCli(['status', '--campaign', join(dir, 'c.json'), '--events', join(dir, 'events.jsonl'), '--json'], { env })).stdout);
    expect(pick(analysis.funnels[0])).toEqual(pick(folded));
    const f = analysis.funnels[0];
    expect(f.sent + f.failed + f.pending + f.unknown + f.skipped).toBe(f.total);
    expect(analysis.failures[0]).toMatchObject({ code: '131026', action: 'fail-recipient' });
    expect(analysis.failuresByCountry).toEqual({ DE: 1 });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  });
});

describe('wa-ops webhook (the commands)', () => {
  it('serve prints its URL, stores a signed callback, stops on SIGTERM', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'webhook', 'serve', '--port', '0', '--events', join(dir, 'ev.jsonl')], {
      cwd: dir,
      env: { ...process.env, WA_OPS_APP_SECRET: SECRET, WA_OPS_VERIFY_TOKEN: VERIFY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    const body = statusPayload('wamid.CLI', 'sent');
    expect(await post(url, body, signBody(body, SECRET))).toBe(200);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(143);
    expect(readFileSync(join(dir, 'ev.jsonl'), 'utf8')).toContain('wamid.CLI');
  });

  it('serve refuses to start without an app secret', async () => {
    const r = await runCli(['webhook', 'serve', '--port', '0'], { env: { WA_OPS_APP_SECRET: '' }, cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no app secret/);
  });

  it('analyze names a missing file with exit 2', async () => {
    const r = await runCli(['webhook', 'analyze', 'nope.jsonl']);
    expect(r.code).toBe(2);
    expect(existsSync('nope.jsonl')).toBe(false);
  });
});



describe('webhook serve over TLS', () => {
  it('serves HTTPS with --tls-cert/--tls-key', async () => {
    const dir = tempDir();
    const { readFileSync: read } = await import('node:fs');
    const server = await startWebhookServer({
      port: 0,
      host: '127.0.0.1',
      path: '/webhook',
      appSecret: SECRET,
      verifyToken: VERIFY,
      eventsPath: join(dir, 'events.jsonl'),
      campaignDirs: [dir],
      suppressionsPath: join(dir, 's.jsonl'),
      tls: { cert: read(join(root, 'fixtures', 'tls', 'self-signed.crt')), key: read(join(root, 'fixtures', 'tls', 'self-signed.key')) },
    });
    try {
      expect(server.url).toMatch(/^https:\/\//);
      const { request: httpsRequest } = await import('node:https');
      const body = statusPayload('wamid.TLS', 'sent');
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(server.url, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SECRET) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
