// `send --json`'s "resume" is a command that does more: a finished pilot (--sample) has none, since its command again sends nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

const env = (url: string) => ({ WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(async () => {
  await sb.close();
});

describe('send --json resume after a pilot', () => {
  it('a finished --sample run prints no resume; a finished --limit run prints the command that sends the rest', async () => {
    const dir = tempDir('wa-ops-pilot-');
    const numbers = Array.from({ length: 20 }, (_, i) => `+4917170${String(100000 + i)}`);
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `N${i},${p},V${i}`).join('\n') + '\n');
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'pilot', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const pilot = await runCli(['send', '--campaign', file, '--sample', '--interval', '10ms', '--yes', '--json'], { env: env(sb.url) });
    expect(pilot.code, pilot.stderr).toBe(0);
    const doc = JSON.parse(pilot.stdout);
    expect(doc).toMatchObject({ outcome: 'done', sent: 2, pending: 18 });
    expect(doc.resume).toBeUndefined();
    const limited = await runCli(['send', '--campaign', file, '--limit', '3', '--interval', '10ms', '--yes', '--json'], { env: env(sb.url) });
    expect(JSON.parse(limited.stdout)).toMatchObject({ outcome: 'done', sent: 5, resume: `wa-ops send --campaign ${file} --interval 10ms --yes` });
  });
});
