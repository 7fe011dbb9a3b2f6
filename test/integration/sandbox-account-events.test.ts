// The sandbox's account webhooks reaching a real `webhook serve`: a scenario switched at run time arrives as Meta's
// template and number events, a customer's marketing stop as user_preferences (and later marketing sends fail with 131050).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSuppressions } from '../../src/io/suppressions.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { startWebhookServer, type WebhookServer } from '../../src/webhook/server.js';
import { tempDir } from '../helpers.js';

const SECRET = 'account-events-secret';
const PN = '109876543210987';
let serve: WebhookServer;
let sb: SandboxServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('wa-ops-account-events-');
  serve = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, eventsPath: join(dir, 'events.jsonl'), suppressionsPath: join(dir, 'suppressions.jsonl') });
  sb = await startSandbox({ webhookUrl: serve.url, appSecret: SECRET, statusDelayMs: 10, seed: 3 });
});
afterAll(async () => {
  await sb.close();
  await serve.close();
});

const control = async (path: string, body: unknown) => (await (await fetch(`${sb.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, any>;
const settle = async () => {
  await new Promise((r) => setTimeout(r, 50));
  await sb.webhooks.idle();
  await serve.idle();
};
const stored = () => readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);

describe('account events from the sandbox, stored by webhook serve', () => {
  it('announces a template pause and its end (APPROVED) when the scenario is switched, with the WABA and entry.time', async () => {
    expect((await control('scenario', { add: ['template-paused'] })).scenarios).toContain('template-paused');
    await control('scenario', { remove: ['template-paused'] });
    await settle();
    const spring = stored().filter((r) => r.kind === 'management' && r.field === 'message_template_status_update' && r.value.message_template_name === 'spring_sale');
    expect(spring.map((r) => r.value.event)).toEqual(['PAUSED', 'APPROVED']);
    expect(spring[0]).toMatchObject({ wabaId: '210987654321098', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), value: { other_info: { title: 'FIRST_PAUSE' } } });
    expect(stored().some((r) => r.kind === 'management' && r.field === 'message_template_quality_update' && r.value.new_quality_score === 'RED')).toBe(true);
  });

  it('plays a marketing stop: suppressed for MARKETING only, a marketing send then fails with 131050, resume lifts it', async () => {
    expect(await control('user-preferences', { from: '491705550123', value: 'stop' })).toMatchObject({ webhook: 'delivered' });
    await settle();
    expect(readSuppressions(join(dir, 'suppressions.jsonl')).isSuppressed('+491705550123', 'MARKETING')).toMatchObject({ reason: 'marketing-opt-out', scope: 'marketing' });
    expect(readSuppressions(join(dir, 'suppressions.jsonl')).isSuppressed('+491705550123', 'UTILITY')).toBeNull();
    const res = await fetch(`${sb.url}/v23.0/${PN}/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '491705550123', type: 'template', template: { name: 'spring_sale', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Anna' }, { type: 'text', text: 'X1' }] }] } }),
    });
    expect(res.status).toBe(200);
    await settle();
    const failed = stored().find((r) => r.kind === 'status' && r.recipient === '491705550123' && r.status === 'failed');
    expect(failed?.errors?.[0]).toMatchObject({ code: 131050 });
    expect(failed?.userId).toMatch(/^DE\./);
    expect(await control('user-preferences', { from: '491705550123', value: 'resume' })).toMatchObject({ webhook: 'delivered' });
    await settle();
    expect(readSuppressions(join(dir, 'suppressions.jsonl')).isSuppressed('+491705550123', 'MARKETING')).toBeNull();
  });

  it('sends any account webhook given to /_sandbox/webhook, signed', async () => {
    const value = { phone_number: '15550100000', event: 'ACCOUNT_RESTRICTION', restriction_info: [{ restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: '2026-12-31T00:00:00+0000' }] };
    expect(await control('webhook', { field: 'account_update', value })).toEqual({ field: 'account_update', webhook: 'delivered' });
    await settle();
    expect(stored().find((r) => r.field === 'account_update')).toMatchObject({ kind: 'management', value });
    expect((await fetch(`${sb.url}/_sandbox/webhook`, { method: 'POST', body: '{"field":"x"}' })).status).toBe(400);
  });
});
