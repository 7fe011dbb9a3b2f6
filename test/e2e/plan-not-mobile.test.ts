// The plan says which recipients cannot be a mobile (landline, toll-free, premium), as validate-numbers' tip does.
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

const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

/** The dry-run plan of a German campaign over these list rows (first_name;Handy;voucher). */
async function plan(rows: string[]) {
  const dir = tempDir('wa-ops-plan-');
  writeFileSync(join(dir, 'list.csv'), ['first_name;Handy;voucher', ...rows].join('\n') + '\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'plan', recipients: 'list.csv', defaultCountry: 'DE', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return runCli(['send', '--campaign', 'c.json', '--dry-run'], { cwd: dir, env: env() });
}

describe('a campaign list with numbers that cannot be a mobile', () => {
  it('sends as validate-numbers keeps them, and the plan names their types and lines', async () => {
    const r = await plan(['A;0170 6000001;V1', 'B;0800 1234567;V2', 'C;030 1234567;V3', 'D;+1 212 555 0123;V4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('  list         4 rows: 4 valid unique recipients');
    expect(r.stderr).toMatch(/^ {2}note {9}2 recipients cannot be a mobile \((TOLL_FREE 1, FIXED_LINE 1|FIXED_LINE 1, TOLL_FREE 1); line 3, 4\): WhatsApp seldom reaches them; remove such rows/m);
  });

  it('says nothing when every number can be a mobile (+1 numbers count as possibly mobile)', async () => {
    const r = await plan(['A;0170 6000002;V1', 'D;+1 212 555 0124;V4']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('cannot be a mobile');
  });
});

describe('send --to a number that cannot be a mobile', () => {
  it('says so on stderr before sending it as asked; a mobile gets no such line', async () => {
    const dir = tempDir('wa-ops-plan-');
    const tollFree = await runCli(['send', '--to', '0800 1234567', '--country', 'DE', '--template', 'hello_world:en_US', '--yes'], { cwd: dir, env: env() });
    expect(tollFree.code).toBe(0);
    expect(tollFree.stderr).toContain('+498001234567 cannot be a mobile (TOLL_FREE): WhatsApp seldom reaches it');
    const mobile = await runCli(['send', '--to', '0170 6000003', '--country', 'DE', '--template', 'hello_world:en_US', '--yes'], { cwd: dir, env: env() });
    expect(mobile.code).toBe(0);
    expect(mobile.stderr).not.toContain('cannot be a mobile');
  });
});
