// A proxy that refuses to open the tunnel (407: it wants credentials; 403: policy): the request never left, so a send
// is not "unknown"; trying again cannot help, so the run stops with what to fix.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError } from '../../src/core/graph/graph-error.js';
import { GraphClient } from '../../src/io/graph/client.js';

let proxy: Server;
let proxyUrl = '';
let answer = 407;

beforeAll(async () => {
  proxy = createServer((_req, res) => res.writeHead(answer).end());
  proxy.on('connect', (_req, socket) => {
    socket.end(`HTTP/1.1 ${answer} ${answer === 407 ? 'Proxy Authentication Required' : 'Forbidden'}\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
});

/** A client built while HTTPS_PROXY names the refusing proxy (the dispatcher reads it when built). */
function clientBehindProxy(): GraphClient {
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, https_proxy: process.env.https_proxy, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };
  Object.assign(process.env, { HTTPS_PROXY: proxyUrl, https_proxy: proxyUrl, NO_PROXY: '', no_proxy: '' });
  try {
    return new GraphClient({ baseUrl: 'https://graph.example.test', apiVersion: 'v23.0', token: 'EAAtoken1234', timeoutMs: 3000 });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

describe('a proxy that refuses the tunnel', () => {
  it.each([
    [407, /wants credentials: put them in HTTPS_PROXY/],
    [403, /does not let requests to graph\.example\.test through \(HTTP 403\)/],
  ])('%s: a POST is known not sent and stops the run (abort-run), with the proxy named', async (status, todo) => {
    answer = status;
    const c = clientBehindProxy();
    const err = await c.sendMessage('109876543210987', { messaging_product: 'whatsapp', to: '491701234567', type: 'text', text: { body: 'x' } }).catch((e: unknown) => e);
    await c.close();
    expect(err).toBeInstanceOf(GraphError);
    expect(err).toMatchObject({ notSent: true, action: 'abort-run' });
    expect((err as GraphError).message).toMatch(new RegExp(`refused the connection to graph\\.example\\.test:?\\d* \\(HTTP ${status}\\)`));
    expect((err as GraphError).todo).toMatch(todo);
  });
});
