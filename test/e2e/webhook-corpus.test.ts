// Every payload in fixtures/webhooks, posted signed over real HTTP as its exact bytes: how it is stored, what it does to the suppression list, how analyze shows it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/core/webhook/signature.js';
import { readSuppressions } from '../../src/io/suppressions.js';
import { tailLine } from '../../src/ui/webhook-tail.js';
import { startWebhookServer, type WebhookServer } from '../../src/webhook/server.js';
import { fixtures, runCli, tempDir } from '../helpers.js';

const SECRET = 'corpus-secret';
const dir = join(fixtures, 'webhooks');
const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
const body = (name: string) => readFileSync(join(dir, `${name}.json`));

// What each payload must become in the events file (partial match of each record, in order).
const STORED: Record<string, object[]> = {
  'status-sent-marketing': [{ kind: 'status', status: 'sent', recipient: '491701234567', cb: 'wa-ops:fruehling-Müller-🌸:+491701234567', wabaId: '210987654321098', phoneNumberId: '109876543210987', pricing: { billable: true, model: 'PMP', type: 'regular', category: 'marketing' } }],
  'status-delivered': [{ kind: 'status', status: 'delivered', category: 'marketing' }],
  'status-read': [{ kind: 'status', status: 'read' }],
  'status-failed-131026': [{ kind: 'status', status: 'failed', errors: [{ code: 131026, title: 'Message undeliverable', details: 'Message Undeliverable.' }] }],
  'status-failed-131050': [{ kind: 'status', status: 'failed', errors: [{ code: 131050 }] }],
  'status-failed-131050-bsuid': [{ kind: 'status', status: 'failed', recipient: 'DE.13491208655302741918', userId: 'DE.13491208655302741918' }],
  'status-delivered-service-free': [{ kind: 'status', pricing: { billable: false, type: 'free_customer_service', category: 'service' } }],
  'status-sent-utility-bsuid': [{ kind: 'status', userId: 'DE.11815799212886844830', pricing: { category: 'utility' } }],
  'inbound-text-stop': [{ kind: 'message', type: 'text', text: 'STOP', from: '491709999002', waId: '491709999002', userId: 'DE.22222222222222222222' }],
  'inbound-text-bsuid-only': [{ kind: 'message', type: 'text', text: 'Stopp', from: '', userId: 'DE.31415926535897932384' }],
  'system-user-changed-number': [{ kind: 'message', type: 'system', from: '491709999020', waId: '491709999020' }],
  'template-components-update': [{ kind: 'management', field: 'message_template_components_update', at: '2026-01-01T00:04:30.000Z', value: { message_template_footer: 'Abmelden: STOP' } }],
  'inbound-text-non-ascii': [{ kind: 'message', type: 'text', text: 'Grüße aus München 👋 – bitte keine Werbung mehr? Nein, alles gut.' }],
  'inbound-text-escape-sequence': [{ kind: 'message', type: 'text', text: 'hi \u001b[2J\u001b]0;owned\u0007 there' }],
  'inbound-button-cancel': [{ kind: 'message', type: 'button', text: 'Cancel' }],
  'inbound-list-reply-stop': [{ kind: 'message', type: 'interactive', text: 'Stop' }],
  'inbound-button-reply': [{ kind: 'message', type: 'interactive', text: 'Ja, gerne' }],
  'inbound-image': [{ kind: 'message', type: 'image', message: { image: { caption: 'Rechnung', id: '1003383421387256', mime_type: 'image/jpeg' } } }],
  // Two messages under one id (Meta's own OpenAPI examples reuse one): both stored, each whole.
  'inbound-location-shared-id': [{ kind: 'message', type: 'location', id: 'wamid.IN-SHARED-1', message: { location: { latitude: 52.520008, longitude: 13.404954, name: 'Filiale Mitte' } } }],
  'inbound-contacts-shared-id': [{ kind: 'message', type: 'contacts', id: 'wamid.IN-SHARED-1', message: { contacts: [{ name: { formatted_name: 'Jürgen Weiß' }, phones: [{ wa_id: '491709999032' }] }] } }],
  'inbound-order': [{ kind: 'message', type: 'order', message: { order: { catalog_id: '1537019860049345', product_items: [{ product_retailer_id: 'sku-42', quantity: 2 }] } } }],
  'inbound-flow-reply': [{ kind: 'message', type: 'interactive', text: 'Sent', message: { context: { id: 'wamid.OUT-FLOW-1' }, interactive: { nfm_reply: { response_json: '{"flow_token":"booking-7","date":"2026-01-03"}' } } } }],
  'inbound-document-reply': [{ kind: 'message', type: 'document', message: { context: { id: 'wamid.OUT-DOC-1' }, document: { filename: 'vertrag.pdf', caption: 'Unterschrieben' } } }],
  'inbound-reaction': [{ kind: 'message', type: 'reaction', message: { reaction: { emoji: expect.any(String) } } }],
  'inbound-unsupported': [{ kind: 'message', type: 'unsupported' }],
  'value-errors-two-131000': [
    { kind: 'error', code: 131000, details: 'Unknown error, retry later' },
    { kind: 'error', code: 131000, details: 'Media download failed for 1003383421387256' },
  ],
  'user-preferences-stop': [{ kind: 'preference', waId: '491709999011', category: 'marketing_messages', value: 'stop' }],
  'user-preferences-resume': [{ kind: 'preference', waId: '491709999011', value: 'resume' }],
  'template-status-approved': [{ kind: 'management', field: 'message_template_status_update', at: '2025-12-31T00:00:00.000Z', value: { event: 'APPROVED' } }],
  'template-status-paused': [{ kind: 'management', field: 'message_template_status_update', wabaId: '210987654321098', at: '2026-01-01T00:05:00.000Z', value: { event: 'PAUSED', message_template_name: 'spring_sale' } }],
  'template-status-paused-again': [{ kind: 'management', at: '2026-01-15T00:05:00.000Z', value: { event: 'PAUSED' } }],
  'template-status-rejected': [{ kind: 'management', value: { reason: 'INCORRECT_CATEGORY' } }],
  'template-status-disabled': [{ kind: 'management', value: { event: 'DISABLED' } }],
  'template-quality-update': [{ kind: 'management', field: 'message_template_quality_update' }],
  'template-category-update': [{ kind: 'management', field: 'template_category_update' }],
  'phone-number-quality-flagged': [{ kind: 'management', field: 'phone_number_quality_update', value: { event: 'FLAGGED' } }],
  'phone-number-quality-downgrade': [{ kind: 'management', field: 'phone_number_quality_update', at: '2026-01-31T00:00:00.000Z' }],
  'phone-number-throughput-upgrade': [{ kind: 'management', value: { event: 'THROUGHPUT_UPGRADE' } }],
  'account-update-restriction': [{ kind: 'management', field: 'account_update' }],
  'account-update-verified': [{ kind: 'management', field: 'account_update' }],
  'phone-number-name-update-declined': [{ kind: 'management', field: 'phone_number_name_update', value: { requested_verified_name: 'Frühling GmbH' } }],
  'business-capability-update': [{ kind: 'management', field: 'business_capability_update' }],
  'account-alerts': [{ kind: 'management', field: 'account_alerts' }],
  'account-review-update': [{ kind: 'management', field: 'account_review_update' }],
  'security-pin-changed': [{ kind: 'management', field: 'security' }],
};

describe('the webhook corpus', () => {
  let server: WebhookServer;
  let work: string;
  let stored: Record<string, unknown>[];
  beforeAll(async () => {
    work = tempDir('wa-ops-corpus-');
    server = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, eventsPath: join(work, 'events.jsonl'), suppressionsPath: join(work, 'suppressions.jsonl') });
    // In order, each twice (Meta retries): the second is a duplicate.
    for (const name of names) {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(server.url, { method: 'POST', body: body(name.replace(/\.json$/, '')), headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body(name.replace(/\.json$/, '')), SECRET) } });
        expect(res.status, name).toBe(200);
      }
    }
    await server.idle();
    stored = readFileSync(join(work, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  });
  afterAll(() => server.close());

  it('has an expectation for every payload, and every payload is escaped ASCII as Meta sends it', () => {
    expect(Object.keys(STORED).sort()).toEqual(names.map((n) => n.replace(/\.json$/, '')).sort());
    for (const n of names) expect(readFileSync(join(dir, n)).every((b) => b < 0x80), n).toBe(true);
  });

  for (const [name, expected] of Object.entries(STORED)) {
    it(`stores ${name} whole, once`, () => {
      const raw = JSON.parse(body(name).toString('utf8'));
      const mine = stored.filter((r) => JSON.stringify(r).includes(JSON.stringify(String(raw.entry[0].id)).slice(0, -1)) && recordFrom(r, raw));
      expect(mine).toHaveLength(expected.length);
      expected.forEach((e, i) => expect(mine[i]).toMatchObject(e));
      for (const r of mine) expect(String(r.key)).not.toBe('');
    });
  }

  it('keeps two different errors of the same code and second, and a template paused again 14 days later', () => {
    expect(stored.filter((r) => r.kind === 'error' && r.code === 131000)).toHaveLength(2);
    expect(stored.filter((r) => r.kind === 'management' && (r.value as { event?: string }).event === 'PAUSED')).toHaveLength(2);
    expect(server.stats.duplicates).toBe(stored.length);
  });

  it('suppresses typed STOP (all), 131050 and marketing stops (marketing, keyed by the number sent to), lifts on resume, never a button or list title', () => {
    const list = readFileSync(join(work, 'suppressions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const seen = list.map((r) => `${r.op} ${r.e164} ${r.reason} ${r.scope}`);
    // The corpus posts the resume (which happened later) before the stop: the stop is stale and changes nothing.
    expect(seen.sort()).toEqual(['add +491705550009 131050 marketing', 'add +491709999002 stop-word all', 'lift +491709999011 marketing-opt-out marketing']);
    expect(readSuppressions(join(work, 'suppressions.jsonl')).isSuppressed('+491709999011', 'MARKETING')).toBeNull();
    expect(list.find((r) => r.reason === 'stop-word')).toMatchObject({ waId: '491709999002', userId: 'DE.22222222222222222222', source: 'webhook' });
    expect(list.some((r) => r.e164 === '+' || /9999005|9999006/.test(r.e164))).toBe(false);
    // The 131050 and the typed "Stopp" of users known only by a BSUID could not be keyed by a number: reported, not written as "+".
    expect(server.stats.unresolvedOptOuts).toBe(2);
  });

  it('shows every stored record as one clean line in the live tail', () => {
    for (const r of stored) {
      const line = tailLine(r as never, false);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(line.split('\n')).toHaveLength(1);
    }
  });

  it('says in the live tail what a message without typed text holds (emoji, place, contact, order, caption)', () => {
    const tailOf = (type: string) => tailLine(stored.find((r) => r.kind === 'message' && r.type === type) as never, false);
    expect(tailOf('reaction')).toContain('"👍"');
    expect(tailOf('location')).toContain('"Filiale Mitte"');
    expect(tailOf('contacts')).toContain('"Jürgen Weiß"');
    expect(tailOf('order')).toContain('"1 item(s): Bitte bis Freitag"');
    expect(tailOf('document')).toContain('"Unterschrieben"');
    expect(tailOf('image')).toContain('"Rechnung"');
  });

  it('analyze shows the account and template events, errors by code and pricing by category', async () => {
    const r = await runCli(['webhook', 'analyze', join(work, 'events.jsonl'), '--json'], { cwd: work });
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { management: { field: string; change: string; action: string }[]; errors: object; pricing: Record<string, { cost: number }>; optOuts: object };
    expect(a.management.map((m) => m.field)).toContain('account_update');
    const paused = a.management.filter((m) => /PAUSED/.test(m.change));
    expect(paused).toHaveLength(2);
    expect(paused[0]).toMatchObject({ field: 'message_template_status_update', at: '2026-01-01T00:05:00.000Z', wabaId: '210987654321098', subject: 'spring_sale:de', action: expect.stringMatching(/stop sends/) });
    expect(a.management.find((m) => m.field === 'account_update' && /RESTRICT/.test(m.change))?.action).toMatch(/restricted/);
    expect(a.management.find((m) => /TIER_10K → TIER_2K/.test(m.change))?.action).toMatch(/limit went down/);
    expect(a.management.find((m) => m.field === 'template_category_update')?.change).toBe('category UTILITY → MARKETING');
    expect(a.errors).toMatchObject({ '131000': 2, '131026': 1, '131050': 2, '131051': 1 });
    expect(a.pricing.marketing).toMatchObject({ billable: 1, free: 0 });
    expect(a.pricing.marketing.cost).toBeGreaterThan(0);
    expect(a.pricing.service).toEqual({ billable: 0, free: 1, cost: 0 });
    expect(a.pricing.utility).toMatchObject({ billable: 1, free: 0 });
    expect(a.optOuts).toEqual({ marketingStop: 1, marketingResume: 1, stopWords: 2 });
    expect(a.management.find((m) => m.field === 'message_template_components_update')).toMatchObject({ subject: 'spring_sale:de', change: 'components edited' });
    // existing keys stay
    for (const k of ['events', 'statuses', 'inbound', 'messages', 'funnels', 'latency', 'failures', 'failuresByCountry']) expect(a).toHaveProperty(k);
  });

  it('analyze reads a file of Meta webhook bodies (one per line, retries included) as serve would have stored them', async () => {
    const raw = join(work, 'captured-bodies.jsonl');
    writeFileSync(raw, names.flatMap((n) => [body(n.replace(/\.json$/, '')).toString('utf8'), body(n.replace(/\.json$/, '')).toString('utf8')]).join('\n') + '\n');
    const fromBodies = JSON.parse((await runCli(['webhook', 'analyze', raw, '--json'], { cwd: work })).stdout) as Record<string, unknown>;
    const fromEvents = JSON.parse((await runCli(['webhook', 'analyze', join(work, 'events.jsonl'), '--json'], { cwd: work })).stdout) as Record<string, unknown>;
    for (const k of ['events', 'statuses', 'inbound', 'funnels', 'errors', 'pricing', 'optOuts', 'management']) expect(fromBodies[k], k).toEqual(fromEvents[k]);
    expect(fromBodies.inbound).toBe(stored.filter((r) => r.kind === 'message').length);
  });

  it('analyze skips a captured body nested too deep to read, with a warning, and reads the rest', async () => {
    const file = join(work, 'deep-bodies.jsonl');
    const n = 200_000;
    const deep = `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"x","value":{"a":${'['.repeat(n)}${']'.repeat(n)}}}]}]}`;
    writeFileSync(file, `${body('status-read').toString('utf8')}\n${deep}\n`);
    const r = await runCli(['webhook', 'analyze', file, '--json'], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/deep-bodies\.jsonl:2: a webhook body that cannot be read, skipped/);
    expect(JSON.parse(r.stdout).statuses).toBe(1);
  });

  it('analyze counts a record repeated in the file (files put together) once', async () => {
    const doubled = join(work, 'doubled.jsonl');
    const text = readFileSync(join(work, 'events.jsonl'), 'utf8');
    writeFileSync(doubled, text + text);
    const a = JSON.parse((await runCli(['webhook', 'analyze', doubled, '--json'], { cwd: work })).stdout) as Record<string, unknown>;
    const b = JSON.parse((await runCli(['webhook', 'analyze', join(work, 'events.jsonl'), '--json'], { cwd: work })).stdout) as Record<string, unknown>;
    for (const k of ['events', 'inbound', 'errors', 'management', 'optOuts', 'pricing']) expect(a[k], k).toEqual(b[k]);
  });

  it('analyze prints the events table and the HTML report without terminal escapes from the payloads', async () => {
    const r = await runCli(['webhook', 'analyze', join(work, 'events.jsonl'), '--html', join(work, 'r.html')], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Account and template events/);
    expect(r.stdout).toMatch(/spring_sale:de/);
    expect(r.stdout).not.toMatch(/\u001b/);
    const html = readFileSync(join(work, 'r.html'), 'utf8');
    expect(html).toMatch(/<h2>Account and template events<\/h2>/);
    expect(html).toMatch(/Frühling GmbH|Fr&uuml;hling/);
    expect(html).not.toMatch(/[\u0000-\u0008\u001b]/);
  });
});

/** Does a stored record come from this payload? (matched by ids and content) */
function recordFrom(r: Record<string, unknown>, raw: { entry: { changes: { field: string; value: Record<string, unknown> }[] }[] }): boolean {
  const ch = raw.entry[0].changes[0];
  const v = ch.value;
  if (r.kind === 'status') return (v.statuses as { id: string; status: string }[] | undefined)?.some((s) => s.id === r.id && s.status === r.status) ?? false;
  if (r.kind === 'message') return (v.messages as { id: string }[] | undefined)?.some((m) => m.id === r.id && JSON.stringify(m) === JSON.stringify(r.message)) ?? false;
  if (r.kind === 'error') return (v.errors as { error_data: { details: string } }[] | undefined)?.some((e) => e.error_data.details === r.details) ?? false;
  if (r.kind === 'preference') return (v.user_preferences as { value: string }[] | undefined)?.some((p) => p.value === r.value) ?? false;
  if (r.kind === 'management') return r.field === ch.field && JSON.stringify(r.value) === JSON.stringify(v);
  return false;
}
