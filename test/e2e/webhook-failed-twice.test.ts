// A message Meta reports failed twice with different codes: both reasons stored by serve and shown by analyze,
// the message counted once as failed (under the last code reported), a retry of either body counted once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody } from '../../src/core/webhook/signature.js';
import { startWebhookServer } from '../../src/webhook/server.js';
import { runCli, tempDir } from '../helpers.js';

const SECRET = 'failed-twice-secret';

/** A Cloud API status callback as Meta sends it (timestamps as strings, non-ASCII escaped). */
function failedBody(id: string, ts: string, errors: { code: number; title: string }[]): string {
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550001111', phone_number_id: '109876543210987' },
    statuses: [{ id, status: 'failed', timestamp: ts, recipient_id: '491701234567', biz_opaque_callback_data: 'wa-ops:sale-\u00fc:+491701234567', errors: errors.map((e) => ({ ...e, message: e.title, error_data: { details: `${e.title}.` } })) }],
  };
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '210987654321098', changes: [{ value, field: 'messages' }] }] }).replace(/ü/g, '\\u00fc');
}

const first = failedBody('wamid.TWICE', '1767225600', [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' }]);
const second = failedBody('wamid.TWICE', '1767229200', [{ code: 131026, title: 'Message undeliverable' }]);
const noCode = failedBody('wamid.TWICE', '1767232800', []);
const other = failedBody('wamid.OTHER', '1767225600', [{ code: 131026, title: 'Message undeliverable' }]);

describe('a message reported failed twice with different codes', () => {
  it('serve stores both failures (a retry of either once) and analyze counts one failed message, each code once', async () => {
    const dir = tempDir();
    const events = join(dir, 'events.jsonl');
    const server = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, eventsPath: events, suppressionsPath: join(dir, 'suppressions.jsonl') });
    try {
      for (const body of [first, second, first, second, noCode, other]) {
        const res = await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(Buffer.from(body), SECRET) } });
        expect(res.status).toBe(200);
      }
      await server.idle();
    } finally {
      await server.close();
    }
    const stored = readFileSync(events, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; errors?: { code: number }[] });
    expect(stored.map((r) => [r.id, r.errors?.[0]?.code])).toEqual([['wamid.TWICE', 131049], ['wamid.TWICE', 131026], ['wamid.TWICE', undefined], ['wamid.OTHER', 131026]]);

    const r = await runCli(['webhook', 'analyze', events, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.messages).toBe(2);
    expect(report.funnels).toMatchObject([{ campaign: 'sale-ü', failed: 2, failures: { '131026': 2 } }]);
    // The failure table adds up to the failed messages: each under its last reported code, a later code-less failure keeps it.
    expect(report.failures.map((f: { code: string; count: number }) => [f.code, f.count])).toEqual([['131026', 2]]);
    // Errors by code: every reason a message failed with, once per message.
    expect(report.errors).toEqual({ '131026': 2, '131049': 1 });
  });

  it('analyze of captured POST bodies (retries included) counts the same', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bodies.jsonl'), [first, first, second, other, second].join('\n') + '\n');
    const r = await runCli(['webhook', 'analyze', 'bodies.jsonl', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.statuses).toBe(3);
    expect(report.funnels).toMatchObject([{ failed: 2, failures: { '131026': 2 } }]);
    expect(report.errors).toEqual({ '131026': 2, '131049': 1 });
  });
});
