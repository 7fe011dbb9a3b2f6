// `wa-ops sandbox` as a user runs it: startup text, a port already in use, deliveries it gives up on.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { signBody } from '../../src/core/webhook/signature.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from '../helpers.js';

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1' };
for (const k of Object.keys(env)) if (k.startsWith('WA_OPS_')) delete env[k];

/** Start the built CLI's sandbox; resolves with its URL once it prints it. */
function startCli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'sandbox', '--port', '0', ...args], { env: { ...env, ...extraEnv }, stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({ child, url: String(d).trim(), stderr: () => err }));
    child.once('close', (code) => reject(new Error(`sandbox exited ${code}: ${err}`)));
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  child.kill('SIGTERM');
  return new Promise((r) => child.once('close', r));
}

describe('wa-ops sandbox', () => {
  it('prints the app id and the (sandbox) app secret to use, and how to play an inbound message', async () => {
    const { child, stderr } = await startCli([]);
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(stderr()).toContain('WA_OPS_APP_ID=1234567890123456 WA_OPS_APP_SECRET=sandbox-app-secret');
      expect(stderr()).toMatch(/_sandbox\/inbound -d '\{"from":"491701234567","text":"Hi"\}'/);
    } finally {
      expect(await stop(child)).toBe(143);
    }
  });

  it('stops on Ctrl-C with exit 130, at once, even with webhook retries pending', async () => {
    const { child, url } = await startCli(['--webhook-url', 'http://127.0.0.1:9/webhook']);
    await fetch(`${url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491701234567', text: 'Hi' }) });
    const started = Date.now();
    child.kill('SIGINT');
    expect(await new Promise((r) => child.once('close', r))).toBe(130);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('never prints an app secret the user chose, only its last 4 characters', async () => {
    const { child, stderr } = await startCli(['--app-secret', 'my-real-secret-9876', '--webhook-url', 'http://127.0.0.1:9/webhook']);
    await new Promise((r) => setTimeout(r, 200));
    await stop(child);
    expect(stderr()).not.toContain('my-real-secret');
    expect(stderr()).toContain('…9876');
  });

  it('answers a port already in use with one line and exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = await runCli(['sandbox', '--port', String(port)], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      const json = await runCli(['sandbox', '--port', String(port), '--json'], { env });
      expect(JSON.parse(json.stdout).error.code).toBe('port-in-use');
    } finally {
      blocker.close();
    }
    expect((await runCli(['sandbox', '--port', '99999'], { env })).code).toBe(2);
    expect((await runCli(['sandbox', '--review-delay', 'soon'], { env })).code).toBe(2);
  });

  it('says on stderr, with a count, when it gives up on webhook deliveries (receiver not running)', async () => {
    const { child, url, stderr } = await startCli(['--webhook-url', 'http://127.0.0.1:9/webhook']);
    try {
      const res = await fetch(`${url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491701234567', text: 'Hi' }) });
      expect(((await res.json()) as { webhook: string }).webhook).toBe('retrying');
      const deadline = Date.now() + 20_000;
      while (!/gave up/.test(stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(stderr()).toMatch(/gave up on a webhook delivery to http:\/\/127\.0\.0\.1:9\/webhook after 6 attempts \(1 in all\)/);
    } finally {
      await stop(child);
    }
  }, 30_000);

  it('sends its webhooks through HTTP_PROXY to a host that is not loopback, directly to loopback and to NO_PROXY hosts', async () => {
    // The receiver behind the proxy, reached only through a CONNECT tunnel (as undici's proxy agent does it).
    const seen: { tunnel: string | undefined; url: string | undefined; body: string; sig: string | undefined }[] = [];
    let tunnel: string | undefined;
    const app: Server = createHttpServer((req, res) => {
      let b = '';
      req.on('data', (d) => (b += d));
      req.on('end', () => {
        seen.push({ tunnel, url: req.url, body: b, sig: req.headers['x-hub-signature-256'] as string | undefined });
        res.end('ok');
      });
    });
    const tunnels: string[] = [];
    const proxy: Server = createHttpServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, sock) => {
      tunnel = req.url;
      tunnels.push(String(req.url));
      sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      app.emit('connection', sock);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    const proxyEnv = { HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, NO_PROXY: 'skip.example.invalid' };
    const inbound = async (url: string) => {
      const res = await fetch(`${url}/_sandbox/inbound`, { method: 'POST', body: JSON.stringify({ from: '491701234567', text: 'Grüße' }) });
      return ((await res.json()) as { webhook: string }).webhook;
    };
    try {
      const viaProxy = await startCli(['--webhook-url', 'http://app.example.invalid/whatsapp', '--app-secret', 'proxy-secret-1234'], proxyEnv);
      try {
        expect(await inbound(viaProxy.url)).toBe('delivered');
      } finally {
        await stop(viaProxy.child);
      }
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ tunnel: 'app.example.invalid:80', url: '/whatsapp' });
      expect(seen[0].sig).toBe(signBody(seen[0].body, 'proxy-secret-1234'));
      expect(seen[0].body).toContain('Gr\\u00fc\\u00dfe');

      // Loopback stays direct with a proxy set; a NO_PROXY host is not sent to the proxy (and, unresolvable, is retried).
      const direct = await startCli(['--webhook-url', `http://127.0.0.1:${(app.address() as AddressInfo).port}/direct`], proxyEnv);
      try {
        expect(await inbound(direct.url)).toBe('delivered');
      } finally {
        await stop(direct.child);
      }
      const skipped = await startCli(['--webhook-url', 'http://skip.example.invalid/hook'], proxyEnv);
      try {
        expect(await inbound(skipped.url)).toBe('retrying');
      } finally {
        await stop(skipped.child);
      }
      expect(seen.map((s) => s.url)).toEqual(['/whatsapp', '/direct']);
      expect(tunnels).toEqual(['app.example.invalid:80']);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
      app.closeAllConnections();
      app.close();
    }
  }, 30_000);
});
