// What an answer proves: a success without a message id is no evidence that Meta took the message.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
let front: Server;
let frontUrl = '';

beforeAll(async () => {
  sb = await startSandbox({});
  // Every call goes to the sandbox, except that sends are answered 200 with no message id (a broken proxy, a changed API).
  front = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'POST' && req.url?.endsWith('/messages')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"messaging_product":"whatsapp","contacts":[],"messages":[]}');
    }
    const up = await fetch(sb.url + req.url, { method: req.method, headers: { authorization: String(req.headers.authorization ?? '') } });
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

describe('send: answers without evidence', () => {
  it('a 200 without a message id leaves the recipient unknown, never "sent" with an empty wamid', async () => {
    const dir = tempDir('wa-ops-answers-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917050000001,V1\nB,+4917050000002,V2\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'answers', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_GRAPH_URL: frontUrl, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes', '--json'], { cwd: dir, env });
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ sent: 0, unknown: 2, failed: 0, pending: 0 });
    const lines = readFileSync(join(dir, 'c.ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.t === 'sent')).toEqual([]);
    // Not resent by the next run without --retry-unknown.
    const again = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes', '--json'], { cwd: dir, env });
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0, unknown: 2, thisRun: { sent: 0, failed: 0 } });
  });

  it('a sender id Graph does not know (100/33) stops before the first send: nobody is burnt as failed', async () => {
    const dir = tempDir('wa-ops-answers-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917050000011,V1\nB,+4917050000012,V2\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'senders', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, senders: ['109876543210987', '999999999999999'] }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sender 999999999999999: no such phone number id.*nothing was sent/);
    expect(existsSync(join(dir, 'c.ledger.jsonl'))).toBe(false);
    // A typo in WA_OPS_PHONE_NUMBER_ID alike.
    const one = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes', '--json'], { cwd: dir, env: { ...env, WA_OPS_PHONE_NUMBER_ID: '999999999999999' } });
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'senders', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const typo = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes', '--json'], { cwd: dir, env: { ...env, WA_OPS_PHONE_NUMBER_ID: '999999999999999' } });
    expect(one.code).toBe(3);
    expect(typo.code).toBe(3);
    expect(JSON.parse(typo.stdout).error.code).toBe('unknown-sender');
    const accepted = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data;
    expect(accepted.filter((m) => m.to.startsWith('+49170500000'))).toEqual([]);
  });
});
