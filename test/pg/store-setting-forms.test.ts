// A store setting plainly meant for PostgreSQL but not a postgres:// URL (libpq's keyword/value form, a URL missing its
// "//") used to be taken for local files: a send then started the stored campaign over and reached everyone again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl } from './db.js';

let sb: SandboxServer;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', WA_OPS_STORE: '', WA_OPS_EVENTS: '', ...extra });
const messages = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;

describe.skipIf(!pgUrl)('store settings meant for PostgreSQL that are no postgres:// URL', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
  });
  afterAll(() => sb?.close());

  it('send refuses them (exit 2, password never shown) instead of sending the stored campaign again from local files', async () => {
    const url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
    const checkout = (): { dir: string; file: string } => {
      const dir = tempDir('wa-ops-store-forms-');
      writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nA,+4917250000901,V1\nB,+4917250000902,V2\n');
      const file = join(dir, 'forms.json');
      writeFileSync(file, JSON.stringify({ name: 'forms', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
      return { dir, file };
    };
    // The campaign was sent from another machine (a CI job: no local ledger or note here), through the store.
    const other = checkout();
    const first = await runCli(['send', '--campaign', other.file, '--store', url, '--interval', '10ms', '--yes', '--json'], { env: env(), cwd: other.dir });
    expect(first.code, first.stderr).toBe(0);
    expect(await messages()).toBe(2);

    const { dir, file } = checkout();
    const u = new URL(url);
    const password = decodeURIComponent(u.password);
    const keywords = `host=${u.hostname} port=${u.port} user=${u.username} password=${password} dbname=${u.pathname.slice(1)}`;
    const slashless = url.replace('postgres://', 'postgres:');
    for (const setting of [keywords, slashless]) {
      for (const args of [['--store', setting], []]) {
        const r = await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes', ...args], { env: env({ WA_OPS_STORE: setting }), cwd: dir });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/postgres:\/\/USER@HOST/);
        expect(r.stdout + r.stderr).not.toContain(password);
      }
    }
    expect(await messages()).toBe(2);

    // doctor reports such a setting as its failed store check (exit 1), offline too, rather than ignoring it.
    const doctor = await runCli(['doctor', '--offline', '--json'], { env: env({ WA_OPS_STORE: keywords }), cwd: dir });
    expect(doctor.code, doctor.stderr).toBe(1);
    expect(JSON.parse(doctor.stdout).checks.find((c: { id: string }) => c.id === 'store.connection')).toMatchObject({ status: 'fail' });
    expect(doctor.stdout + doctor.stderr).not.toContain(password);
  });
});
