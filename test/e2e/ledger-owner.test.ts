// A folder copied for the next campaign (campaign.json edited, the old ledger still next to it): the new campaign must
// not run on the old one's ledger (it would skip everyone the old one reached).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
const campaign = (name: string) => JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, pace: { interval: '50ms' } });
const accepted = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;

describe('a ledger kept by another campaign', () => {
  it('send and send --dry-run refuse it (exit 2, nothing sent) and say how to go on', async () => {
    const dir = tempDir('wa-ops-owner-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nAnna,+491716200001,A\nBen,+491716200002,B\n');
    writeFileSync(join(dir, 'campaign.json'), campaign('spring'));
    expect((await runCli(['send', '--campaign', 'campaign.json', '--yes'], { cwd: dir, env: env() })).code).toBe(0);
    const before = await accepted();
    writeFileSync(join(dir, 'campaign.json'), campaign('summer'));
    for (const extra of [[], ['--dry-run']]) {
      const r = await runCli(['send', '--campaign', 'campaign.json', '--yes', ...extra], { cwd: dir, env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/belongs to the campaign "spring" \(spring-[0-9a-f]+\), not to "summer": nothing was sent/);
      expect(r.stderr).toContain('pass --ledger with a new file');
    }
    expect(await accepted()).toBe(before);
    const status = await runCli(['status', '--campaign', 'campaign.json'], { cwd: dir, env: env() });
    expect(status.stderr).toMatch(/belongs to the campaign "spring" \(spring-[0-9a-f]+\), not to "summer": these are its counts/);
    // A new ledger for the new campaign sends to both again, as a new campaign should.
    const fresh = await runCli(['send', '--campaign', 'campaign.json', '--ledger', 'summer.ledger.jsonl', '--yes', '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(fresh.stdout)).toMatchObject({ campaign: 'summer', sent: 2 });
  }, 60_000);
});
