// Every output channel goes through one redaction layer: a server that echoes everything it receives
// (headers, query, body; JSON errors, a proxy's HTML page, plain text) must not get a secret printed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const TOKEN = 'EAAGtok+en/with=odd&chars1234';
const APP_SECRET = 'appsecret-9f8e7d6c';
const VERIFY = 'verify-5a4b3c2d1e';
const APP_ID = '1234567890123';
const DB_PASSWORD = 'dbpass-77x';
export const SECRETS = [TOKEN, encodeURIComponent(TOKEN), APP_SECRET, VERIFY, `${APP_ID}|${APP_SECRET}`, DB_PASSWORD];

let server: Server;
let url: string;

function echo(req: IncomingMessage, body: string): string {
  return `${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`;
}

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  const seen = echo(req, body);
  const path = req.url ?? '';
  if (path.startsWith('/webhook')) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end(seen);
  } else if (path.includes('debug_token')) {
    res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `bad ${seen}`, code: 190, error_user_msg: seen, error_data: { details: seen }, fbtrace_id: String(req.headers.authorization) } }));
  } else if (path.includes('subscribed_apps')) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`plain ${seen}`);
  } else if (path.includes('message_templates')) {
    res.writeHead(401, { 'content-type': 'application/json', 'x-fb-trace-id': String(req.headers.authorization) }).end(JSON.stringify({ error: { message: seen, code: 100 } }));
  } else {
    // A proxy's error page, with the request in it (as some corporate proxies print).
    res.writeHead(502, { 'content-type': 'text/html' }).end(`<html><body><h1>502 Bad Gateway</h1><pre>${seen.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env = () => ({
  WA_OPS_GRAPH_URL: url,
  WA_OPS_TOKEN: TOKEN,
  WA_OPS_APP_ID: APP_ID,
  WA_OPS_APP_SECRET: APP_SECRET,
  WA_OPS_VERIFY_TOKEN: VERIFY,
  WA_OPS_PHONE_NUMBER_ID: '109876543210987',
  WA_OPS_WABA_ID: '210987654321098',
  WA_OPS_STORE: `postgres://wa:${DB_PASSWORD}@127.0.0.1:1/wa`,
});

function expectNoSecret(text: string): void {
  for (const s of SECRETS) expect(text, `leaked ${s}`).not.toContain(s);
  expect(text).not.toMatch(/appsecret-9f8e|verify-5a4b|tok\+en/);
}

describe('redaction over every output channel', () => {
  it.each([[[]], [['--verbose']], [['--json']]])('doctor %j against an echoing server prints no secret', async (extra) => {
    const r = await runCli(['doctor', '--template', 'spring_sale:de', '--webhook-url', `${url}/webhook`, ...extra], { env: env(), cwd: tempDir() });
    expect(r.code).toBe(1);
    const all = r.stdout + r.stderr;
    expect(all).toMatch(/\[redacted\]/); // the echo did come back, and was caught
    expectNoSecret(all);
    if (extra.includes('--json')) expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('a secret in a config file and in the error a command prints is redacted', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wa-ops.config.json'), JSON.stringify({ token: TOKEN, appSecret: APP_SECRET, phoneNumberID: '1' }));
    const r = await runCli(['doctor', '--offline', '--json'], { env: { WA_OPS_GRAPH_URL: url }, cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/did you mean "phoneNumberId"/);
    expectNoSecret(r.stdout + r.stderr);
  });

  it('init refuses a token holding a line break and writes no .env', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--phone-number-id', '1', '--waba-id', '2', '--no-doctor'], { env: { WA_OPS_TOKEN: `${TOKEN}\nWA_OPS_GRAPH_URL=http://evil` }, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line break/);
    expectNoSecret(r.stdout + r.stderr);
    expect(() => writeFileSync(join(dir, '.env'), '', { flag: 'wx' })).not.toThrow();
  });
});
