// --ledger <file> with a PostgreSQL store: status reads the file when the store comes from the environment (a flag
// beats the environment; store export prints exactly such a command while WA_OPS_STORE is set), and refuses both
// flags together; send refuses the pair from anywhere (neither may win silently). No server is contacted here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const STORE = 'postgres://wa:pw-never-printed-9041@127.0.0.1:1/wa';

function campaignWithLedger(): string {
  const dir = tempDir('wa-ops-ledger-store-');
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+491701110001,V1\nB,+491701110002,V2\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'lvs', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  const at = '2026-12-01T10:00:00.000Z';
  const events = [
    { t: 'header', v: 1, campaign: 'lvs', campaignId: 'lvs-0123456789', campaignHash: 'x', recipientsHash: 'y', recipients: 2, at },
    { t: 'attempt', r: '+491701110001', n: 1, sender: '109876543210987', cb: 'wa-ops:lvs-0123456789:+491701110001', at },
    { t: 'sent', r: '+491701110001', wamid: 'wamid.A', at },
  ];
  writeFileSync(join(dir, 'archive.ledger.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return dir;
}

describe('--ledger with a PostgreSQL store', () => {
  it('status --ledger reads that file, not the store from WA_OPS_STORE (said once); with --store too it is exit 2', async () => {
    const dir = campaignWithLedger();
    const r = await runCli(['status', '--campaign', 'c.json', '--ledger', 'archive.ledger.jsonl', '--json'], { cwd: dir, env: { WA_OPS_STORE: STORE } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ campaign: 'lvs', total: 2, sent: 1, pending: 1 });
    expect(r.stderr).toMatch(/--ledger given: status reads that file, not the store from WA_OPS_STORE/);
    const both = await runCli(['status', '--campaign', 'c.json', '--ledger', 'archive.ledger.jsonl', '--store', STORE], { cwd: dir, env: { WA_OPS_STORE: '' } });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/status: pass --ledger or --store, not both/);
    for (const x of [r, both]) expect(x.stdout + x.stderr).not.toContain('pw-never-printed-9041');
  });

  it('send --ledger with a PostgreSQL store from WA_OPS_STORE is refused with what to do (exit 2), nothing sent or written', async () => {
    const dir = campaignWithLedger();
    const env = { WA_OPS_STORE: STORE, WA_OPS_TOKEN: 't', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_GRAPH_URL: 'http://127.0.0.1:1' };
    const r = await runCli(['send', '--campaign', 'c.json', '--ledger', 'archive.ledger.jsonl', '--yes'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/send: --ledger names a local ledger file, but the store is PostgreSQL/);
    expect(r.stderr).toMatch(/unset WA_OPS_STORE to send with local files/);
    expect(r.stderr).not.toContain('pw-never-printed-9041');
  });
});
