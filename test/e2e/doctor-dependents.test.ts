// doctor on half-configured setups: one cause fails one check; the checks that need it are skipped, pointing at it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli } from '../helpers.js';

let sb: SandboxServer;
type Check = { id: string; status: string; detail: string; hint: string };
const PHONE = ['phone.status', 'phone.verification', 'phone.name-status', 'phone.quality', 'phone.throughput', 'phone.messaging-limit', 'phone.health'];
const TOKEN = ['token.valid', 'token.expiry', 'token.scopes', 'token.waba-access'];

async function doctor(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; checks: Check[] }> {
  const base = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
  const r = await runCli(['doctor', '--json', '--template', 'hello_world:en_US', ...args], { env: { ...base, ...env } });
  return { code: r.code, checks: (JSON.parse(r.stdout) as { checks: Check[] }).checks };
}
const failed = (checks: Check[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);
const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id)!;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('doctor: dependent checks are skipped, not failed again', () => {
  it('no token: config.token fails with what to do, every check that needs the token is skipped naming it; exit 1', async () => {
    const { code, checks } = await doctor({ WA_OPS_TOKEN: '' });
    expect(code).toBe(1);
    expect(failed(checks)).toEqual(['config.token']);
    expect(byId(checks, 'config.token').hint).toMatch(/WA_OPS_TOKEN/);
    for (const id of [...TOKEN, ...PHONE, 'waba.subscribed-apps', 'template.hello_world.en_US', 'token.app-secret']) {
      expect(byId(checks, id), id).toMatchObject({ status: 'skip', detail: expect.stringMatching(/WA_OPS_TOKEN is not set/) });
    }
  });

  it('no phone number id and no WABA id: their config checks fail, the checks needing them are skipped', async () => {
    const { checks } = await doctor({ WA_OPS_PHONE_NUMBER_ID: '', WA_OPS_WABA_ID: '' });
    expect(failed(checks)).toEqual(['config.phone-number-id', 'config.waba-id']);
    for (const id of PHONE) expect(byId(checks, id).detail, id).toMatch(/config\.phone-number-id/);
    expect(byId(checks, 'waba.subscribed-apps').detail).toMatch(/config\.waba-id/);
    expect(byId(checks, 'template.hello_world.en_US').status).toBe('skip');
  });

  it('a token the API refuses (190) fails token.valid once; phone, WABA and template checks are skipped', async () => {
    const { code, checks } = await doctor({ WA_OPS_TOKEN: 'revoked-token' });
    expect(code).toBe(1);
    expect(failed(checks)).toEqual(['token.valid']);
    expect(byId(checks, 'token.valid').hint).toMatch(/new system-user token/);
    for (const id of [...PHONE, 'waba.subscribed-apps', 'template.hello_world.en_US']) expect(byId(checks, id).detail, id).toMatch(/token\.valid/);
  });

  it('a wrong phone number id fails phone.status once, with the hint; the other phone checks point at it', async () => {
    const { checks } = await doctor({ WA_OPS_PHONE_NUMBER_ID: '123' });
    expect(failed(checks)).toEqual(['phone.status']);
    expect(byId(checks, 'phone.status').hint).toMatch(/WA_OPS_PHONE_NUMBER_ID/);
    for (const id of PHONE.slice(1)) expect(byId(checks, id), id).toMatchObject({ status: 'skip', detail: 'skipped: phone.status could not be checked' });
  });

  it('a wrong WABA id fails token.waba-access once, naming the WABA the token reaches; the WABA checks point at it', async () => {
    const { checks } = await doctor({ WA_OPS_WABA_ID: '999' });
    expect(failed(checks)).toEqual(['token.waba-access']);
    expect(byId(checks, 'token.waba-access')).toMatchObject({ detail: expect.stringMatching(/the token reaches WABA 210987654321098/), hint: expect.stringMatching(/^check WA_OPS_WABA_ID/) });
    for (const id of ['waba.subscribed-apps', 'template.hello_world.en_US']) expect(byId(checks, id).detail, id).toMatch(/see token\.waba-access/);
  });
});
