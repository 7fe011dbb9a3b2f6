// The sandbox's answers, held to the response schemas of Meta's OpenAPI description, endpoint by endpoint; every error
// to its GraphAPIError schema.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { OPENAPI_PATH, openApiPresent } from '../openapi.js';

const PN = '109876543210987';
const WABA = '210987654321098';
const H = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' };
type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>; components: unknown };

describe.skipIf(!openApiPresent)('sandbox answers against the OpenAPI response schemas', () => {
  let sb: SandboxServer;
  let doc: Doc;
  let ajv: Ajv2020;
  beforeAll(async () => {
    sb = await startSandbox({ reviewDelayMs: 0 });
    doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
    ajv.addSchema({ $id: 'meta', components: doc.components });
    await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491701234567', text: 'Hi' }) });
  });
  afterAll(() => sb.close());

  /** Call the sandbox and check the answer against the operation's schema for that status (GraphAPIError for errors). */
  const check = async (method: string, path: string, real: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${sb.url}/v23.0/${real}`, { method: method.toUpperCase(), headers: H, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    const declared = doc.paths[path]?.[method]?.responses?.[String(res.status)]?.content?.['application/json']?.schema;
    const schema = declared ?? (res.status >= 400 ? { $ref: '#/components/schemas/GraphAPIError' } : undefined);
    expect(schema, `${method} ${path} ${res.status} has a schema`).toBeDefined();
    const v = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"meta#/components/')));
    expect(v(json) ? [] : v.errors, `${method} ${real} -> ${res.status} ${JSON.stringify(json).slice(0, 200)}`).toEqual([]);
    return { status: res.status, json };
  };

  it('messages, media, phone number, templates, subscriptions, WABA', async () => {
    const send = '/{Version}/{Phone-Number-ID}/messages';
    expect((await check('post', send, `${PN}/messages`, { messaging_product: 'whatsapp', to: '491701234567', type: 'text', text: { body: 'x' } })).status).toBe(200);
    expect((await check('post', send, `${PN}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.x' })).status).toBe(200);
    expect((await check('post', send, `${PN}/messages`, { messaging_product: 'whatsapp', to: '491701234567', type: 'text' })).status).toBe(400);
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('file', new Blob([Buffer.from('89504e470d0a1a0a00', 'hex')], { type: 'image/png' }), 'a.png');
    const up = (await (await fetch(`${sb.url}/v23.0/${PN}/media`, { method: 'POST', headers: { authorization: H.authorization }, body: form })).json()) as { id: string };
    await check('get', '/{Version}/{Media-ID}', up.id);
    await check('get', '/{Version}/{Phone-Number-ID}', PN);
    await check('get', '/{Version}/{Phone-Number-ID}', `${PN}?fields=name_status,code_verification_status`);
    expect((await check('get', '/{Version}/{Phone-Number-ID}', `${PN}?fields=nonsense`)).status).toBe(400);
    const list = await check('get', '/{Version}/{WABA-ID}/message_templates', `${WABA}/message_templates`);
    await check('post', '/{Version}/{WABA-ID}/message_templates', `${WABA}/message_templates`, { name: 'schema_one', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order is ready.' }] });
    await check('get', '/{Version}/{TEMPLATE_ID}', list.json.data[0].id);
    await check('delete', '/{Version}/{WABA-ID}/message_templates', `${WABA}/message_templates?name=schema_one`);
    await check('get', '/{Version}/{WABA-ID}/subscribed_apps', `${WABA}/subscribed_apps`);
    await check('post', '/{Version}/{WABA-ID}/subscribed_apps', `${WABA}/subscribed_apps`, {});
    await check('get', '/{Version}/{WABA-ID}', WABA);
    await check('delete', '/{Version}/{Media-ID}', up.id);
  });

  it('the management edges: profile, settings, QR codes, registration', async () => {
    await check('get', '/{Version}/{Phone-Number-ID}/whatsapp_business_profile', `${PN}/whatsapp_business_profile`);
    await check('post', '/{Version}/{Phone-Number-ID}/whatsapp_business_profile', `${PN}/whatsapp_business_profile`, { messaging_product: 'whatsapp', about: 'hi' });
    await check('get', '/{Version}/{Phone-Number-ID}/settings', `${PN}/settings`);
    // A change of one calling field keeps the others (still a complete answer).
    await check('post', '/{Version}/{Phone-Number-ID}/settings', `${PN}/settings`, { calling: { status: 'enabled' } });
    expect((await check('get', '/{Version}/{Phone-Number-ID}/settings', `${PN}/settings`)).json.calling).toMatchObject({ status: 'enabled', call_icon_visibility: 'visible' });
    const qr = await check('post', '/{Version}/{Phone-Number-ID}/message_qrdls', `${PN}/message_qrdls`, { prefilled_message: 'hi', generate_qr_image: 'PNG' });
    expect(qr.json.code).toMatch(/^[A-Z2-7]{14}$/);
    await check('get', '/{Version}/{Phone-Number-ID}/message_qrdls', `${PN}/message_qrdls`);
    await check('post', '/{Version}/{Phone-Number-ID}/register', `${PN}/register`, { messaging_product: 'whatsapp', pin: '123456' });
    await check('post', '/{Version}/{Phone-Number-ID}/request_code', `${PN}/request_code`, { code_method: 'SMS', language: 'en_US' });
  });
});

describe.skipIf(!openApiPresent)('sandbox status webhooks against the OpenAPI WebhookPayload schema', () => {
  it('sent, delivered, read and failed statuses (v23 with conversation, v24 without) fit the schema', async () => {
    const { createServer } = await import('node:http');
    const bodies: unknown[] = [];
    const rx = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
    const port = (rx.address() as { port: number }).port;
    const sb = await startSandbox({ webhookUrl: `http://127.0.0.1:${port}/`, statusDelayMs: 5, seed: 3 });
    try {
      await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491701234567', text: 'Hi' }) });
      const send = (v: string, to: string) => fetch(`${sb.url}/${v}/${PN}/messages`, { method: 'POST', headers: H, body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } }, biz_opaque_callback_data: 'cb-1' }) });
      await send('v23.0', '491701234567');
      await send('v24.0', '491701234567');
      await send('v23.0', '491701230000'); // undeliverable: failed with errors[]
      const deadline = Date.now() + 10_000;
      const statuses = () => bodies.map((b: any) => b.entry?.[0]?.changes?.[0]?.value?.statuses?.[0]?.status).filter(Boolean);
      while (Date.now() < deadline && !(statuses().includes('failed') && statuses().filter((s) => s === 'delivered').length >= 2)) await new Promise((r) => setTimeout(r, 50));
      expect(statuses()).toEqual(expect.arrayContaining(['sent', 'delivered', 'failed']));
      const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as Doc;
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
      ajv.addSchema({ $id: 'meta', components: doc.components });
      const v = ajv.compile({ $ref: 'meta#/components/schemas/WebhookPayload' });
      for (const b of bodies.filter((x: any) => x.entry?.[0]?.changes?.[0]?.value?.statuses)) expect(v(b) ? [] : v.errors, JSON.stringify(b).slice(0, 300)).toEqual([]);
    } finally {
      await sb.close();
      rx.close();
    }
  });
});
