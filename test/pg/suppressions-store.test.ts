// With a PostgreSQL store, `suppressions` manages the store's list (the one `webhook serve --store` writes and
// `send --store` reads), and `send --to` honours it: one list for every receiver, worker and operator.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { closePg, connectPg } from '../../src/io/store/pg/connect.js';
import { readPgSuppressions } from '../../src/io/store/pg/suppression-store.js';
import { fixtures, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl } from './db.js';

describe.skipIf(!pgUrl)('suppressions and send --to with a PostgreSQL store', () => {
  let url: string;
  let sb: SandboxServer;
  const dir = tempDir('wa-ops-store-sup-');
  const env = () => ({ WA_OPS_STORE: url, WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
  const cli = (args: string[]) => runCli(args, { cwd: dir, env: env() });

  beforeAll(async () => {
    url = await freshDatabase();
    sb = await startSandbox({});
    expect((await runCli(['store', 'migrate', '--store', url])).code).toBe(0);
  });
  afterAll(async () => {
    await sb.close();
    await closePg();
  });

  it('add, import, list and remove work on the store\'s list; send --to refuses a number on it', async () => {
    const add = await cli(['suppressions', 'add', '+4917011110001', '--by', 'ops', '--json']);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ added: 1, file: expect.stringContaining('127.0.0.1') });
    expect(add.stdout).not.toContain(new URL(url).password || '\u0000');
    const imp = await cli(['suppressions', 'import', join(fixtures, 'suppressions/crm-abmeldungen-de.csv'), '--json']);
    expect(JSON.parse(imp.stdout)).toMatchObject({ added: 3 });

    const conn = await connectPg(url);
    expect((await readPgSuppressions(conn)).entries().map((r) => r.e164)).toEqual(['+4917011110001', '+491707654321', '+436641234567', '+41791234567']);

    const refused = await cli(['send', '--to', '+4917011110001', '--template', 'hello_world:en_US', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\+4917011110001 is suppressed \(manual, scope all/);
    const sent = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data;
    expect(sent).toHaveLength(0);

    const lifted = await cli(['suppressions', 'remove', '+4917011110001', '--by', 'alice']);
    expect(lifted.stdout).toMatch(/lifted \+4917011110001 .* by alice/);
    const list = JSON.parse((await cli(['suppressions', 'list', '--json'])).stdout);
    expect(list.suppressions.map((s: { e164: string }) => s.e164)).toEqual(['+491707654321', '+436641234567', '+41791234567']);
    expect((await cli(['send', '--to', '+4917011110001', '--template', 'hello_world:en_US', '--yes'])).code).toBe(0);

    // An explicit --suppressions file still means that file.
    const local = await cli(['suppressions', 'list', '--suppressions', 'local.jsonl', '--json']);
    expect(JSON.parse(local.stdout)).toMatchObject({ file: join(dir, 'local.jsonl'), count: 0 });
  });
});
