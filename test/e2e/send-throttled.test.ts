// A gateway in front of the API that throttles with a bare HTTP 429 (no Graph error, a Retry-After): the run waits and
// goes on, however many 429s come, and nobody is sent twice.
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
let front: Server;
let frontUrl = '';
let throttled = 0;
const THROTTLE = 7; // more than the 6 tries after which an outage stops the run
/** What the gateway answers to a send: throttling first, or a page of its own (a WAF, a wrong path) for good. */
let mode: 'throttle' | 'not-found' = 'throttle';

beforeAll(async () => {
  sb = await startSandbox({});
  front = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'POST' && req.url?.endsWith('/messages') && mode === 'not-found') {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<html><body><h1>404 Not Found</h1></body></html>');
    }
    if (req.method === 'POST' && req.url?.endsWith('/messages') && throttled < THROTTLE) {
      throttled++;
      res.writeHead(429, { 'content-type': 'text/html', 'retry-after': '1' });
      return res.end('<html><body><h1>429 Too Many Requests</h1></body></html>');
    }
    const headers = { authorization: String(req.headers.authorization ?? ''), 'content-type': String(req.headers['content-type'] ?? 'application/json') };
    const up = await fetch(sb.url + req.url, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await up.arrayBuffer()));
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front.close();
  await sb.close();
});

describe('send behind a throttling gateway', () => {
  it('waits out each bare 429 as its Retry-After asks, finishes with exit 0, and each recipient gets one message', async () => {
    const dir = tempDir('wa-ops-throttled-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917060000001,V1\nB,+4917060000002,V2\nC,+4917060000003,V3\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'throttled', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_GRAPH_URL: frontUrl, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes', '--json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(throttled).toBe(THROTTLE);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 3, failed: 0, unknown: 0, pending: 0 });
    const lines = readFileSync(join(dir, 'c.ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string; code?: unknown });
    expect(lines.filter((l) => l.t === 'cooldown-until' && l.code === 'http-429')).toHaveLength(THROTTLE);
    const accepted = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);
    expect(accepted.filter((to) => to.startsWith('+49170600000')).sort()).toEqual(['+4917060000001', '+4917060000002', '+4917060000003']);
  }, 60_000);

  it('an error page without a Graph error (a 404 from something in between) stops the run, exit 3: nobody is marked failed', async () => {
    mode = 'not-found';
    const dir = tempDir('wa-ops-gateway-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917060000011,V1\nB,+4917060000012,V2\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'gateway', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_GRAPH_URL: frontUrl, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes', '--json'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ failed: 0, pending: 2 });
    expect(r.stderr).toMatch(/HTTP 404 without a Graph error: not the Graph API's answer/);
    expect(readFileSync(join(dir, 'c.ledger.jsonl'), 'utf8')).not.toMatch(/"t":"failed"/);
  }, 60_000);
});
