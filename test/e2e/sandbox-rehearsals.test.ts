import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

const account = (sb: SandboxServer) => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

async function sendTo(sb: SandboxServer, dir: string, to: string): Promise<string> {
  const r = await runCli(['send', '--to', to, '--template', 'hello_world:en_US', '--yes', '--json', '--events', 'events.jsonl'], { cwd: dir, env: account(sb) });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).wamid as string;
}

const status = (id: string, st: string, extra: Record<string, string>) => JSON.stringify({ kind: 'status', key: `s:${id}:${st}:${extra.cb ?? ''}`, id, status: st, ts: '1767225600', ...extra });

describe('a second rehearsal against a new sandbox', () => {
  it('gets new wamids, and status does not count the first rehearsal\'s webhooks for the new recipients', async () => {
    const dir = tempDir('wa-ops-rehearsal-');
    // Rehearsal 1: two test sends (same --seed as the next sandbox: the seed repeats faults, not ids).
    const first = await startSandbox({ seed: 1 });
    const old = [await sendTo(first, dir, '+491701112201'), await sendTo(first, dir, '+491701112202')];
    await first.close();

    // Rehearsal 2: a new sandbox (no webhook URL), a campaign of two other numbers.
    const second = await startSandbox({ seed: 1 });
    try {
      writeFileSync(join(dir, 'l.csv'), 'phone\n+491709998801\n+491709998802\n');
      writeFileSync(join(dir, 'r2.json'), JSON.stringify({ name: 'rehearsal2', recipients: 'l.csv', phoneColumn: 'phone', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
      const sent = await runCli(['send', '--campaign', 'r2.json', '--yes', '--interval', '20ms', '--events', 'events.jsonl'], { cwd: dir, env: account(second) });
      expect(sent.code, sent.stderr).toBe(0);
      const ledger = readFileSync(join(dir, 'r2.ledger.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const fresh = ledger.filter((e) => e.t === 'sent').map((e) => e.wamid as string);
      expect(fresh).toHaveLength(2);
      expect(fresh.filter((w) => old.includes(w))).toEqual([]);

      // The events file holds the first rehearsal's webhooks, plus (as with a sandbox seeded to repeat its
      // ids, or another account writing the same file) statuses that carry the new wamids but name another send.
      const events = [
        status(old[0], 'delivered', { cb: 'wa-ops-to:+491701112201', recipient: '491701112201' }),
        status(old[1], 'read', { cb: 'wa-ops-to:+491701112202', recipient: '491701112202' }),
        status(fresh[0], 'read', { cb: 'wa-ops-to:+491701112201', recipient: '491701112201' }),
        status(fresh[1], 'delivered', { recipient: '491701112202' }),
      ];
      writeFileSync(join(dir, 'events.jsonl'), events.join('\n') + '\n');
      const before = JSON.parse((await runCli(['status', '--campaign', 'r2.json', '--json', '--events', 'events.jsonl'], { cwd: dir })).stdout);
      expect(before).toMatchObject({ sent: 2, delivered: 0, read: 0 });

      // A real status of this campaign (callback data, or none and the right number) still counts.
      writeFileSync(join(dir, 'events.jsonl'), [...events, status(fresh[1], 'delivered', { recipient: '491709998802' }), status(fresh[0], 'read', { cb: 'wa-ops:' + ledger[0].campaignId + ':+491709998801', recipient: '491709998801' })].join('\n') + '\n');
      const after = JSON.parse((await runCli(['status', '--campaign', 'r2.json', '--json', '--events', 'events.jsonl'], { cwd: dir })).stdout);
      expect(after).toMatchObject({ sent: 2, delivered: 2, read: 1 });
    } finally {
      await second.close();
    }
  });
});
