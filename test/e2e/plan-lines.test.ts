// The plan a person reads before sending: every line complete, also when nothing is left to send.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({});
});
afterAll(() => sb.close());

describe('the plan', () => {
  it('a finished campaign has a cost line without a dangling breakdown', async () => {
    const dir = tempDir('wa-ops-plan-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917060000001,V1\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'plan', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const first = await runCli(['send', '--campaign', 'c.json', '--interval', '50ms', '--yes'], { cwd: dir, env });
    expect(first.stderr).toMatch(/^ {2}cost {9}about USD 0\.14 \(marketing, rates of \d{4}-\d\d-\d\d\): DE 1 × 0\.1365$/m);
    const again = await runCli(['send', '--campaign', 'c.json', '--dry-run'], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^ {2}cost {9}about USD 0\.00 \(marketing, rates of \d{4}-\d\d-\d\d\)$/m);
  });

  it('names the Graph URL it sends to after a failover in the pre-flight, not the first one given', async () => {
    const dir = tempDir('wa-ops-plan-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917060000002,V1\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'plan', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await runCli(['send', '--campaign', 'c.json', '--dry-run', '--graph-url', 'http://127.0.0.1:1', '--graph-url', sb.url], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/failover: http:\/\/127\.0\.0\.1:1\/v23\.0 cannot be reached/);
    expect(r.stderr).toContain(`  Graph API    ${sb.url}  <-- NOT META'S API`);
  });

  it('--no-sample resumes an unfinished pilot run (--sample) as a run to the whole list', async () => {
    const dir = tempDir('wa-ops-plan-');
    const rows = Array.from({ length: 40 }, (_, i) => `N${i},+49170${String(6100000 + i)},V${i}`);
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + rows.join('\n') + '\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'pilot', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    // A pilot run paused at once by a cooldown (state saved, unfinished); --max-duration 0s, which did this, is refused now.
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 130429, count: 1 }) });
    const pilot = await runCli(['send', '--campaign', 'c.json', '--sample', '--no-wait', '--yes', '--json'], { cwd: dir, env });
    expect(JSON.parse(pilot.stdout).outcome).toBe('paused');
    const plain = JSON.parse((await runCli(['send', '--campaign', 'c.json', '--dry-run', '--json'], { cwd: dir, env })).stdout);
    expect(plain.plan.toSend).toBe(4);
    const whole = await runCli(['send', '--campaign', 'c.json', '--dry-run', '--json', '--no-sample'], { cwd: dir, env });
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.stdout).plan.toSend).toBe(40);
  });
});
