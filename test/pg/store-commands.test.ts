// campaigns --store, suppressions --store (and WA_OPS_STORE), send --to honouring the store's list, doctor --store:
// the built binary against a real PostgreSQL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';

let sb: SandboxServer;
let url: string;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', WA_OPS_STORE: '', WA_OPS_EVENTS: '', ...extra });
const password = () => decodeURIComponent(new URL(pgUrl).password);

function campaign(dir: string, name: string, numbers: string[]): string {
  writeFileSync(join(dir, `${name}.csv`), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, recipients: `${name}.csv`, template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return file;
}

describe.skipIf(!pgUrl)('campaigns, suppressions, send --to and doctor with --store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('campaigns --store lists the stored campaigns (with their files when --dir has them), never the password', async () => {
    const dir = tempDir('wa-ops-store-cmds-');
    const file = campaign(dir, 'stored-one', ['+4917250000001', '+4917250000002']);
    const sent = await runCli(['send', '--campaign', file, '--store', url, '--interval', '10ms', '--yes', '--json'], { env: env(), cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    const listed = await runCli(['campaigns', '--json'], { env: env({ WA_OPS_STORE: url }), cwd: dir });
    expect(listed.code, listed.stderr).toBe(0);
    const doc = JSON.parse(listed.stdout);
    expect(doc.count).toBe(1);
    expect(doc.campaigns[0]).toMatchObject({ name: 'stored-one', file: 'stored-one.json', state: 'done', sent: 2, pending: 0 });
    expect(doc.campaigns[0].campaignId).toMatch(/^stored-one-/);
    const text = await runCli(['campaigns', '--store', url, '--dir', tempDir('wa-ops-store-empty-')], { env: env() });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/stored-one\s+done/);
    expect(text.stdout).toContain(`(stored) ${doc.campaigns[0].campaignId}`);
    expect(listed.stdout + listed.stderr + text.stdout + text.stderr).not.toContain(password());
  });

  it('suppressions add / list / remove / import / export work on the store; send --to and send --store honour it', async () => {
    const dir = tempDir('wa-ops-store-sup-');
    const e = env({ WA_OPS_STORE: url });
    const add = await runCli(['suppressions', 'add', '+4917250000101', '+4917250000102', '--note', 'asked', '--json'], { env: e, cwd: dir });
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ added: 2 });
    expect(JSON.parse(add.stdout).store).toBeDefined();
    expect(add.stdout).not.toContain(password());
    // Stored in the table every worker and receiver reads; no local file was written.
    expect((await query(url, 'SELECT count(*)::int AS n FROM wa_ops.suppressions'))[0].n).toBe(2);
    const removed = await runCli(['suppressions', 'remove', '+4917250000102', '--json'], { env: e, cwd: dir });
    expect(JSON.parse(removed.stdout)).toMatchObject({ lifted: 1 });
    writeFileSync(join(dir, 'crm.csv'), 'phone\n+4917250000103\nnot a number\n');
    const imported = await runCli(['suppressions', 'import', 'crm.csv', '--store', url, '--json'], { env: env(), cwd: dir });
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 1, invalid: 1 });
    const list = await runCli(['suppressions', 'list', '--json'], { env: e, cwd: dir });
    expect(JSON.parse(list.stdout).suppressions.map((r: { e164: string }) => r.e164).sort()).toEqual(['+4917250000101', '+4917250000103']);
    const csv = await runCli(['suppressions', 'export'], { env: e, cwd: dir });
    expect(csv.stdout.split('\n').filter((l) => l.startsWith('+49'))).toHaveLength(2);
    // An explicit file still means the file; both at once is a usage error.
    expect(JSON.parse((await runCli(['suppressions', 'list', '--suppressions', join(dir, 'x.jsonl'), '--json'], { env: e, cwd: dir })).stdout).count).toBe(0);
    expect((await runCli(['suppressions', 'list', '--suppressions', 'x.jsonl', '--store', url], { env: env(), cwd: dir })).code).toBe(2);

    const to = await runCli(['send', '--to', '+4917250000101', '--template', 'spring_sale:de', '--param', 'first_name=A', '--param', 'voucher=B', '--yes'], { env: e, cwd: dir });
    expect(to.code).toBe(2);
    expect(to.stderr).toMatch(/is suppressed/);
    const file = campaign(dir, 'honours', ['+4917250000101', '+4917250000104']);
    const sent = await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes', '--json'], { env: e, cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 1 });
  });

  it('doctor --store: exit 2 and the migrate command when the schema is missing; the check passes when current', async () => {
    const bare = await freshDatabase();
    const r = await runCli(['doctor', '--store', bare, '--json'], { env: env() });
    expect(r.code).toBe(2);
    const check = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'store.connection');
    expect(check).toMatchObject({ status: 'fail' });
    expect(check.hint).toMatch(/store migrate/);
    const ok = await runCli(['doctor', '--store', url, '--json'], { env: env() });
    expect(JSON.parse(ok.stdout).checks.find((c: { id: string }) => c.id === 'store.connection')).toMatchObject({ status: 'pass' });
  });
});
