import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/core/webhook/signature.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { fixtures, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
const SECRET = 'app-secret-for-tests';
const VERIFY = 'verify-token-for-tests';
const env = (extra: Record<string, string> = {}) => ({
  WA_OPS_GRAPH_URL: sb.url,
  WA_OPS_TOKEN: 'sandbox-token',
  WA_OPS_PHONE_NUMBER_ID: '109876543210987',
  WA_OPS_WABA_ID: '210987654321098',
  WA_OPS_APP_SECRET: SECRET,
  WA_OPS_VERIFY_TOKEN: VERIFY,
  ...extra,
});

type Report = { ok: boolean; checks: { id: string; status: string; detail: string; hint: string; title: string }[] };
async function doctor(args: string[] = [], extraEnv: Record<string, string> = {}, cwd?: string): Promise<{ code: number | null; report: Report }> {
  const r = await runCli(['doctor', '--json', ...args], { env: env(extraEnv), cwd });
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}
const statusOf = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status;

async function scenario(set: string[]) {
  await fetch(`${sb.url}/_sandbox/scenario`, { method: 'POST', body: JSON.stringify({ set }) });
}

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('doctor against the sandbox', () => {
  it('passes a healthy account with the contract JSON', async () => {
    await scenario([]);
    const { code, report } = await doctor(['--template', 'spring_sale:de']);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    const ids = report.checks.map((c) => c.id);
    for (const id of ['config.token', 'config.phone-number-id', 'config.waba-id', 'config.api-version', 'token.valid', 'token.expiry', 'token.scopes', 'token.waba-access', 'phone.status', 'phone.verification', 'phone.name-status', 'phone.quality', 'phone.throughput', 'phone.messaging-limit', 'phone.health', 'waba.subscribed-apps', 'template.spring_sale.de']) {
      expect(ids).toContain(id);
      expect(statusOf(report, id)).toBe('pass');
    }
    for (const c of report.checks) expect(Object.keys(c).sort()).toEqual(['detail', 'hint', 'id', 'status', 'title']);
    expect(JSON.stringify(report)).not.toContain('sandbox-token');
  });

  it.each([
    [['token-expiring'], 'token.expiry', 'warn'],
    [['token-missing-scope'], 'token.scopes', 'fail'],
    [['token-no-waba-access'], 'token.waba-access', 'fail'],
    [['quality-yellow'], 'phone.quality', 'warn'],
    [['quality-red'], 'phone.quality', 'fail'],
    [['health-limited'], 'phone.health', 'warn'],
    [['health-blocked'], 'phone.health', 'fail'],
    [['no-subscribed-apps'], 'waba.subscribed-apps', 'fail'],
    [['number-unverified'], 'phone.verification', 'warn'],
    [['name-declined'], 'phone.name-status', 'fail'],
    [['number-flagged'], 'phone.status', 'fail'],
    [['template-paused'], 'template.spring_sale.de', 'fail'],
    [['token-expired'], 'token.valid', 'fail'],
  ])('scenario %j makes %s %s, with a hint', async (set, id, status) => {
    await scenario(set);
    const { code, report } = await doctor(['--template', 'spring_sale:de']);
    const check = report.checks.find((c) => c.id === id)!;
    expect(check.status).toBe(status);
    expect(check.hint).not.toBe('');
    expect(code).toBe(status === 'fail' ? 1 : 0);
    expect(report.ok).toBe(status !== 'fail');
  });

  it('fails warnings too with --strict', async () => {
    await scenario(['quality-yellow']);
    const { code, report } = await doctor(['--strict']);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
  });

  it('names a missing template and the languages it exists in', async () => {
    await scenario([]);
    const { code, report } = await doctor(['--template', 'spring_sale:en', '--template', 'nope']);
    expect(code).toBe(1);
    expect(report.checks.find((c) => c.id === 'template.spring_sale.en')?.detail).toMatch(/exists in de/);
    expect(statusOf(report, 'template.nope.*')).toBe('fail');
  });

  it('checks a campaign: list size against the limit, pace, parameters', async () => {
    await scenario(['limit-250']);
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + Array.from({ length: 300 }, (_, i) => `N${i},+4917${30000000 + i},V`).join('\n'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'big', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name'] } }));
    const { report } = await doctor(['--campaign', join(dir, 'c.json')]);
    expect(report.checks.find((c) => c.id === 'campaign.messaging-limit')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/300 recipients at 250 .*2 day/) });
    expect(statusOf(report, 'campaign.pace')).toBe('pass');
    expect(report.checks.find((c) => c.id === 'campaign.parameters')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/body: the template has 2/) });
  });

  it('reports each campaign policy: window, budget, media, cost', async () => {
    await scenario([]);
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone\nAna,+4917040000001\nBen,+5511987654321\n');
    writeFileSync(join(dir, 'bad.png'), '%PDF-1.4 not an image');
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({ name: 'media', recipients: 'list.csv', template: { name: 'new_collection', language: 'en_US' }, parameters: { header: [{ image: 'bad.png' }], body: ['first_name'] }, window: { from: '00:00', to: '23:59', days: 'mon-sun' }, dailyLimit: 1 }),
    );
    const { report } = await doctor(['--campaign', join(dir, 'c.json')]);
    expect(report.checks.find((c) => c.id === 'campaign.media')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/bad\.png: it is application\/pdf/) });
    expect(report.checks.find((c) => c.id === 'campaign.window')?.detail).toMatch(/inside their window now/);
    expect(report.checks.find((c) => c.id === 'campaign.budget')?.detail).toMatch(/then the run pauses/);
    expect(report.checks.find((c) => c.id === 'campaign.cost')?.detail).toMatch(/about USD/);
    expect(statusOf(report, 'campaign.parameters')).toBe('pass');
  });

  it('runs only local checks with --offline and reports missing configuration', async () => {
    const { code, report } = await doctor(['--offline'], { WA_OPS_WABA_ID: '' });
    expect(code).toBe(1);
    expect(statusOf(report, 'config.waba-id')).toBe('fail');
    expect(statusOf(report, 'token.valid')).toBe('skip');
    expect(statusOf(report, 'phone.quality')).toBe('skip');
  });

  it('warns about a secret in a config file readable by others, and an outdated API version', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wa-ops.config.json'), JSON.stringify({ token: 'EAAG-secret-in-file-1234', apiVersion: 'v20.0' }));
    chmodSync(join(dir, 'wa-ops.config.json'), 0o644);
    const { report } = await doctor(['--offline'], { WA_OPS_TOKEN: '' }, dir);
    expect(statusOf(report, 'config.token')).toBe('warn');
    expect(statusOf(report, 'config.file-permissions')).toBe('warn');
    expect(report.checks.find((c) => c.id === 'config.api-version')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/stopped working on 2026-09-24/) });
    expect(JSON.stringify(report)).not.toContain('secret-in-file');
  });
});

describe('doctor against webhook endpoints', () => {
  const servers: Server[] = [];
  type Mode = 'correct' | 'slow' | 'any-signature';
  const handler = (mode: Mode) => (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        if (url.searchParams.get('hub.verify_token') === VERIFY) {
          res.writeHead(200);
          return res.end(url.searchParams.get('hub.challenge'));
        }
        res.writeHead(403);
        return res.end();
      }
      const okSig = verifySignature(body, req.headers['x-hub-signature-256'] as string | undefined, SECRET);
      const answer = () => {
        res.writeHead(mode === 'any-signature' || okSig ? 200 : 401);
        res.end();
      };
      if (mode === 'slow') setTimeout(answer, 400);
      else answer();
    });
  };
  async function listen(server: Server, https = false): Promise<string> {
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `${https ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  }
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });
  beforeAll(() => scenario([]));

  it('a correct plain-HTTP endpoint fails only webhook.https (and skips tls)', async () => {
    const url = await listen(createHttp(handler('correct')));
    const { report } = await doctor(['--webhook-url', url]);
    expect(statusOf(report, 'webhook.https')).toBe('fail');
    expect(statusOf(report, 'webhook.tls')).toBe('skip');
    for (const id of ['webhook.verify-handshake', 'webhook.signed-post', 'webhook.rejects-bad-signature', 'webhook.latency']) expect(statusOf(report, id)).toBe('pass');
  });

  it('a self-signed HTTPS endpoint fails webhook.tls, the rest still runs', async () => {
    const tls = { cert: readFileSync(join(fixtures, 'tls', 'self-signed.crt')), key: readFileSync(join(fixtures, 'tls', 'self-signed.key')) };
    const url = await listen(createHttps(tls, handler('correct')), true);
    const { report } = await doctor(['--webhook-url', url]);
    expect(statusOf(report, 'webhook.https')).toBe('pass');
    expect(report.checks.find((c) => c.id === 'webhook.tls')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/self-signed/) });
    expect(statusOf(report, 'webhook.signed-post')).toBe('pass');
  });

  it('a slow endpoint warns on latency', async () => {
    const url = await listen(createHttp(handler('slow')));
    const { report } = await doctor(['--webhook-url', url]);
    expect(report.checks.find((c) => c.id === 'webhook.latency')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/median \d{3} ms/) });
  });

  it('an endpoint that accepts any signature is a security failure', async () => {
    const url = await listen(createHttp(handler('any-signature')));
    const { code, report } = await doctor(['--webhook-url', url]);
    expect(code).toBe(1);
    expect(report.checks.find((c) => c.id === 'webhook.rejects-bad-signature')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/SECURITY/) });
  });

  it('a wrong verify-token endpoint fails the handshake', async () => {
    const url = await listen(createHttp(handler('correct')));
    const { report } = await doctor(['--webhook-url', url], { WA_OPS_VERIFY_TOKEN: 'not-what-the-endpoint-expects' });
    expect(statusOf(report, 'webhook.verify-handshake')).toBe('fail');
  });
});

describe('init', () => {
  it('writes the config without secrets and .env with mode 0600, then runs doctor', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--graph-url', sb.url, '--json'], { cwd: dir, env: { WA_OPS_TOKEN: 'sandbox-token' } });
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'wa-ops.config.json'), 'utf8'));
    expect(config).toEqual({ phoneNumberId: '109876543210987', wabaId: '210987654321098', graphUrl: sb.url });
    expect(readFileSync(join(dir, '.env'), 'utf8')).toContain('WA_OPS_TOKEN=sandbox-token');
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(r.stdout).doctor.ok).toBe(true);
    expect(r.stdout).not.toContain('sandbox-token');
  });

  it('refuses to prompt without a terminal and says which flags it needs', async () => {
    const r = await runCli(['init'], { cwd: tempDir(), env: { WA_OPS_TOKEN: '', WA_OPS_PHONE_NUMBER_ID: '', WA_OPS_WABA_ID: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--phone-number-id/);
  });
});

describe('doctor tells a wrong app secret from a bad token', () => {
  it('a wrong app secret fails token.app-secret with its own hint, while the token checks pass', async () => {
    const { code, report } = await doctor([], { WA_OPS_APP_ID: '1234567890123456', WA_OPS_APP_SECRET: 'not-the-app-secret' });
    expect(code).toBe(1);
    const app = report.checks.find((c) => c.id === 'token.app-secret')!;
    expect(app).toMatchObject({ status: 'fail' });
    expect(app.hint).toMatch(/WA_OPS_APP_SECRET/);
    expect(app.hint).not.toMatch(/new system-user token/);
    for (const id of ['token.valid', 'token.expiry', 'token.scopes', 'token.waba-access']) expect(statusOf(report, id), id).toBe('pass');
    expect(JSON.stringify(report)).not.toMatch(/not-the-app-secret/);
  });

  it('the right app id and secret pass token.app-secret', async () => {
    const { report } = await doctor([], { WA_OPS_APP_ID: '1234567890123456', WA_OPS_APP_SECRET: 'sandbox-app-secret' });
    expect(statusOf(report, 'token.app-secret')).toBe('pass');
    expect(statusOf(report, 'token.valid')).toBe('pass');
  });

  it('a bad token fails the token checks with the token hint; the app secret check does not blame the secret', async () => {
    const { report } = await doctor([], { WA_OPS_TOKEN: 'revoked-token', WA_OPS_APP_ID: '1234567890123456', WA_OPS_APP_SECRET: 'whatever-secret' });
    expect(statusOf(report, 'token.valid')).toBe('fail');
    expect(statusOf(report, 'token.app-secret')).not.toBe('fail');
  });

  it('refuses a bad category or language in --template with exit 2 and one line', async () => {
    for (const spec of ['spring_sale:de:Z', 'spring_sale:Deutsch', 'a:b:c:d']) {
      const r = await runCli(['doctor', '--offline', '--template', spec], { env: env() });
      expect(r.code, spec).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^wa-ops: --template/);
    }
  });
});
