import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/core/webhook/signature.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root } from '../helpers.js';
import { messageValidator, openApiPresent, OPENAPI_PATH } from '../openapi.js';

if (!openApiPresent) console.warn(`skipping the OpenAPI check: ${OPENAPI_PATH} is absent (it lives beside the project, not in it)`);

const PN = '109876543210987';
const WABA = '210987654321098';

async function call(sb: SandboxServer, method: string, path: string, body?: unknown, token = 'sandbox-token') {
  const res = await fetch(`${sb.url}/v23.0/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const msg = (to: string, body: string[] = ['Ana', '#1', 'Monday'], extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  biz_opaque_callback_data: `camp-1:row-${to.slice(-3)}`,
  template: {
    name: 'order_shipped',
    language: { code: 'en_US', policy: 'deterministic' },
    components: [
      { type: 'body', parameters: body.map((text) => ({ type: 'text', text })) },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '48213' }] },
    ],
  },
  ...extra,
});

describe('sandbox: messages', () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox({ mps: 5, reviewDelayMs: 50 });
  });
  afterAll(() => sb.close());

  it.each([
    ['a wrong language', (m: any) => (m.template.language.code = 'de'), 132001, 404],
    ['too few body parameters', (m: any) => m.template.components[0].parameters.pop(), 132000, 400],
    ['a newline in a parameter', (m: any) => (m.template.components[0].parameters[0].text = 'Ana\nSmith'), 132018, 400],
    ['five spaces in a parameter', (m: any) => (m.template.components[0].parameters[0].text = 'Ana     Smith'), 132018, 400],
    ['an empty parameter', (m: any) => (m.template.components[0].parameters[0].text = ''), 100, 400],
    ['no button parameter', (m: any) => m.template.components.pop(), 132000, 400],
    ['a "to" that is not a number', (m: any) => (m.to = 'hello'), 100, 400],
    ['no messaging_product', (m: any) => delete m.messaging_product, 100, 400],
    ['a language policy other than deterministic', (m: any) => (m.template.language.policy = 'fallback'), 100, 400],
  ])('refuses %s like Meta', async (_name, mutate, code, status) => {
    const m = msg('+491701000001');
    mutate(m);
    const r = await call(sb, 'POST', `${PN}/messages`, m);
    expect(r.status).toBe(status);
    expect(r.json.error).toMatchObject({ code, type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect(r.json.error.message).toMatch(code === 190 ? /token/ : new RegExp(`^\\(#${code}\\)`));
  });

  it('answers 130429 past its throughput with HTTP 400, not 429', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call(sb, 'POST', `${PN}/messages`, msg(`+4917020000${String(i).padStart(2, '0')}`))));
    const limited = results.filter((r) => r.json.error?.code === 130429);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((r) => r.status === 400)).toBe(true);
  });

  it('lists what it accepted, with unique wamids', async () => {
    const list = (await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { id: string; to: string; bizOpaqueCallbackData: string }[] };
    expect(list.data.length).toBeGreaterThan(0);
    expect(new Set(list.data.map((m) => m.id)).size).toBe(list.data.length);
    expect(list.data[0].bizOpaqueCallbackData).toMatch(/^camp-1:row-/);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const r = await call(sb, 'POST', `${PN}/messages`, JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(r.status).toBe(413);
  });

  it('reviews new templates with the lint rules, like Meta', async () => {
    const ok = await call(sb, 'POST', `${WABA}/message_templates`, { name: 'pickup_ready', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel is ready for pickup at the counter.' }] });
    expect(ok.json).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
    const promo = await call(sb, 'POST', `${WABA}/message_templates`, { name: 'pickup_promo', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel is ready. Buy now and get a free gift!' }] });
    expect(promo.json.status).toBe('PENDING');
    await sb.webhooks.idle(); // the review delay passes
    const listed = await call(sb, 'GET', `${WABA}/message_templates?name=pickup_promo`);
    expect(listed.json.data[0]).toMatchObject({ status: 'REJECTED', rejected_reason: 'TAG_CONTENT_MISMATCH' });
    const badName = await call(sb, 'POST', `${WABA}/message_templates`, { name: 'Bad Name', language: 'en', category: 'UTILITY', components: [] });
    expect(badName.json.error.code).toBe(100);
  });

  it.skipIf(!openApiPresent)(`accepts only bodies valid under Meta's OpenAPI schema (${OPENAPI_PATH})`, async () => {
    const validate = messageValidator();
    const noPolicy = msg('+491703000004');
    delete (noPolicy.template.language as { policy?: string }).policy;
    const variants = [msg('+491703000001'), { ...msg('+491703000002'), recipient_type: undefined }, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+491703000003', type: 'text', text: { body: 'Hello' } }, noPolicy];
    for (const v of variants) await call(sb, 'POST', `${PN}/messages`, v);
    const list = (await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { payload: unknown }[] };
    expect(list.data.length).toBeGreaterThan(2);
    for (const m of list.data) expect(validate(m.payload)).toEqual([]);
  });
});

describe('sandbox: account answers and scenarios', () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox({ scenarios: ['quality-red', 'health-blocked', 'token-expiring', 'no-subscribed-apps'] });
  });
  afterAll(() => sb.close());

  it('makes each part unhealthy on demand', async () => {
    const pn = await call(sb, 'GET', `${PN}?fields=quality_rating,health_status,status`);
    expect(pn.json.quality_rating).toBe('RED');
    expect(pn.json.health_status.can_send_message).toBe('BLOCKED');
    expect(pn.json.health_status.entities.find((e: any) => e.errors)?.errors[0]).toMatchObject({ error_code: 141010, possible_solution: expect.any(String) });
    const dbg = await call(sb, 'GET', 'debug_token?input_token=sandbox-token');
    expect(dbg.json.data.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect((await call(sb, 'GET', `${WABA}/subscribed_apps`)).json.data).toEqual([]);
  });

  it('switches scenarios at run time, including an expired token', async () => {
    await fetch(`${sb.url}/_sandbox/scenario`, { method: 'POST', body: JSON.stringify({ add: ['token-expired'] }) });
    const r = await call(sb, 'GET', `${PN}?fields=quality_rating`);
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe(190);
    await fetch(`${sb.url}/_sandbox/scenario`, { method: 'POST', body: JSON.stringify({ set: [] }) });
    expect((await call(sb, 'GET', `${PN}?fields=quality_rating`)).json.quality_rating).toBe('GREEN');
  });
});

describe('sandbox: status webhooks', () => {
  let receiver: Server;
  let sb: SandboxServer;
  const received: { body: string; signature: string | undefined }[] = [];
  let refuseFirst = 2;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (refuseFirst-- > 0) {
          res.writeHead(500);
          return res.end();
        }
        received.push({ body, signature: req.headers['x-hub-signature-256'] as string | undefined });
        res.writeHead(200);
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
    sb = await startSandbox({ webhookUrl: url, appSecret: 'app-secret-1234', statusDelayMs: 20, seed: 3 });
  });
  afterAll(async () => {
    await sb.close();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });

  it('sends signed sent/delivered(/read) callbacks, failed ones for undeliverable numbers, and retries refusals', async () => {
    await call(sb, 'POST', `${PN}/messages`, msg('+491704000001'));
    await call(sb, 'POST', `${PN}/messages`, msg('+491704440000'));
    await new Promise((r) => setTimeout(r, 100));
    await sb.webhooks.idle();
    expect(received.every((r) => verifySignature(r.body, r.signature, 'app-secret-1234'))).toBe(true);
    const statuses = received.map((r) => JSON.parse(r.body).entry[0].changes[0].value.statuses[0]);
    const ok = statuses.filter((s) => s.recipient_id === '491704000001');
    expect(ok.map((s) => s.status)).toEqual(expect.arrayContaining(['sent', 'delivered']));
    for (const s of statuses) {
      expect(typeof s.timestamp).toBe('string');
      expect(s.timestamp).toMatch(/^\d{10}$/);
      expect(s.biz_opaque_callback_data).toMatch(/^camp-1:row-/);
    }
    const failed = statuses.find((s) => s.recipient_id === '491704440000');
    expect(failed).toMatchObject({ status: 'failed', errors: [{ code: 131026 }] });
    expect(sb.webhooks.stats.retries).toBeGreaterThanOrEqual(2);
  });
});

describe('wa-ops sandbox (the command)', () => {
  it('prints its base URL on stdout and serves until SIGTERM', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'sandbox', '--port', '0', '--scenario', 'quality-yellow'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/v23.0/${PN}?fields=quality_rating`, { headers: { authorization: 'Bearer sandbox-token' } });
    expect(((await res.json()) as { quality_rating: string }).quality_rating).toBe('YELLOW');
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(143); // SIGTERM, as every long-running command
  });
});

describe('sandbox: faults, latency and templates from files', () => {
  it('injects 131000, 2 and dropped connections at --fail-rate, repeatably by seed', async () => {
    const run = async () => {
      const sb = await startSandbox({ failRate: 1, seed: 9, mps: 1000 });
      const out: string[] = [];
      try {
        for (let i = 0; i < 12; i++) {
          try {
            const r = await call(sb, 'POST', `${PN}/messages`, msg(`+4917060000${String(i).padStart(2, '0')}`));
            out.push(String(r.json.error?.code ?? r.status));
          } catch {
            out.push('dropped');
          }
        }
      } finally {
        await sb.close();
      }
      return out;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set(['131000', '2', 'dropped']));
    expect(await run()).toEqual(first);
  });

  it('adds --latency to every answer', async () => {
    const sb = await startSandbox({ latency: [120, 150] });
    try {
      const t0 = performance.now();
      await call(sb, 'GET', `${PN}?fields=quality_rating`);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    } finally {
      await sb.close();
    }
  });

  it('serves templates from --templates files, APPROVED unless they say otherwise', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'sandbox', '--port', '0', '--templates', join(root, 'fixtures', 'templates', 'clean')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
      const res = await fetch(`${url}/v23.0/${WABA}/message_templates?limit=100`, { headers: { authorization: 'Bearer sandbox-token' } });
      const names = ((await res.json()) as { data: { name: string; status: string }[] }).data;
      expect(names.map((t) => t.name)).toContain('bestellung_versandt');
      expect(names.every((t) => t.status === 'APPROVED')).toBe(true);
      expect(names.map((t) => t.name)).not.toContain('hello_world');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
    }
  });
});
