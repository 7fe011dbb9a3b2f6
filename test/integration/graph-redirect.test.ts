// A Graph URL that redirects (a login page, a wrong host) is an error: wa-ops follows no redirect, so the token never
// goes elsewhere, and the redirect's empty body must never read as an empty answer ("no templates", a passed check).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError } from '../../src/core/graph/graph-error.js';
import { GraphClient } from '../../src/io/graph/client.js';
import { runCli } from '../helpers.js';

let redirecting: Server;
let target: Server;
let base = '';
const seenByTarget: string[] = [];

function listen(s: Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  target = createServer((req, res) => {
    seenByTarget.push(String(req.headers.authorization));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[]}');
  });
  const to = await listen(target);
  redirecting = createServer((req, res) => {
    res.writeHead(req.method === 'POST' ? 307 : 302, { location: `${to}${req.url}` });
    res.end();
  });
  base = await listen(redirecting);
});
afterAll(() => {
  redirecting.close();
  target.close();
});

describe('a Graph URL that answers with a redirect', () => {
  it('is a GraphError that stops the run, names where it points (without the query), and nothing follows it', async () => {
    const client = new GraphClient({ baseUrl: base, apiVersion: 'v23.0', token: 'EAAG-redirect-secret-1234' });
    try {
      for (const call of [() => client.listTemplates('210987654321098'), () => client.getPhoneNumber('109876543210987', ['id'])]) {
        const err = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(GraphError);
        const g = err as GraphError;
        expect(g.httpStatus).toBe(302);
        expect(g.action).toBe('abort-run');
        expect(g.message).toMatch(/answered with a redirect to http:\/\/127\.0\.0\.1:\d+\/v23\.0\/\S+ instead of Graph JSON/);
        expect(g.message).not.toMatch(/\?|EAAG/);
        expect(g.hint).toMatch(/follows no redirect/);
      }
    } finally {
      await client.close();
    }
    expect(seenByTarget).toEqual([]);
  });

  it('templates list exits 3 instead of "no templates", and doctor passes no check it could not make', async () => {
    const env = { WA_OPS_GRAPH_URL: base, WA_OPS_TOKEN: 'EAAG-redirect-secret-1234', WA_OPS_WABA_ID: '210987654321098', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_APP_ID: '1234567890123456', WA_OPS_APP_SECRET: 'app-secret-redirect-99' };
    const list = await runCli(['templates', 'list'], { env });
    expect(list.code).toBe(3);
    expect(list.stderr).toMatch(/redirect/);
    const doctor = JSON.parse((await runCli(['doctor', '--json'], { env })).stdout);
    const passed = doctor.checks.filter((c: { status: string }) => c.status === 'pass').map((c: { id: string }) => c.id);
    expect(passed.filter((id: string) => !id.startsWith('config.'))).toEqual([]);
    expect(seenByTarget).toEqual([]);
  }, 60_000);

  it('a JSON server that is not the Graph API (no "data" list) is an error, not "no templates"', async () => {
    const other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    const url = await listen(other);
    try {
      const list = await runCli(['templates', 'list'], { env: { WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'EAAG-other-secret-1234', WA_OPS_WABA_ID: '210987654321098' } });
      expect(list.code).toBe(3);
      expect(list.stderr).toMatch(/holds no "data" list, so it is not the Graph API's/);
      expect(list.stdout).toBe('');
    } finally {
      other.close();
    }
  }, 60_000);
});
