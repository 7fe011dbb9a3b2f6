// The sandbox's webhooks as a real receiver sees them: whatsapp-api-js's own handler verifies every body
// (non-ASCII escaped like Meta's), inbound messages open the 24 h window, PMP pricing, template reviews.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WhatsAppAPI } from 'whatsapp-api-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/core/webhook/signature.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';

const PN = '109876543210987';
const WABA = '210987654321098';
const SECRET = 'app-secret-äöü-1234';

interface Received {
  raw: string;
  ok: boolean;
  body: any;
  sha1?: string;
}

let receiver: Server;
let sb: SandboxServer;
const received: Received[] = [];
const statuses: Record<string, any>[] = [];
const inbound: Record<string, any>[] = [];

beforeAll(async () => {
  const api = new WhatsAppAPI({ token: 'unused', appSecret: SECRET, v: 'v23.0' });
  api.on.status = (s) => void statuses.push(s as unknown as Record<string, any>);
  api.on.message = (m) => void inbound.push(m as unknown as Record<string, any>);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw);
      let ok = true;
      try {
        // whatsapp-api-js's handler: checks X-Hub-Signature-256 over the (escaped) raw body, then dispatches.
        if (body.entry[0].changes[0].field === 'messages') await api.post(body, raw, String(req.headers['x-hub-signature-256']));
        else ok = verifySignature(raw, req.headers['x-hub-signature-256'] as string, SECRET);
      } catch {
        ok = false;
      }
      received.push({ raw, ok, body, sha1: req.headers['x-hub-signature'] as string | undefined });
      res.writeHead(ok ? 200 : 401);
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
  sb = await startSandbox({ webhookUrl: url, appSecret: SECRET, statusDelayMs: 10, seed: 11, reviewDelayMs: 400 });
});
afterAll(async () => {
  await sb.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});
beforeEach(() => {
  received.length = 0;
  statuses.length = 0;
  inbound.length = 0;
});

async function call(method: string, path: string, body?: unknown, version = 'v23.0') {
  const res = await fetch(`${sb.url}/${version}/${path}`, { method, headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}
const settle = async () => {
  await new Promise((r) => setTimeout(r, 60));
  await sb.webhooks.idle();
};
const template = (to: string, cb: string) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  biz_opaque_callback_data: cb,
  template: { name: 'spring_sale', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Jürgen' }, { type: 'text', text: 'FRÜH-10' }] }] },
});
const statusesOf = (to: string) => received.flatMap((r) => r.body.entry[0].changes[0].value.statuses ?? []).filter((s: any) => s.recipient_id === to.slice(1));

describe('signed like Meta: whatsapp-api-js verifies every body', () => {
  it('accepts statuses whose biz_opaque_callback_data holds "Müller" and an emoji', async () => {
    const cb = 'campaign:Müller 🚀 café';
    expect((await call('POST', `${PN}/messages`, template('+491705000001', cb))).status).toBe(200);
    await settle();
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.every((r) => r.ok)).toBe(true);
    expect(received.every((r) => /^[\x20-\x7e]*$/.test(r.raw))).toBe(true); // non-ASCII travels escaped
    expect(received[0].raw).toContain('M\\u00fcller \\ud83d\\ude80');
    // Meta also sends the older SHA-1 header (X-Hub-Signature) over the same bytes.
    for (const r of received) expect(r.sha1).toBe(`sha1=${createHmac('sha1', SECRET).update(r.raw).digest('hex')}`);
    expect(statuses.map((s) => s.biz_opaque_callback_data)).toContain(cb);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['sent', 'delivered']));
    expect(sb.webhooks.stats.retries).toBe(0);
  });
});

describe('24 h customer service window and PMP pricing', () => {
  it('accepts free-form text to someone who never wrote in, then fails it with 131047', async () => {
    const r = await call('POST', `${PN}/messages`, { messaging_product: 'whatsapp', to: '+491705000002', type: 'text', text: { body: 'Hallo!' } });
    expect(r.status).toBe(200);
    expect(r.json.messages[0].id).toMatch(/^wamid\./);
    await settle();
    expect(statusesOf('+491705000002')).toEqual([expect.objectContaining({ status: 'failed', errors: [expect.objectContaining({ code: 131047, title: 'Re-engagement message', error_data: { details: expect.any(String) } })] })]);
  });

  it('opens the window with POST /_sandbox/inbound (signed inbound webhook), then delivers free-form replies as free service messages', async () => {
    const res = await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491705000003', text: 'Wo ist meine Bestellung? 📦', name: 'Jürgen' }) });
    const answer = (await res.json()) as { id: string; webhook: string; windowClosesAt: string };
    expect(answer).toMatchObject({ id: expect.stringMatching(/^wamid\./), webhook: 'delivered' });
    expect(Date.parse(answer.windowClosesAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(inbound).toHaveLength(1);
    expect(inbound[0].message).toMatchObject({ from: '491705000003', id: answer.id, type: 'text', text: { body: 'Wo ist meine Bestellung? 📦' } });
    expect(inbound[0].contact).toMatchObject({ wa_id: '491705000003', profile: { name: 'Jürgen' } });
    await call('POST', `${PN}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: answer.id, typing_indicator: { type: 'text' } });
    await call('POST', `${PN}/messages`, { messaging_product: 'whatsapp', to: '491705000003', type: 'text', text: { body: 'Sie kommt morgen.' }, context: { message_id: answer.id } });
    await settle();
    const sent = statusesOf('+491705000003').find((s: any) => s.status === 'sent');
    expect(sent.pricing).toEqual({ billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' });
    expect(sent.conversation).toMatchObject({ origin: { type: 'service' }, expiration_timestamp: expect.stringMatching(/^\d{10}$/) });
  });

  it('plays a button reply as an interactive inbound message', async () => {
    await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491705000004', type: 'button_reply', button: { id: 'cancel', title: 'Cancel' }, context: 'wamid.X' }) });
    expect(inbound[0].message).toMatchObject({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'cancel', title: 'Cancel' } }, context: { id: 'wamid.X' } });
  });

  it('charges marketing templates as regular, and leaves out the conversation object from v24.0 on', async () => {
    await call('POST', `${PN}/messages`, template('+491705000005', 'v23'));
    await call('POST', `${PN}/messages`, template('+491705000006', 'v24'), 'v24.0');
    await settle();
    const v23 = statusesOf('+491705000005').find((s: any) => s.status === 'sent');
    const v24 = statusesOf('+491705000006').find((s: any) => s.status === 'sent');
    expect(v23.pricing).toEqual({ billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' });
    expect(v23.conversation.origin.type).toBe('marketing');
    expect(v24.pricing).toEqual(v23.pricing);
    expect(v24.conversation).toBeUndefined();
  });

  it('refuses an inbound body without a sender or text', async () => {
    const res = await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: 'me', text: 'x' }) });
    expect(res.status).toBe(400);
    const noText = await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491705000007' }) });
    expect(((await noText.json()) as { error: { code: number } }).error.code).toBe(131008);
  });
});

describe('business-scoped user ids (BSUID)', () => {
  it('sends to a BSUID (recipient, no to): the answer has user_id and no wa_id, the statuses recipient_user_id and no number', async () => {
    const r = await call('POST', `${PN}/messages`, { messaging_product: 'whatsapp', recipient: 'DE.13491208655302741918', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
    expect(r.json.contacts).toEqual([{ input: 'DE.13491208655302741918', user_id: 'DE.13491208655302741918' }]);
    await settle();
    const mine = received.flatMap((x) => x.body.entry[0].changes[0].value.statuses ?? []).filter((st: any) => st.recipient_user_id === 'DE.13491208655302741918');
    expect(mine.map((st: any) => st.status)).toEqual(expect.arrayContaining(['sent', 'delivered']));
    expect(mine.every((st: any) => st.recipient_id === undefined)).toBe(true);
    expect(statuses.some((st) => st.recipient?.bsuid === 'DE.13491208655302741918' && st.phone === 'DE.13491208655302741918')).toBe(true); // whatsapp-api-js reads it
    expect((await call('POST', `${PN}/messages`, { messaging_product: 'whatsapp', recipient: 'not a bsuid', type: 'text', text: { body: 'x' } })).json.error.code).toBe(131009);
  });

  it('gives every inbound user a stable BSUID, and a send to it reaches the number inside the open window', async () => {
    const res = await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491705000010', text: 'Hallo' }) });
    expect(res.status).toBe(200);
    const value = received[0].body.entry[0].changes[0].value;
    const userId = value.contacts[0].user_id as string;
    expect(userId).toMatch(/^DE\.\d{20}$/);
    expect(value.messages[0].from_user_id).toBe(userId);
    received.length = 0;
    const r = await call('POST', `${PN}/messages`, { messaging_product: 'whatsapp', recipient: userId, type: 'text', text: { body: 'Gern!' } });
    expect(r.json.contacts).toEqual([{ input: userId, user_id: userId }]);
    await settle();
    const sent = statusesOf('+491705000010').find((st: any) => st.status === 'sent');
    expect(sent).toMatchObject({ recipient_id: '491705000010', recipient_user_id: userId, pricing: { type: 'free_customer_service', category: 'service' } });
  });
});

describe('template review: PENDING, then message_template_status_update', () => {
  const change = (name: string) => received.map((r) => r.body.entry[0]).find((e) => e.changes[0].field === 'message_template_status_update' && e.changes[0].value.message_template_name === name);

  it('approves a clean template and rejects a promotional utility one, after the review delay, with signed webhooks', async () => {
    const good = await call('POST', `${WABA}/message_templates`, { name: 'pickup_ready_2', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel is ready for pickup at the counter.' }] });
    const bad = await call('POST', `${WABA}/message_templates`, { name: 'pickup_promo_2', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel is ready. Buy now and get a free gift!' }] });
    expect([good.json.status, bad.json.status]).toEqual(['PENDING', 'PENDING']);
    await settle();
    expect(received.every((r) => r.ok)).toBe(true);
    expect(change('pickup_ready_2')).toMatchObject({ id: WABA, time: expect.any(Number), changes: [{ value: { event: 'APPROVED', message_template_id: Number(good.json.id), message_template_language: 'en_US', reason: 'NONE' } }] });
    expect(change('pickup_promo_2').changes[0].value).toMatchObject({ event: 'REJECTED', reason: 'TAG_CONTENT_MISMATCH' });
    const listed = await call('GET', `${WABA}/message_templates?name=pickup_promo_2&fields=name,status,rejected_reason`);
    expect(listed.json.data).toEqual([{ id: bad.json.id, name: 'pickup_promo_2', status: 'REJECTED', rejected_reason: 'TAG_CONTENT_MISMATCH' }]);
  });

  it('edits with POST /{template-id} (review again), refuses a duplicate create, deletes by name', async () => {
    const created = await call('POST', `${WABA}/message_templates`, { name: 'visit_reminder', language: 'de', category: 'UTILITY', components: [{ type: 'BODY', text: 'Ihr Termin ist morgen um 10 Uhr.' }] });
    expect((await call('POST', created.json.id, { components: [{ type: 'BODY', text: 'Ihr Termin ist morgen um 11 Uhr.' }] })).json.error.error_subcode).toBe(2388039); // still in review
    await settle();
    expect((await call('POST', `${WABA}/message_templates`, { name: 'visit_reminder', language: 'de', category: 'UTILITY', components: [{ type: 'BODY', text: 'x' }] })).json.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    expect((await call('POST', created.json.id, { components: [{ type: 'BODY', text: 'Ihr Termin ist morgen um 11 Uhr.' }] })).json).toEqual({ success: true });
    expect((await call('GET', `${created.json.id}?fields=status`)).json.status).toBe('PENDING');
    await settle();
    expect((await call('GET', `${created.json.id}?fields=status,components`)).json).toMatchObject({ status: 'APPROVED', components: [{ text: 'Ihr Termin ist morgen um 11 Uhr.' }] });
    expect((await call('DELETE', `${WABA}/message_templates?name=visit_reminder`)).json).toEqual({ success: true });
    expect((await call('GET', `${WABA}/message_templates?name=visit_reminder`)).json.data).toEqual([]);
    expect((await call('DELETE', `${WABA}/message_templates?name=visit_reminder`)).status).toBe(400);
  });
});

describe('debug_token with the app access token', () => {
  it('accepts appId|appSecret, tells a wrong app secret (190, signature) from a bad input token (is_valid false)', async () => {
    const q = (input: string, access: string) => fetch(`${sb.url}/v23.0/debug_token?input_token=${encodeURIComponent(input)}&access_token=${encodeURIComponent(access)}`).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, any> }));
    const good = await q('sandbox-token', `1234567890123456|${SECRET}`);
    expect(good.json.data).toMatchObject({ is_valid: true, app_id: '1234567890123456', type: 'SYSTEM_USER' });
    const wrongSecret = await q('sandbox-token', '1234567890123456|not-the-secret');
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.json.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token signature.' });
    const badToken = await q('garbage', `1234567890123456|${SECRET}`);
    expect(badToken.status).toBe(200);
    expect(badToken.json.data).toMatchObject({ is_valid: false, error: { code: 190 } });
  });
});
