// Recipients left "unknown" (the answer to their POST was lost): the run and `status` say how they are settled and
// print the command that resends to them; that command, run as printed, resends to exactly those.
import { writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, runPrinted, tempDir } from '../helpers.js';

const env = (url: string) => ({ WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
const LOSE = new Set(['+491716100001', '+491716100003']);

let sb: SandboxServer;
let proxy: Server;
let proxyUrl: string;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
  // Forwards everything; for a message to one of LOSE, the sandbox accepts it but the answer never comes back.
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = new URL(sb.url);
      const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          if (req.url?.endsWith('/messages') && [...LOSE].some((n) => body.includes(n))) return void res.socket?.destroy();
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          res.end(Buffer.concat(parts));
        });
      });
      up.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.close();
  await sb.close();
});

describe('unknown recipients: how they are settled, and the resend command', () => {
  it('send and status print the --retry-unknown command; run as printed it resends to the unknown ones only', async () => {
    const dir = tempDir('wa-ops-unknown-');
    const numbers = Array.from({ length: 5 }, (_, i) => `+49171610000${i}`);
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `N${i},${p},V${i}`).join('\n') + '\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'unknowns', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));

    const first = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes'], { cwd: dir, env: env(proxyUrl) });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('2 recipients are unknown');
    const printed = /To send to them again anyway, knowing that those who got it get it twice: (wa-ops send .*)$/m.exec(first.stderr)?.[1];
    expect(printed).toBe('wa-ops send --campaign c.json --interval 50ms --retry-unknown --yes');

    const status = await runCli(['status', '--campaign', 'c.json'], { cwd: dir, env: env(sb.url) });
    expect(status.stderr).toMatch(/2 recipients are unknown: .*: wa-ops send --campaign c\.json --retry-unknown$/m);

    const again = await runPrinted(printed!, { cwd: dir, env: env(sb.url) });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('2 unknown (resent now: those who got it get it twice)');
    expect(again.stderr).not.toContain('are unknown');
    const got = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);
    const times = Object.fromEntries(numbers.map((n) => [n, got.filter((t) => t === n).length]));
    expect(times).toEqual(Object.fromEntries(numbers.map((n) => [n, LOSE.has(n) ? 2 : 1])));
    const after = JSON.parse((await runCli(['status', '--campaign', 'c.json', '--json'], { cwd: dir, env: env(sb.url) })).stdout);
    expect(after).toMatchObject({ sent: 5, unknown: 0, pending: 0 });
  }, 60_000);

  it('send --to whose answer is lost says the message may have been sent, never "run the same command again"', async () => {
    const r = await runCli(['send', '--to', '+491716100003', '--template', 'spring_sale:de', '--param', '1=Anna', '--param', '2=X', '--yes'], { env: env(proxyUrl) });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the message may have been sent');
    expect(r.stderr).toContain('callback data "wa-ops-to:+491716100003"');
    expect(r.stderr).not.toMatch(/run the same command again/);
    const j = await runCli(['send', '--to', '+491716100003', '--template', 'spring_sale:de', '--param', '1=Anna', '--param', '2=X', '--yes', '--json'], { env: env(proxyUrl) });
    expect(JSON.parse(j.stdout).error.code).toBe('outcome-unknown');
  }, 60_000);
});
