// Before the first send, status, campaigns and the send plan count the same list the same way.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { fixtures, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({});
});
afterAll(() => sb.close());

describe('a campaign not started', () => {
  it('rows whose values send would set aside (empty, newline) are skipped in status, campaigns and the export, not pending', async () => {
    const dir = tempDir('wa-ops-notstarted-');
    for (const f of ['spring-sale.json', 'spring-sale.csv']) copyFileSync(join(fixtures, 'campaigns', f), join(dir, f));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const plan = JSON.parse((await runCli(['send', '--campaign', 'spring-sale.json', '--dry-run', '--json'], { cwd: dir, env })).stdout).plan;
    expect(plan.toSend).toBe(6);
    const status = JSON.parse((await runCli(['status', '--campaign', 'spring-sale.json', '--json'], { cwd: dir })).stdout);
    expect(status).toMatchObject({ total: 10, pending: 6, skipped: 4, sent: 0 });
    const exp = await runCli(['status', '--campaign', 'spring-sale.json', '--export', '-'], { cwd: dir });
    const rows = exp.stdout.trim().split('\n').slice(1);
    expect(rows.filter((r) => r.split(',')[2] === 'pending')).toHaveLength(6);
    expect(rows.find((r) => r.startsWith('+491731000004,7,'))).toMatch(/,skipped,0,.*is empty/);
    const campaigns = await runCli(['campaigns'], { cwd: dir });
    expect(campaigns.stdout).toMatch(/spring-sale +not started .* 6 to send, 4 skipped/);
  });
});
