// A wrong phone number id or API version fails every request alike: Graph answers 100/33 ("Object with ID ... does not
// exist") or 2500 ("Unknown path components"). send stops at once (exit 3) and marks nobody failed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

describe('send with a path Graph cannot serve', () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
  });
  afterAll(() => sb.close());

  const campaign = () => {
    const dir = tempDir('wa-ops-wrong-path-');
    writeFileSync(join(dir, 'list.csv'), 'phone,first_name,voucher\n+491701230001,Ana,A1\n+491701230002,Ben,B2\n+491701230003,Cy,C3\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'wrong-path', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    return join(dir, 'c.json');
  };

  it.each<[string, Record<string, string>, RegExp]>([
    ['a phone number id that does not exist', { WA_OPS_PHONE_NUMBER_ID: '109876543210900' }, /check WA_OPS_PHONE_NUMBER_ID/],
    ['an API version that does not exist', { WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_API_VERSION: 'v99.0' }, /check WA_OPS_API_VERSION/],
  ])('%s: exit 3, nobody failed, every recipient left to send', async (_what, extra, hint) => {
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', ...extra };
    const r = await runCli(['send', '--campaign', campaign(), '--interval', '20ms', '--yes', '--json'], { env });
    expect(r.code).toBe(3);
    // Either the pre-flight check of the sender stops it before the ledger, or the first send's answer aborts the run.
    const out = JSON.parse(r.stdout) as { failed?: number; sent?: number; pending?: number; error: { hint: string } };
    if (out.failed !== undefined) expect(out).toMatchObject({ failed: 0, sent: 0, pending: 3 });
    expect(out.error.hint).toMatch(hint);
    expect(sb.state.messages).toHaveLength(0);
  });
});
