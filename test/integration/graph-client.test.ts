import { createServer, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures } from '../helpers.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError } from '../../src/core/graph/graph-error.js';
import { GraphClient } from '../../src/io/graph/client.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';

const template = (to: string, params = ['Ana', '#1', 'Monday']) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  template: {
    name: 'order_shipped',
    language: { code: 'en_US', policy: 'deterministic' },
    components: [
      { type: 'body', parameters: params.map((text) => ({ type: 'text', text })) },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '48213' }] },
    ],
  },
});

async function failure(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GraphError);
    return err as GraphError;
  }
  throw new Error('expected a GraphError');
}

describe('GraphClient against the sandbox', () => {
  let sb: SandboxServer;
  let client: GraphClient;
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    client = new GraphClient({ baseUrl: sb.url, apiVersion: 'v23.0', token: 'sandbox-token' });
  });
  afterAll(async () => {
    await client.close();
    await sb.close();
  });

  it('sends a template and gets the real success shape', async () => {
    const res = await client.sendMessage('109876543210987', template('+49 170 1234567'));
    expect(res.messaging_product).toBe('whatsapp');
    expect(res.contacts).toEqual([{ input: '+49 170 1234567', wa_id: '491701234567' }]);
    expect(res.messages[0].id).toMatch(/^wamid\./);
  });

  it('reads phone number fields, templates (all pages), subscribed apps and debug_token', async () => {
    const pn = await client.getPhoneNumber('109876543210987', ['quality_rating', 'throughput', 'whatsapp_business_manager_messaging_limit']);
    expect(pn).toEqual({ id: '109876543210987', quality_rating: 'GREEN', throughput: { level: 'HIGH' }, whatsapp_business_manager_messaging_limit: 'TIER_10K' });
    for (let i = 0; i < 120; i++) {
      await client.createTemplate('210987654321098', { name: `bulk_${i}`, language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: `Your parcel ${i} is ready for pickup.` }] });
    }
    const all = await client.listTemplates('210987654321098');
    expect(all.length).toBe(125); // 120 created + 5 built-in
    expect(new Set(all.map((t) => t.name)).size).toBe(125);
    expect((await client.subscribedApps('210987654321098'))[0].whatsapp_business_api_data.id).toBe('1234567890123456');
    const dbg = await client.debugToken('sandbox-token');
    expect(dbg).toMatchObject({ is_valid: true, expires_at: 0, scopes: expect.arrayContaining(['whatsapp_business_messaging', 'whatsapp_business_management']) });
    expect((await client.healthStatus('109876543210987'))?.can_send_message).toBe('AVAILABLE');
  });

  it('abort-run: a rejected token is 190 with HTTP 401', async () => {
    const bad = new GraphClient({ baseUrl: sb.url, apiVersion: 'v23.0', token: 'wrong-token-1234' });
    const e = await failure(bad.sendMessage('109876543210987', template('+491701234568')));
    expect(e).toMatchObject({ graphCode: 190, httpStatus: 401, action: 'abort-run', exitCode: 3 });
    expect(e.message).not.toContain('wrong-token-1234');
    await bad.close();
  });

  it('abort-run: a missing template is 132001', async () => {
    const body = template('+491701234569');
    body.template.name = 'no_such_template';
    expect(await failure(client.sendMessage('109876543210987', body))).toMatchObject({ graphCode: 132001, httpStatus: 404, action: 'abort-run' });
  });

  it('recipient-backoff: past a burst of 45 to the same person within 6 s comes 131056', async () => {
    for (let i = 0; i < 45; i++) await client.sendMessage('109876543210987', template('+491705555555'));
    expect(await failure(client.sendMessage('109876543210987', template('+491705555555')))).toMatchObject({ graphCode: 131056, action: 'recipient-backoff' });
  });

  it('cooldown, fail-recipient and transient come from forced errors', async () => {
    const force = (code: number) => fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code }) });
    await force(130429);
    const cd = await failure(client.sendMessage('109876543210987', template('+491706666661')));
    expect(cd).toMatchObject({ graphCode: 130429, httpStatus: 400, action: 'cooldown', retryAfterMs: 300_000 });
    expect(cd.details).toMatch(/throughput/);
    await force(131026);
    expect(await failure(client.sendMessage('109876543210987', template('+491706666662')))).toMatchObject({ graphCode: 131026, action: 'fail-recipient' });
    await force(131000);
    expect(await failure(client.sendMessage('109876543210987', template('+491706666663')))).toMatchObject({ graphCode: 131000, httpStatus: 500, action: 'transient' });
  });
});

describe('GraphClient against odd servers', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      if (path.includes('/hang')) return; // never answers
      if (path.includes('/reset')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"messaging_pro');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      if (path.includes('/malformed')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"messages": [');
      }
      if (path.includes('/proxy')) {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      }
      if (path.includes('/gateway504')) {
        res.writeHead(504);
        return res.end();
      }
      if (path.includes('/budget')) {
        res.writeHead(400, { 'content-type': 'application/json', 'x-business-use-case-usage': JSON.stringify({ '210987654321098': [{ type: 'whatsapp', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 7 }] }) });
        return res.end(JSON.stringify({ error: { message: '(#80007) Rate limit issues', type: 'OAuthException', code: 80007, fbtrace_id: 'Atrace123' } }));
      }
      if (path.includes('/gateway-429')) {
        res.writeHead(429, { 'content-type': 'text/html', 'retry-after': '7' });
        return res.end('<html><body>429 Too Many Requests</body></html>');
      }
      if (path.includes('/gateway-504')) {
        res.writeHead(504, { 'content-type': 'text/html' });
        return res.end('<html><body>504 Gateway Time-out</body></html>');
      }
      if (path.includes('/gateway-502-json')) {
        res.writeHead(502, { 'content-type': 'application/json' });
        return res.end('{"message":"Bad Gateway"}');
      }
      if (path.includes('/gateway-503')) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '20' });
        return res.end('Service Unavailable');
      }
      if (path.includes('/maintenance')) {
        res.writeHead(500, { 'content-type': 'application/json', 'retry-after': '42' });
        return res.end(JSON.stringify({ error: { message: '(#131057) Account in maintenance mode', code: 131057, fbtrace_id: 'Atrace' } }));
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const client = () => new GraphClient({ baseUrl: base, apiVersion: 'v23.0', token: 't', timeoutMs: 300 });

  it('ambiguous: a POST that times out may have been sent', async () => {
    const c = client();
    expect(await failure(c.request('POST', 'hang/messages', { body: {} }))).toMatchObject({ action: 'ambiguous', notSent: false });
    await c.close();
  });

  it('transient: a GET that times out is simply retried', async () => {
    const c = client();
    expect(await failure(c.request('GET', 'hang'))).toMatchObject({ action: 'transient' });
    await c.close();
  });

  it('ambiguous: a reset in the middle of the answer', async () => {
    const c = client();
    expect(await failure(c.request('POST', 'reset/messages', { body: {} }))).toMatchObject({ action: 'ambiguous' });
    await c.close();
  });

  it('malformed JSON and an HTML page from a proxy become clear errors', async () => {
    const c = client();
    const m = await failure(c.request('POST', 'malformed/messages', { body: {} }));
    expect(m.action).toBe('ambiguous');
    expect(m.message).toMatch(/instead of Graph JSON/);
    expect(m.hint).toMatch(/may have been carried out.*not the Graph API answering/);
    expect((await failure(c.request('GET', 'malformed'))).hint).toMatch(/^this is not the Graph API answering \(a captive portal/);
    const p = await failure(c.request('GET', 'proxy'));
    expect(p).toMatchObject({ httpStatus: 502, action: 'transient' });
    expect(p.message).toMatch(/502 with text\/html/);
    await c.close();
  });

  it('ambiguous: a POST answered 502 or 504 by a gateway (no Graph error) may have been carried out; a GET is retried', async () => {
    const c = client();
    const html = await failure(c.request('POST', 'proxy/messages', { body: {} }));
    expect(html).toMatchObject({ httpStatus: 502, action: 'ambiguous' });
    expect(html.notSent).toBeFalsy();
    expect(html.hint).toMatch(/a gateway answered 502 after the request went out/);
    expect(html.hint).not.toMatch(/retried|run the same command again,/);
    expect(await failure(c.request('POST', 'gateway504/messages', { body: {} }))).toMatchObject({ httpStatus: 504, action: 'ambiguous' });
    expect(await failure(c.request('GET', 'gateway504'))).toMatchObject({ httpStatus: 504, action: 'transient' });
    await c.close();
  });

  it('retry-after: reads estimated_time_to_regain_access and Retry-After', async () => {
    const c = client();
    expect(await failure(c.request('GET', 'budget'))).toMatchObject({ graphCode: 80007, action: 'retry-after', retryAfterMs: 7 * 60_000, fbtraceId: 'Atrace123' });
    expect(await failure(c.request('GET', 'maintenance'))).toMatchObject({ graphCode: 131057, action: 'retry-after', retryAfterMs: 42_000 });
    await c.close();
  });

  it('a gateway\'s bare 429 is rate limiting (its Retry-After honoured), not an outage; a 503 keeps its Retry-After', async () => {
    const c = client();
    const limited = await failure(c.request('POST', 'gateway-429/messages', { body: {} }));
    expect(limited).toMatchObject({ httpStatus: 429, action: 'retry-after', retryAfterMs: 7000, waitFromResponse: true, notSent: false });
    expect(limited.todo).toMatch(/rate limited/);
    const down = await failure(c.request('POST', 'gateway-503/messages', { body: {} }));
    expect(down).toMatchObject({ httpStatus: 503, action: 'transient', retryAfterMs: 20_000, waitFromResponse: true });
    await c.close();
  });

  it('a gateway\'s bare 502/504 to a POST may have been passed on: ambiguous (never resent blindly); to a GET transient', async () => {
    const c = client();
    expect(await failure(c.request('POST', 'gateway-504/messages', { body: {} }))).toMatchObject({ httpStatus: 504, action: 'ambiguous', notSent: false });
    expect(await failure(c.request('POST', 'gateway-502-json/messages', { body: {} }))).toMatchObject({ httpStatus: 502, action: 'ambiguous' });
    expect(await failure(c.request('GET', 'gateway-504'))).toMatchObject({ httpStatus: 504, action: 'transient' });
    await c.close();
  });

  it('transient and not sent: a refused connection', async () => {
    const c = new GraphClient({ baseUrl: 'http://127.0.0.1:9', apiVersion: 'v23.0', token: 't' });
    expect(await failure(c.request('POST', 'x/messages', { body: {} }))).toMatchObject({ action: 'transient', notSent: true });
    await c.close();
  });
});

describe('GraphClient network failures say what to check, never "HTTP 0"', () => {
  const kinds: [string, () => Promise<{ base: string; close: () => Promise<void> }>, RegExp, RegExp, boolean][] = [
    ['refused', async () => {
      const s = createServer();
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      const port = (s.address() as AddressInfo).port;
      await new Promise((r) => s.close(r));
      return { base: `http://127.0.0.1:${port}`, close: async () => {} };
    }, /cannot connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, /nothing listens at 127\.0\.0\.1:\d+: start the sandbox .*WA_OPS_GRAPH_URL/, true],
    ['tls', async () => {
      const s = createHttps({ cert: readFileSync(join(fixtures, 'tls', 'self-signed.crt')), key: readFileSync(join(fixtures, 'tls', 'self-signed.key')) }, (_q, res) => res.end('{}'));
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return { base: `https://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise((r) => s.close(() => r())) };
    }, /the TLS certificate of 127\.0\.0\.1:\d+ was not accepted \(\w+\)/, /NODE_EXTRA_CA_CERTS/, true],
    ['timeout', async () => {
      const s = createServer(() => {});
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return { base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => (s.closeAllConnections(), new Promise((r) => s.close(() => r()))) };
    }, /timed out waiting for the answer/, /metastatus\.com and the network/, false],
    ['reset', async () => {
      const s = createServer((_q, res) => res.socket?.destroy());
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return { base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise((r) => s.close(() => r())) };
    }, /connection lost \((ECONNRESET|UND_ERR_SOCKET)\)/, /the connection was cut: check the network connection and the proxy settings/, false],
  ];
  it.each(kinds)('%s', async (_kind, start, message, hint, notSent) => {
    const srv = await start();
    const c = new GraphClient({ baseUrl: srv.base, apiVersion: 'v23.0', token: 't', timeoutMs: 300 });
    try {
      const e = await failure(c.request('GET', '210987654321098/message_templates'));
      expect(e.message).toMatch(message);
      expect(e.hint).toMatch(hint);
      expect(e.hint).not.toMatch(/HTTP 0|see the details/);
      expect(e).toMatchObject({ httpStatus: 0, notSent, exitCode: 3 });
      // A POST that went out and got no answer may have been carried out: never "run the same command again".
      const post = await failure(c.request('POST', '109876543210987/messages', { body: {} }));
      if (notSent) expect(post.hint).toMatch(/then run the same command again|NODE_EXTRA_CA_CERTS/);
      else {
        expect(post.action).toBe('ambiguous');
        expect(post.hint).toMatch(/may have been carried out: find out whether it was .* before doing it again/);
        expect(post.hint).not.toMatch(/run the same command again/);
      }
    } finally {
      await c.close();
      await srv.close();
    }
  });
});

describe('GraphClient template listing', () => {
  it('asks for the rejection reason and quality explicitly (Meta leaves them out of the default fields), and follows the pages', async () => {
    const seen: URLSearchParams[] = [];
    const server: Server = createServer((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      seen.push(q);
      const page = q.get('after') ? [{ id: '2', name: 'b', language: 'de', status: 'REJECTED', category: 'MARKETING', rejected_reason: 'PROMOTIONAL', components: [] }] : [{ id: '1', name: 'a', language: 'en', status: 'APPROVED', category: 'UTILITY', quality_score: { score: 'GREEN' }, components: [] }];
      const paging = q.get('after') ? { cursors: { after: 'END' } } : { cursors: { after: 'P2' }, next: 'http://x/next' };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: page, paging }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const c = new GraphClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiVersion: 'v23.0', token: 't' });
    try {
      const list = await c.listTemplates('210987654321098', { status: 'REJECTED' });
      expect(list.map((t) => [t.name, t.rejected_reason ?? t.quality_score?.score])).toEqual([['a', 'GREEN'], ['b', 'PROMOTIONAL']]);
      expect(seen).toHaveLength(2);
      for (const q of seen) {
        expect(q.get('fields')?.split(',')).toEqual(expect.arrayContaining(['id', 'name', 'language', 'status', 'category', 'components', 'rejected_reason', 'quality_score']));
        expect(q.get('status')).toBe('REJECTED');
      }
      expect(seen[1].get('after')).toBe('P2');
    } finally {
      await c.close();
      server.close();
    }
  });
});
