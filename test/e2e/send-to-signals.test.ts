// send --to stopped by Ctrl-C or SIGTERM: the same document, the wamid never lost, exit 130 or 143.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, fixtures, root, runCli, tempDir } from '../helpers.js';

const envFor = (url: string) => ({ WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { env: cleanEnv(env), cwd: tempDir(), stdio: ['ignore', 'pipe', 'pipe'] });
  const r = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (r.stdout += d));
  child.stderr!.on('data', (d) => (r.stderr += d));
  const closed = new Promise<number | null>((res) => child.on('close', res));
  return { child, r, closed };
}

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

describe('send --to --wait stopped by a signal', () => {
  it.each([
    ['SIGINT', 130, 'Ctrl-C', '+491705554328'],
    ['SIGTERM', 143, 'SIGTERM', '+491705554329'],
    ['SIGHUP', 129, 'SIGHUP', '+491705554330'],
  ] as const)('%s: the full --json document with the wamid and delivery.note, exit %i', async (signal, exit, said, to) => {
    const { child, r, closed } = start(['send', '--to', to, '--template', 'hello_world:en_US', '--yes', '--wait', '--wait-timeout', '30s', '--json', '--events', 'none.jsonl'], envFor(sb.url));
    // Under --json stderr is quiet: the message reaching the sandbox says the wait has begun.
    const accepted = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.some((m) => m.to.endsWith(to.slice(1)));
    while (!(await accepted()) && child.exitCode === null) await new Promise((res) => setTimeout(res, 50));
    await new Promise((res) => setTimeout(res, 500));
    child.kill(signal);
    expect(await closed).toBe(exit);
    const doc = JSON.parse(r.stdout);
    expect(doc.wamid).toMatch(/^wamid\./);
    expect(doc.delivery.note).toContain(`(${said})`);
    expect(doc.delivery.note).toContain('the message itself was accepted');
    expect(r.stderr).not.toMatch(/before anything was started/);
  });
});

describe('send --to stopped by a signal while the message is being sent', () => {
  let proxy: Server;
  let onPost: () => void = () => {};
  beforeAll(async () => {
    // Forwards to the sandbox; a POST of a message signals the CLI first, then answers: the signal lands mid-request.
    proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', async () => {
        if (req.method === 'POST' && req.url?.endsWith('/messages')) {
          onPost();
          await new Promise((r) => setTimeout(r, 300));
        }
        const upstream = await fetch(sb.url + req.url, { method: req.method, headers: { authorization: String(req.headers.authorization), 'content-type': 'application/json' }, body: req.method === 'GET' ? undefined : body });
        res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s: the answer is awaited and the wamid printed, exit %i', async (signal, exit) => {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const { child, r, closed } = start(['send', '--to', '+491705554330', '--template', 'hello_world:en_US', '--yes', '--events', 'none.jsonl'], envFor(url));
    onPost = () => child.kill(signal);
    expect(await closed).toBe(exit);
    expect(r.stdout).toMatch(/^wamid\.\S+\n$/);
    expect(r.stderr).toMatch(new RegExp(`interrupted by ${signal} while sending: the message was accepted`));
    expect(r.stderr).not.toMatch(/before anything was started/);
  });
});

describe('templates status --watch stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: the table so far, exit %i', async (signal, exit) => {
    const slow = await startSandbox({ reviewDelayMs: 600_000 });
    try {
      const dir = tempDir('wa-ops-tpl-sig-');
      const t = { ...JSON.parse(readFileSync(join(fixtures, 'templates/clean/payment_receipt.json'), 'utf8')), name: 'receipt_signal' };
      writeFileSync(join(dir, 't.json'), JSON.stringify(t));
      const pushed = await runCli(['templates', 'push', join(dir, 't.json')], { env: envFor(slow.url) });
      expect(pushed.code, pushed.stderr).toBe(0);
      const { child, r, closed } = start(['templates', 'status', 'receipt_signal', '--watch', '--interval', '100ms', '--json'], envFor(slow.url));
      await new Promise((res) => setTimeout(res, 1500));
      child.kill(signal);
      expect(await closed).toBe(exit);
      expect(JSON.parse(r.stdout)).toMatchObject({ pending: 1, templates: [expect.objectContaining({ name: 'receipt_signal', status: 'PENDING' })] });
    } finally {
      await slow.close();
    }
  });
});

describe('a command without its own handler', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s: exit %i, and the line names the command instead of claiming nothing was started', async (signal, exit) => {
    // validate-numbers - waits for standard input that never ends.
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'validate-numbers', '-'], { env: cleanEnv(), cwd: tempDir(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdin!.write('phone\n+491701234567\n');
    const closed = new Promise<number | null>((res) => child.on('close', res));
    await new Promise((res) => setTimeout(res, 1500));
    child.kill(signal);
    expect(await closed).toBe(exit);
    expect(stderr).toContain(`wa-ops: validate-numbers interrupted by ${signal}\n`);
  });
});
