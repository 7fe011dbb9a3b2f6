// send --campaign honouring the store's suppression list (managed with suppressions, WA_OPS_STORE), and doctor --store:
// the built binary against a real PostgreSQL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, runPrinted, tempDir } from '../helpers.js';
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

describe.skipIf(!pgUrl)('suppressions honoured by send --store, and doctor --store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('a number suppressed with suppressions add (WA_OPS_STORE) is skipped by send --campaign --store', async () => {
    const dir = tempDir('wa-ops-store-sup-');
    const e = env({ WA_OPS_STORE: url });
    const add = await runCli(['suppressions', 'add', '+4917250000101', '--note', 'asked', '--json'], { env: e, cwd: dir });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).not.toContain(password());
    expect((await query(url, 'SELECT count(*)::int AS n FROM wa_ops.suppressions'))[0].n).toBe(1);
    const file = campaign(dir, 'honours', ['+4917250000101', '+4917250000104']);
    const sent = await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes', '--json'], { env: e, cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 1 });
    const to = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);
    expect(to.some((t) => t.includes('4917250000104'))).toBe(true);
    expect(to.some((t) => t.includes('4917250000101'))).toBe(false);
  });

  it('doctor --store: the check fails (exit 1) with the migrate command when the schema is missing; it passes when current', async () => {
    const bare = await freshDatabase();
    const r = await runCli(['doctor', '--store', bare, '--json'], { env: env() });
    expect(r.code).toBe(1);
    const check = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'store.connection');
    expect(check).toMatchObject({ status: 'fail' });
    expect(check.hint).toMatch(/store migrate/);
    const ok = await runCli(['doctor', '--store', url, '--json'], { env: env() });
    expect(JSON.parse(ok.stdout).checks.find((c: { id: string }) => c.id === 'store.connection')).toMatchObject({ status: 'pass' });
  });

  it('a resume command whose --store "$WA_OPS_STORE" is empty refuses (exit 2) instead of sending again from local files', async () => {
    const dir = tempDir('wa-ops-store-resume-');
    const file = campaign(dir, 'resume-empty', ['+4917250000201', '+4917250000202', '+4917250000203', '+4917250000204', '+4917250000205', '+4917250000206']);
    const first = await runCli(['send', '--campaign', file, '--store', url, '--interval', '700ms', '--max-duration', '1s', '--yes'], { env: env(), cwd: dir });
    expect(first.code, first.stderr).toBe(75);
    const resume = /resume with: (wa-ops send .*)/.exec(first.stderr)![1];
    expect(resume).toContain('--store "$WA_OPS_STORE"');
    expect(first.stderr).toMatch(/export WA_OPS_STORE=<the --store URL> first/);
    expect(first.stderr).not.toContain(password());
    const args = resume.replace('"$WA_OPS_STORE"', '').split(/\s+/).filter(Boolean).slice(1);
    const before = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;
    const copied = await runCli(args.flatMap((a) => (a === '--store' ? ['--store', ''] : [a])), { env: env(), cwd: dir });
    expect(copied.code).toBe(2);
    expect(copied.stderr).toMatch(/--store is empty/);
    expect(((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length).toBe(before);
    // With the variable set, the printed command does what it says.
    const again = await runCli(args.flatMap((a) => (a === '--store' ? ['--store', url] : [a])).map((a) => (a === '700ms' ? '10ms' : a)), { env: env({ WA_OPS_STORE: url }), cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    const to = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to).filter((t) => t.includes('491725000020'));
    expect(to.length).toBe(6); // everyone once (the sandbox also holds the other tests' messages)
    expect(new Set(to).size).toBe(6);
  });

  it('--store without a password (PGPASSWORD has it): messages and the resume command show the URL, and the command works as printed', async () => {
    const dir = tempDir('wa-ops-store-pgpassword-');
    const file = campaign(dir, 'pgpassword', ['+4917250000301', '+4917250000302', '+4917250000303', '+4917250000304']);
    const bare = new URL(url);
    bare.password = '';
    const first = await runCli(['send', '--campaign', file, '--store', bare.toString(), '--interval', '700ms', '--max-duration', '1s', '--yes'], { env: env({ PGPASSWORD: password() }), cwd: dir });
    expect(first.code, first.stderr).toBe(75);
    expect(first.stderr).toContain(`ledger       ${bare.toString()}`);
    const resume = /resume with: (wa-ops send .*)/.exec(first.stderr)![1];
    expect(resume).not.toContain('[redacted]');
    expect(resume).toContain(`--store ${bare.toString()}`);
    const again = await runPrinted(resume.replace('700ms', '10ms'), { cwd: dir, env: env({ PGPASSWORD: password() }) });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/pgpassword\s+done/);
    // The password as a URL parameter is hidden wherever the URL is shown.
    const param = `${bare.toString()}?password=${encodeURIComponent(password())}`;
    const status = await runCli(['campaigns', '--store', param, '--json'], { env: env(), cwd: dir });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout + status.stderr).not.toContain(password());
    expect((JSON.parse(status.stdout) as { store: string }).store).toContain(`${bare.host}${bare.pathname}`);
  });

  it("a receiver's late duplicate of an older opt-out does not undo a newer resume (event time, not arrival, decides)", async () => {
    const db = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', db], { env: env() })).code).toBe(0);
    const { connectPg, closePg } = await import('../../src/io/store/pg/connect.js');
    const { appendPgSuppressions, readPgSuppressions } = await import('../../src/io/store/pg/suppression-store.js');
    const conn = await connectPg(db);
    const rec = (op: 'add' | 'lift', at: string) => ({ v: 2 as const, op, e164: '+4917250000301', reason: 'marketing-opt-out', scope: 'marketing' as const, source: 'webhook' as const, at });
    await appendPgSuppressions(conn, [rec('add', '2026-12-01T10:00:00.000Z')]); // stop (receiver a)
    await appendPgSuppressions(conn, [rec('lift', '2026-12-01T11:00:00.000Z')]); // resume an hour later (receiver a)
    await appendPgSuppressions(conn, [rec('add', '2026-12-01T10:00:00.000Z')]); // the stop's duplicate, committed late (receiver b)
    expect((await readPgSuppressions(conn)).isSuppressed('+4917250000301', 'MARKETING')).toBeNull();
    await appendPgSuppressions(conn, [rec('add', '2026-12-01T12:00:00.000Z')]); // a new stop
    expect((await readPgSuppressions(conn)).isSuppressed('+4917250000301', 'MARKETING')).not.toBeNull();
    await closePg();
  });
});
