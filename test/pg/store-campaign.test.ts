// store import / export / status --store against a real PostgreSQL: a campaign sent with local files moves in and back out.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';

let sb: SandboxServer;
let url: string;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', WA_OPS_STORE: '', WA_OPS_EVENTS: '' });
let nextNumber = 3000000;

function campaign(n: number, name = 'pg-import'): { dir: string; file: string } {
  const dir = tempDir('wa-ops-store-');
  const numbers = Array.from({ length: n }, () => `+49171${String(nextNumber++)}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + numbers.map((p, i) => `Name${i},${p},V${i}`).join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return { dir, file };
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe.skipIf(!pgUrl)('store import / export and status --store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('status --store for a campaign the store lacks: exit 2, send or import it first', async () => {
    const { file } = campaign(2, 'never-sent');
    const r = await runCli(['status', '--campaign', file, '--store', url], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no campaign "never-sent"/);
    expect(r.stderr).toMatch(/send or import it first/);
  });

  it('round trip: a local campaign imported, read with status --store, exported, read with status --ledger', async () => {
    const { dir, file } = campaign(6);
    const sent = await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes', '--json'], { env: env(), cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    const local = await runCli(['status', '--campaign', file, '--json'], { env: env(), cwd: dir });
    const ledger = lines(join(dir, 'campaign.ledger.jsonl'));
    const header = ledger.find((e) => e.t === 'header');

    const imp = await runCli(['store', 'import', '--campaign', file, '--store', url, '--json'], { env: env(), cwd: dir });
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ campaignId: header.campaignId, events: ledger.length, alreadyImported: false });
    const again = await runCli(['store', 'import', '--campaign', file, '--store', url, '--json'], { env: env(), cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).alreadyImported).toBe(true);
    expect((await query(url, 'SELECT count(*)::int AS n FROM wa_ops.ledger_events WHERE campaign_id = $1', [header.campaignId]))[0].n).toBe(ledger.length);

    // The same document from the store, even from another folder (the identity is not the path).
    const elsewhere = tempDir('wa-ops-store-other-');
    writeFileSync(join(elsewhere, 'campaign.json'), readFileSync(file));
    writeFileSync(join(elsewhere, 'list.csv'), readFileSync(join(dir, 'list.csv')));
    const stored = await runCli(['status', '--campaign', join(elsewhere, 'campaign.json'), '--store', url, '--json'], { env: env(), cwd: elsewhere });
    expect(stored.code, stored.stderr).toBe(0);
    expect(JSON.parse(stored.stdout)).toEqual(JSON.parse(local.stdout));

    const out = join(elsewhere, 'exported.ledger.jsonl');
    const exp = await runCli(['store', 'export', '--campaign', join(elsewhere, 'campaign.json'), '--store', url, '--out', out, '--json'], { env: env(), cwd: elsewhere });
    expect(exp.code, exp.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(lines(out).filter((e) => e.t !== 'status')).toEqual(ledger);
    const fromFile = await runCli(['status', '--campaign', join(elsewhere, 'campaign.json'), '--ledger', out, '--json'], { env: env(), cwd: elsewhere });
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(local.stdout));

    // An existing file is never overwritten.
    const before = readFileSync(out, 'utf8');
    const clobber = await runCli(['store', 'export', '--campaign', file, '--store', url, '--out', out], { env: env(), cwd: dir });
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toMatch(/exists; wa-ops does not overwrite it/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);
  });

  it('refuses to import over a different campaign with the same identity', async () => {
    const { dir, file } = campaign(2, 'first-one');
    expect((await runCli(['send', '--campaign', file, '--interval', '10ms', '--yes'], { env: env(), cwd: dir })).code).toBe(0);
    expect((await runCli(['store', 'import', '--campaign', file, '--store', url], { env: env(), cwd: dir })).code).toBe(0);
    // A ledger copied under another campaign: same identity, another campaign.
    const other = campaign(2, 'second-one');
    const copied = readFileSync(join(dir, 'campaign.ledger.jsonl'), 'utf8').replace(/"campaign":"first-one"/g, '"campaign":"second-one"');
    writeFileSync(join(other.dir, 'campaign.ledger.jsonl'), copied);
    const r = await runCli(['store', 'import', '--campaign', other.file, '--store', url], { env: env(), cwd: other.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds a different campaign \("first-one"\)/);
  });
});
