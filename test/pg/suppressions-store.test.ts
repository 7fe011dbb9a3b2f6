// With a PostgreSQL store, `suppressions` manages the store's list (the one `webhook serve --store` writes and
// `send --store` reads), and `send --to` honours it: one list for every receiver, worker and operator.
import { mkdirSync, writeFileSync } from 'node:fs';
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

  it('send --to --suppressions <file> honours the file and the store\'s list both: naming a file never drops a stored opt-out', async () => {
    expect((await cli(['suppressions', 'add', '+4917011110002', '--by', 'ops'])).code).toBe(0);
    expect((await cli(['suppressions', 'add', '+4917011110003', '--suppressions', 'crm.jsonl'])).code).toBe(0);
    for (const to of ['+4917011110002', '+4917011110003']) {
      const r = await cli(['send', '--to', to, '--template', 'hello_world:en_US', '--suppressions', 'crm.jsonl', '--yes']);
      expect(r.code, to).toBe(2);
      expect(r.stderr).toContain(`${to} is suppressed`);
      // The printed lifting command edits the list the number is on: the store's, or the named file.
      const lift = /wa-ops (suppressions remove .*)$/m.exec(r.stderr)![1];
      expect(lift).toBe(to.endsWith('2') ? `suppressions remove ${to}` : `suppressions remove ${to} --suppressions crm.jsonl`);
    }
    expect(((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data).toHaveLength(1); // the earlier test's one send
  });

  it('send --campaign --store --suppressions <file> skips the file\'s and the store\'s opt-outs, and its resume command keeps the flag', async () => {
    const numbers = ['+4917011120001', '+4917011120002', '+4917011120003', '+4917011120004'];
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
    writeFileSync(join(dir, 'campaign.json'), JSON.stringify({ name: 'pg-suppressed', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    expect((await cli(['suppressions', 'add', numbers[0]])).code).toBe(0); // the store's list
    expect((await cli(['suppressions', 'add', numbers[1], '--suppressions', 'crm.jsonl'])).code).toBe(0);
    const before = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;
    const r = await cli(['send', '--campaign', 'campaign.json', '--suppressions', 'crm.jsonl', '--interval', '20ms', '--limit', '1', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ total: 4, sent: 1, skipped: 2, pending: 1 });
    expect(doc.resume).toContain('--suppressions crm.jsonl');
    const sent = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.slice(before).map((m) => m.to);
    expect(sent).toHaveLength(1);
    expect(numbers.slice(0, 2)).not.toContain(sent[0]);
  });

  it('an opt-out stored while two workers send the campaign is honoured by both: that person is never sent to', async () => {
    const numbers = Array.from({ length: 10 }, (_, i) => `+4917011130${String(i).padStart(3, '0')}`);
    const sub = join(dir, 'live');
    mkdirSync(sub);
    writeFileSync(join(sub, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
    writeFileSync(join(sub, 'campaign.json'), JSON.stringify({ name: 'pg-live-optout', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const sentTo = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to).filter((to) => numbers.includes(to));
    const worker = () => runCli(['send', '--campaign', 'campaign.json', '--interval', '600ms', '--yes', '--json'], { cwd: sub, env: env() });
    const workers = [worker(), worker()];
    for (const end = Date.now() + 30_000; (await sentTo()).length < 1; await new Promise((r) => setTimeout(r, 50))) if (Date.now() > end) throw new Error('no progress');
    // As webhook serve --store records a STOP: into the store's list, while both workers run.
    expect((await cli(['suppressions', 'add', numbers[9], '--reason', 'stop-word'])).code).toBe(0);
    const runs = await Promise.all(workers);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect((await sentTo()).sort()).toEqual(numbers.slice(0, 9));
    const status = JSON.parse((await runCli(['status', '--campaign', 'campaign.json', '--json'], { cwd: sub, env: env() })).stdout);
    expect(status).toMatchObject({ total: 10, sent: 9, skipped: 1, pending: 0, unknown: 0 });
  });
  it('a send refused with 131050 puts the number on the store\'s list (marketing only): the next marketing campaign skips it', async () => {
    const numbers = ['+4917011140001', '+4917011140002'];
    const sub = join(dir, 'optout');
    mkdirSync(sub);
    writeFileSync(join(sub, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
    for (const name of ['pg-131050-a', 'pg-131050-b']) writeFileSync(join(sub, `${name}.json`), JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const send = (name: string) => runCli(['send', '--campaign', `${name}.json`, '--interval', '20ms', '--yes', '--json'], { cwd: sub, env: env() });
    await fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code: 131050, httpStatus: 400 }) });
    expect(JSON.parse((await send('pg-131050-a')).stdout)).toMatchObject({ sent: 1, failed: 1 });
    const conn = await connectPg(url);
    expect((await readPgSuppressions(conn)).isSuppressed(numbers[0], 'MARKETING')).toMatchObject({ reason: '131050', scope: 'marketing' });
    expect((await readPgSuppressions(conn)).isSuppressed(numbers[0], 'UTILITY')).toBeNull();
    expect(JSON.parse((await send('pg-131050-b')).stdout)).toMatchObject({ sent: 1, skipped: 1 });
    // The store lost the opt-out (a worker killed between its ledger line and the list's): the campaign's next run adds it again.
    await conn.query('DELETE FROM wa_ops.suppressions WHERE e164 = $1', [numbers[0]]);
    const again = await send('pg-131050-a');
    expect(again.stderr).toMatch(/refused with 131050 \(opted out of marketing\) in an earlier run, missing from the suppression list: added now/);
    expect((await readPgSuppressions(conn)).isSuppressed(numbers[0], 'MARKETING')?.record).toMatchObject({ reason: '131050', scope: 'marketing', by: 'campaign pg-131050-a' });
  });
});
