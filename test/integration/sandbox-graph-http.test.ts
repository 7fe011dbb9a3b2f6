// The sandbox reads requests as the Graph API does: JSON, form-encoded and multipart bodies, the query string of a POST, a token in the header, the query or the body.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { startWebhookServer } from '../../src/webhook/server.js';
import { tempDir } from '../helpers.js';

const PN = '109876543210987';
const WABA = '210987654321098';
const TO = '491701234567';

describe('request encodings Graph accepts', () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox({ reviewDelayMs: 0 });
    // Free-form text reaches only an open window: the customer writes first.
    await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: TO, text: 'Hi' }) });
  });
  afterAll(() => sb.close());

  const post = async (path: string, body: BodyInit | undefined, headers: Record<string, string> = { authorization: 'Bearer sandbox-token' }) => {
    const res = await fetch(`${sb.url}/v23.0/${path}`, { method: 'POST', headers, body });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  it('sends a text message from a form-encoded body (objects as JSON text in a field)', async () => {
    const form = new URLSearchParams({ messaging_product: 'whatsapp', to: TO, type: 'text', text: JSON.stringify({ body: 'form-encoded' }) });
    const r = await post(`${PN}/messages`, form);
    expect(r.status).toBe(200);
    expect(r.json.messages[0].id).toMatch(/^wamid\./);
    expect(sb.state.messages.at(-1)?.text).toBe('form-encoded');
  });

  it('sends a text message from a multipart body', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ messaging_product: 'whatsapp', to: TO, type: 'text', text: JSON.stringify({ body: 'multipart' }) })) form.set(k, v);
    const r = await post(`${PN}/messages`, form);
    expect(r.status).toBe(200);
    expect(sb.state.messages.at(-1)?.text).toBe('multipart');
  });

  it('takes access_token as a body or query parameter, and the OAuth scheme in any case', async () => {
    const inBody = new URLSearchParams({ access_token: 'sandbox-token', messaging_product: 'whatsapp', to: TO, text: '{"body":"token in body"}' });
    expect((await post(`${PN}/messages`, inBody, {})).status).toBe(200);
    const query = new URLSearchParams({ access_token: 'sandbox-token', messaging_product: 'whatsapp', to: TO, type: 'text', text: '{"body":"all in the query"}' });
    expect((await post(`${PN}/messages?${query}`, undefined, {})).status).toBe(200);
    expect(sb.state.messages.at(-1)?.text).toBe('all in the query');
    expect((await post(`${PN}/register`, new URLSearchParams({ messaging_product: 'whatsapp', pin: '123456' }), { authorization: 'OAuth sandbox-token' })).json).toEqual({ success: true });
    const wrong = await post(`${PN}/messages`, new URLSearchParams({ access_token: 'nope', messaging_product: 'whatsapp' }), {});
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe(190);
    // No token at all is another error than a wrong one: Graph's 104.
    for (const none of [await post(`${PN}/messages`, new URLSearchParams({ messaging_product: 'whatsapp' }), {}), await post(`${PN}/messages`, undefined, { authorization: 'Bearer ' })]) {
      expect(none.status).toBe(401);
      expect(none.json.error).toMatchObject({ code: 104, type: 'OAuthException', message: 'An access token is required to request this resource.' });
    }
    const debug = await fetch(`${sb.url}/v23.0/debug_token?input_token=x`);
    expect(((await debug.json()) as { error: { code: number } }).error.code).toBe(104);
  });

  it('creates a template from a form-encoded body', async () => {
    const components = [{ type: 'BODY', text: 'Your order {{1}} is ready for pickup.', example: { body_text: [['A1']] } }];
    const r = await post(`${WABA}/message_templates`, new URLSearchParams({ name: 'form_made', language: 'en_US', category: 'UTILITY', components: JSON.stringify(components) }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: expect.any(String), category: 'UTILITY' });
  });

  it('still refuses a broken form value the way it refuses the JSON one', async () => {
    const r = await post(`${PN}/messages`, new URLSearchParams({ messaging_product: 'whatsapp', to: TO, text: '{"body":' }));
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe(131008);
  });
});

describe("Meta's error titles and HTTP statuses", () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox({ reviewDelayMs: 0 });
  });
  afterAll(() => sb.close());

  const send = async (body: unknown, path = `v23.0/${PN}/messages`) => {
    const res = await fetch(`${sb.url}/${path}`, { method: 'POST', headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, any>, trace: res.headers.get('x-fb-trace-id') };
  };
  const template = { messaging_product: 'whatsapp', to: TO, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } };

  it.each<[number, string, number]>([
    [131057, '(#131057) Account in maintenance mode', 500],
    [132016, '(#132016) Template is Disabled', 400],
    [131052, '(#131052) Media download error', 400],
    [130472, "(#130472) User's number is part of an experiment", 400],
    [133015, '(#133015) Please wait a few minutes before attempting to register this phone number', 400],
  ])('a forced %i answers "%s" with HTTP %i', async (code, message, status) => {
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code }) });
    const r = await send(template);
    expect(r.status).toBe(status);
    expect(r.json.error).toMatchObject({ code, message, type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect(r.trace).toBe(r.json.error.fbtrace_id);
  });

  it('names 132012 (a header parameter of the wrong kind) as Meta does', async () => {
    const r = await send({ ...template, template: { name: 'new_collection', language: { code: 'en_US' }, components: [{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://cdn.example.com/a.mp4' } }] }, { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('(#132012) Parameter format does not match format in the created template');
  });
});

it('an expired token is 190 with subcode 463, as Meta marks an expired session', async () => {
  const sb = await startSandbox({ scenarios: ['token-expired'] });
  try {
    const res = await fetch(`${sb.url}/v23.0/${PN}`, { headers: { authorization: 'Bearer sandbox-token' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: object }).error).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException', message: expect.stringMatching(/Session has expired/) });
  } finally {
    await sb.close();
  }
});

describe('API versions in the path', () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.close());

  it('serves v19.0 to v26.0 (and an unversioned path) and says which version answered', async () => {
    for (const v of ['v19.0', 'v20.0', 'v21.0', 'v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0', '']) {
      const res = await fetch(`${sb.url}/${v ? `${v}/` : ''}${PN}?fields=id`, { headers: { authorization: 'Bearer sandbox-token' } });
      expect(res.status, v).toBe(200);
      expect(res.headers.get('facebook-api-version'), v).toMatch(/^v\d+\.0$/);
    }
  });

  it('answers a version that does not exist as Graph does: 400, code 2500, unknown path components', async () => {
    const res = await fetch(`${sb.url}/v99.0/${PN}/messages`, { method: 'POST', headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: JSON.stringify({ messaging_product: 'whatsapp', to: TO, type: 'text', text: { body: 'x' } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: object }).error).toMatchObject({ code: 2500, type: 'OAuthException', message: `Unknown path components: /${PN}/messages` });
    expect(sb.state.messages).toHaveLength(0);
  });
});

describe('subscribed_apps: subscribe, override the callback URL (verified like Meta), unsubscribe', () => {
  const WABA_PATH = `v23.0/${WABA}/subscribed_apps`;
  let sb: SandboxServer;
  let serve: Awaited<ReturnType<typeof startWebhookServer>>;
  let dir: string;
  const call = async (method: string, body?: unknown) => {
    const res = await fetch(`${sb.url}/${WABA_PATH}`, { method, headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const inbound = async (from: string) => (await (await fetch(`${sb.url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from, text: 'Hallo' }) })).json()) as { webhook: string };
  beforeAll(async () => {
    dir = tempDir('wa-ops-subscribed-');
    serve = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: 'sub-secret', verifyToken: 'vt-123', eventsPath: join(dir, 'events.jsonl'), suppressionsPath: join(dir, 'suppressions.jsonl') });
    sb = await startSandbox({ appSecret: 'sub-secret' });
  });
  afterAll(async () => {
    await sb.close();
    await serve.close();
  });

  it('takes an override_callback_uri only after its GET challenge is answered, then sends the webhooks there', async () => {
    expect((await call('GET')).json).toEqual({ data: [expect.objectContaining({ whatsapp_business_api_data: expect.objectContaining({ id: expect.any(String) }) })] });
    expect((await call('POST', { override_callback_uri: serve.url })).json.error.code).toBe(100); // no verify_token
    const wrong = await call('POST', { override_callback_uri: serve.url, verify_token: 'not-the-token' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 2200, message: expect.stringMatching(/^\(#2200\) Callback verification failed/) });
    expect((await call('GET')).json.data[0].override_callback_uri).toBeUndefined();
    expect((await call('POST', { override_callback_uri: serve.url, verify_token: 'vt-123' })).json).toEqual({ success: true });
    expect((await call('GET')).json.data[0].override_callback_uri).toBe(serve.url);
    expect((await inbound('491701234500')).webhook).toBe('delivered');
    await serve.idle();
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toMatch(/"kind":"message".*"from":"491701234500"/);
  });

  it('DELETE unsubscribes (no app listed, no webhooks), a POST subscribes again', async () => {
    expect((await call('DELETE')).json).toEqual({ success: true });
    expect((await call('GET')).json).toEqual({ data: [] });
    expect((await inbound('491701234501')).webhook).toBe('off');
    expect((await call('POST')).json).toEqual({ success: true });
    expect((await call('GET')).json.data).toHaveLength(1);
  });

  it("takes an override on another host as Meta's example shows it, lists it, but never calls out to it", async () => {
    expect((await call('POST', { override_callback_uri: 'https://your-webhook-endpoint.com/webhook', verify_token: 'YOUR_VERIFY_TOKEN' })).json).toEqual({ success: true });
    expect((await call('GET')).json.data[0].override_callback_uri).toBe('https://your-webhook-endpoint.com/webhook');
    expect((await inbound('491701234502')).webhook).toBe('off');
  });
});
