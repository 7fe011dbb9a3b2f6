// Ordinary situations are usage errors (exit 2, one line and a hint), never "internal error" (70).
import { createServer, type Server } from 'node:net';
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

let busy: Server;
let port: number;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  port = (busy.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => busy.close(() => r())));

const env = { WA_OPS_TOKEN: '', WA_OPS_GRAPH_URL: '', WA_OPS_APP_SECRET: 'exit-codes-secret', WA_OPS_VERIFY_TOKEN: 'exit-codes-verify' };

function expectUsage(r: { code: number | null; stderr: string; stdout: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
}

describe('environment and usage errors exit 2 with one line', () => {
  it('a port already in use (sandbox and webhook serve)', async () => {
    expectUsage(await runCli(['sandbox', '--port', String(port)], { env }), new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    expectUsage(await runCli(['webhook', 'serve', '--port', String(port), '--events', join(tempDir(), 'e.jsonl')], { env, cwd: tempDir() }), /already in use/);
  });

  it('--port outside 0-65535', async () => {
    expectUsage(await runCli(['sandbox', '--port', '99999'], { env }), /--port must be .*0.*65535/);
    expectUsage(await runCli(['webhook', 'serve', '--port', '-1'], { env, cwd: tempDir() }), /--port must be/);
  });

  it('a folder where a file is expected', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'events.jsonl'));
    expectUsage(await runCli(['webhook', 'analyze', join(dir, 'events.jsonl')], { env, cwd: dir }), /folder|directory/i);
    expectUsage(await runCli(['doctor', '--offline', '--config', join(dir, 'events.jsonl')], { env, cwd: dir }), /config/);
  });

  it('a folder as --campaign or --suppressions is named a folder, however large it is (kind before size)', async () => {
    const dir = tempDir();
    const big = join(dir, 'big');
    mkdirSync(big);
    // A folder whose own size is over the campaign file's 1 MB cap (ext4: about 30,000 long names).
    for (let i = 0; i < 40_000 && statSync(big).size <= 1024 * 1024; i++) writeFileSync(join(big, `f${String(i).padStart(45, '0')}`), '');
    for (const args of [['status', '--campaign', 'big'], ['send', '--campaign', 'big', '--dry-run'], ['doctor', '--offline', '--campaign', 'big']]) {
      const r = await runCli(args, { env, cwd: dir });
      expectUsage(r, /^wa-ops: big is a folder, not a file\n  hint: .*wa-ops campaigns --dir big$/m);
      expect(r.stderr).not.toMatch(/bytes/);
    }
    expectUsage(await runCli(['suppressions', 'list', '--suppressions', 'big'], { env, cwd: dir }), /^wa-ops: (the )?suppression list .*big is a folder, not a file$/m);
    rmSync(big, { recursive: true });
  });

  it('an API that cannot be reached before sending: exit 3 and a hint that says what to check (never "HTTP 0")', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'phone\n+4915231000099\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'c', recipients: 'list.csv', template: { name: 'hello_world', language: 'en_US' } }));
    const closed = { WA_OPS_GRAPH_URL: '', WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    // A port nothing listens on: the one the busy server had, now closed (a new server, closed again).
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    closed.WA_OPS_GRAPH_URL = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise((r) => gone.close(r));
    for (const args of [['send', '--to', '+4915231000099', '--template', 'hello_world:en_US', '--yes'], ['send', '--campaign', 'c.json', '--yes'], ['send', '--campaign', 'c.json', '--dry-run'], ['templates', 'list']]) {
      const r = await runCli(args, { env: closed, cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/cannot connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n  hint: nothing listens at 127\.0\.0\.1:\d+: start the sandbox .* or fix WA_OPS_GRAPH_URL; then run the same command again/);
      expect(r.stderr).not.toMatch(/HTTP 0|see the details|internal error|\n\s+at /);
    }
  });

  it('the same words for a port in use, whichever server', async () => {
    const a = await runCli(['sandbox', '--port', String(port)], { env });
    const b = await runCli(['webhook', 'serve', '--port', String(port), '--events', join(tempDir(), 'e.jsonl')], { env, cwd: tempDir() });
    expect(a.stderr).toBe(b.stderr);
  });

  it('files that are not what a flag needs: no PEM for TLS, a CSV as templates, a folder as ledger or config, a missing folder for an export', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone\nAna,+4917012345678\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'c', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name'] } }));
    mkdirSync(join(dir, 'folder'));
    const csv = join(dir, 'list.csv');
    expectUsage(await runCli(['webhook', 'serve', '--port', '0', '--tls-cert', csv, '--tls-key', csv, '--events', join(dir, 'e.jsonl')], { env, cwd: dir }), /--tls-cert .*list\.csv .*not a PEM certificate/);
    expectUsage(await runCli(['sandbox', '--port', '0', '--templates', csv], { env }), /--templates .*list\.csv is not a template JSON file/);
    expectUsage(await runCli(['sandbox', '--port', '0', '--templates', join(dir, 'folder')], { env }), /holds no templates/);
    writeFileSync(join(dir, 'nameless.json'), JSON.stringify({ language: 'de', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hallo' }] }));
    expectUsage(await runCli(['sandbox', '--port', '0', '--templates', join(dir, 'nameless.json')], { env }), /--templates .*nameless\.json: a template needs "name", "language" and "category"/);
    expectUsage(await runCli(['send', '--campaign', join(dir, 'c.json'), '--ledger', join(dir, 'folder'), '--dry-run'], { env, cwd: dir }), /--ledger .*folder is a folder, not a file/);
    expectUsage(await runCli(['status', '--campaign', join(dir, 'c.json'), '--ledger', join(dir, 'folder')], { env, cwd: dir }), /--ledger .*folder is a folder/);
    expectUsage(await runCli(['doctor', '--offline', '--config', join(dir, 'folder')], { env, cwd: dir }), /config file .*folder(:| is a folder,)? (it is a directory, )?not a file/);
    expectUsage(await runCli(['status', '--campaign', join(dir, 'c.json'), '--export', join(dir, 'nope', 'r.csv')], { env, cwd: dir }), /cannot write .*r\.csv: the folder .*nope does not exist/);
  });

  it('--json with a non-JSON lint format', async () => {
    const r = await runCli(['lint-template', '--json', '--format', 'stylish', '--text', 'Hi {{1}}, thanks', '--language', 'en', '--category', 'UTILITY'], { env });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/--json .*--format stylish/);
  });

  // Root may read anything, so the case cannot arise there: reported as skipped.
  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const dir = tempDir();
    const file = join(dir, 'list.csv');
    writeFileSync(file, 'phone\n+4915112345678\n');
    chmodSync(file, 0o000);
    expectUsage(await runCli(['validate-numbers', file], { env, cwd: dir }), /permission/);
  });
});
