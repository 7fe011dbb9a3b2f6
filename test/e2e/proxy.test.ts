// HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured by every outgoing request: the Graph client, the
// doctor's webhook probe, the media HEAD check. A tiny proxy on 127.0.0.1 counts what it carries.
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

/** Every host name the proxy is asked for is sent to the sandbox (a fake DNS for the test). */
function startProxy(target: URL): Promise<void> {
  proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: new URL(req.url!).pathname + new URL(req.url!).search, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  proxy.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const up = connect(Number(target.port), target.hostname, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  return new Promise((r) => proxy.listen(0, '127.0.0.1', () => r()));
}

beforeAll(async () => {
  sb = await startSandbox();
  await startProxy(new URL(sb.url));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await sb.close();
});
beforeEach(() => void seen.splice(0));

const env = (extra: Record<string, string>) => ({
  WA_OPS_GRAPH_URL: 'http://graph.wa-ops-proxy.test',
  WA_OPS_TOKEN: 'sandbox-token',
  WA_OPS_PHONE_NUMBER_ID: '109876543210987',
  WA_OPS_WABA_ID: '210987654321098',
  HTTP_PROXY: proxyUrl,
  HTTPS_PROXY: proxyUrl,
  NO_PROXY: '',
  ...extra,
});

describe('outgoing requests and the proxy environment', () => {
  it('doctor reaches the Graph API only through HTTP_PROXY, and probes the webhook through it too', async () => {
    const r = await runCli(['doctor', '--json', '--allow-insecure-graph-url', '--template', 'spring_sale:de', '--webhook-url', 'http://hook.wa-ops-proxy.test/webhook'], { env: env({ WA_OPS_VERIFY_TOKEN: 'verify-token-1' }), cwd: tempDir() });
    const report = JSON.parse(r.stdout) as { checks: { id: string; status: string }[] };
    expect(report.checks.find((c) => c.id === 'token.valid')?.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'template.spring_sale.de')?.status).toBe('pass');
    expect(seen.some((s) => /graph\.wa-ops-proxy\.test/.test(s))).toBe(true);
    expect(seen.some((s) => /hook\.wa-ops-proxy\.test/.test(s))).toBe(true);
  });

  it('NO_PROXY sends a host directly (here: unresolvable, reported once as graph.reachable)', async () => {
    const r = await runCli(['doctor', '--json', '--allow-insecure-graph-url'], { env: env({ NO_PROXY: 'wa-ops-proxy.test' }), cwd: tempDir() });
    const report = JSON.parse(r.stdout) as { checks: { id: string; status: string; detail: string }[] };
    expect(seen).toEqual([]);
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: 'graph.reachable', detail: expect.stringMatching(/cannot reach graph\.wa-ops-proxy\.test/) });
    expect(report.checks.find((c) => c.id === 'token.valid')?.status).toBe('skip');
  });

  it('a proxy variable that is not a proxy URL is exit 2 naming the variable, not an internal error; its value (maybe a password) is not shown', async () => {
    for (const [extra, variable] of [[{ HTTPS_PROXY: 'not a url' }, 'HTTPS_PROXY'], [{ http_proxy: 'ftp://user:s3cret@proxy.example' }, 'http_proxy']] as const) {
      const r = await runCli(['doctor', '--json', '--allow-insecure-graph-url'], { env: env(extra), cwd: tempDir() });
      expect(r.code).toBe(2);
      const error = JSON.parse(r.stdout).error as { code: string; message: string; hint: string };
      expect(error).toMatchObject({ code: 'bad-proxy', message: expect.stringMatching(new RegExp(`^${variable} is not`)) });
      expect(error.hint).toContain(`unset ${variable}`);
      expect(r.stdout + r.stderr).not.toContain('s3cret');
    }
  });

  it('loopback is never proxied (the sandbox stays reachable with a proxy set)', async () => {
    const r = await runCli(['doctor', '--json'], { env: env({ WA_OPS_GRAPH_URL: sb.url }), cwd: tempDir() });
    expect(JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'token.valid').status).toBe('pass');
    expect(seen).toEqual([]);
  });

  it('the header media HEAD goes through HTTPS_PROXY', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'phone,first_name\n+4915112345678,Ada\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'm', recipients: 'list.csv', template: { name: 'new_collection', language: 'en_US' }, parameters: { header: [{ image: 'https://media.wa-ops-proxy.test/banner.png' }], body: ['first_name'] } }));
    const r = await runCli(['doctor', '--json', '--allow-insecure-graph-url', '--campaign', join(dir, 'c.json')], { env: env({}), cwd: dir });
    expect(r.code).toBe(1);
    expect(seen).toContain('CONNECT media.wa-ops-proxy.test:443');
  });
});
