import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

const post = async (path: string, body: string) => {
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
};
const send = (to: string) => post('/v23.0/109876543210987/messages', JSON.stringify({ messaging_product: 'whatsapp', to, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } }));

describe('POST /_sandbox/fail-next', () => {
  it.each([
    ['a code that is not a number', '{"code":"abc"}'],
    ['no code', '{}'],
    ['a code of null', '{"code":null}'],
    ['a fractional code', '{"code":130429.5}'],
    ['a negative count', '{"code":130429,"count":-1}'],
    ['a zero count', '{"code":130429,"count":0}'],
    ['a huge count', '{"code":130429,"count":1e9}'],
    ['a count as text', '{"code":130429,"count":"2"}'],
    ['an HTTP status that is not an error', '{"code":130429,"httpStatus":200}'],
    ['an unknown key', '{"code":130429,"cuont":2}'],
  ])('refuses %s with a 100 error in the Graph shape, and forces nothing', async (_name, body) => {
    const r = await post('/_sandbox/fail-next', body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 100, type: 'OAuthException', message: '(#100) Invalid parameter', error_data: { details: expect.stringMatching(/code|count|httpStatus|key/) } });
    const next = await send('491709990201');
    expect(next.status).toBe(200);
    expect(next.json.messages[0].id).toMatch(/^wamid\./);
  });

  it('forces a valid code for count sends, with Meta\'s title and status', async () => {
    const r = await post('/_sandbox/fail-next', '{"code":131048,"count":2}');
    expect(r).toMatchObject({ status: 200, json: { forced: [{ code: 131048, remaining: 2 }] } });
    for (const to of ['491709990202', '491709990203']) {
      const f = await send(to);
      expect(f.status).toBe(400);
      expect(f.json.error).toMatchObject({ code: 131048, message: '(#131048) Spam rate limit hit' });
    }
    expect((await send('491709990204')).status).toBe(200);
    const h = await post('/_sandbox/fail-next', '{"code":131000,"httpStatus":503}');
    expect(h.status).toBe(200);
    expect((await send('491709990205')).status).toBe(503);
  });

  it('answers a forced call-budget error with Meta\'s usage header, which the Graph client reads as the wait', async () => {
    await post('/_sandbox/fail-next', '{"code":80007}');
    const { GraphClient } = await import('../../src/io/graph/client.js');
    const client = new GraphClient({ baseUrl: sb.url, apiVersion: 'v23.0', token: 'sandbox-token' });
    const err = await client.sendMessage('109876543210987', { messaging_product: 'whatsapp', to: '491709990206', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } }).catch((e: unknown) => e);
    await client.close();
    expect(err).toMatchObject({ graphCode: 80007, action: 'retry-after', retryAfterMs: 15 * 60_000, waitFromResponse: true });
    await post('/_sandbox/fail-next', '{"code":4}');
    const res = await fetch(`${sb.url}/v23.0/109876543210987/messages`, { method: 'POST', headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: JSON.stringify({ messaging_product: 'whatsapp', to: '491709990207', type: 'text', text: { body: 'x' } }) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.headers.get('x-app-usage') ?? '{}')).toMatchObject({ call_count: 100 });
  });
});

describe('POST /_sandbox/scenario', () => {
  it.each([['{}'], ['{"add":"quality-red"}'], ['{"set":null}']])('refuses %s (not a list of names) with 100', async (body) => {
    const r = await post('/_sandbox/scenario', body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 100 });
  });
});
