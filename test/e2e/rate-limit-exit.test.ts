import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

// A Graph API that answers every call with one error code, as Meta does (HTTP 400 with error.code).
let code = 0;
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `(#${code}) limit reached`, type: 'OAuthException', code, fbtrace_id: 'Atrace' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const env = () => ({ WA_OPS_TOKEN: 'test-token', WA_OPS_WABA_ID: '1', WA_OPS_PHONE_NUMBER_ID: '2', WA_OPS_GRAPH_URL: url });

describe('a rate limit outside a campaign exits 75 (the same command works later), a refusal 3', () => {
  it.each([130429, 80007, 4])('templates list under #%i exits 75 with one JSON error', async (c) => {
    code = c;
    const r = await runCli(['templates', 'list', '--json'], { env: env() });
    expect(r.code).toBe(75);
    expect(JSON.parse(r.stdout).error.code).toBe(`graph-${c}`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a token refusal (#190) still exits 3', async () => {
    code = 190;
    const r = await runCli(['templates', 'list', '--json'], { env: env() });
    expect(r.code).toBe(3);
  });

  it('doctor under #80007 says the app secret could not be checked for the limit, never that the token is refused', async () => {
    code = 80007;
    const r = await runCli(['doctor', '--json'], { env: { ...env(), WA_OPS_APP_ID: '1234567890123456', WA_OPS_APP_SECRET: 'app-secret-xyz' } });
    expect(r.code).toBe(1);
    const checks = JSON.parse(r.stdout).checks as { id: string; status: string; detail: string }[];
    const app = checks.find((c) => c.id === 'token.app-secret');
    expect(app?.detail).not.toMatch(/refused/);
    expect(app?.detail).toMatch(/token\.valid/);
  });
});
