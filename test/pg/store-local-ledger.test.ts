// A campaign file with a local ledger, and a PostgreSQL store: the store never sends again what the local
// ledger sent (it refuses with the import command, which works when copied), and every command finds the
// campaign by the local ledger's identity (status, status --watch, store export), even when two stored
// campaigns share its name. The built binary against a real PostgreSQL and the sandbox.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, runPrinted, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl } from './db.js';

let sb: SandboxServer;
let url: string;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', ...extra });
const password = () => decodeURIComponent(new URL(pgUrl).password);

/** A campaign file and its list in dir; returns the campaign file's name (relative to dir). */
function campaign(dir: string, name: string, numbers: string[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'list.csv'), 'phone\n' + numbers.join('\n') + '\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name, recipients: 'list.csv', phoneColumn: 'phone', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
  return 'c.json';
}

/** How many messages the sandbox accepted for numbers starting with prefix. */
async function accepted(prefix: string): Promise<number> {
  const data = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data;
  return data.filter((m) => m.to.replace(/^\+/, '').startsWith(prefix)).length;
}

/** The first stdout line of a long-running command (status --watch), then Ctrl-C; stderr when it ends by itself. */
function firstLine(args: string[], cwd: string): Promise<{ line: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { cwd, env: cleanEnv(env()), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve) => {
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) child.kill('SIGINT');
    });
    child.on('close', () => resolve({ line: out.split('\n')[0], stderr: err }));
  });
}

describe.skipIf(!pgUrl)('a local ledger and a PostgreSQL store', () => {
  beforeAll(async () => {
    sb = await startSandbox({ mps: 1000 });
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
  });
  afterAll(() => sb?.close());

  it('send --store of a campaign sent with local files refuses (exit 2) with the import command; the command, copied, imports it, and nobody gets a second message', async () => {
    // Run from the parent of a folder with spaces in its name: the printed command must quote the path.
    const dir = tempDir('wa-ops-store-twice-');
    const file = join('a folder with spaces', campaign(join(dir, 'a folder with spaces'), 'twice', ['+491701250001', '+491701250002']));
    const local = await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms', '--json'], { env: env(), cwd: dir });
    expect(local.code, local.stderr).toBe(0);
    expect(await accepted('49170125000')).toBe(2);

    const refused = await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms', '--store', url], { env: env(), cwd: dir });
    expect(refused.code).toBe(2);
    expect(await accepted('49170125000')).toBe(2);
    const line = refused.stderr.split('\n')[0];
    expect(line).toMatch(/local ledger .*c\.ledger\.jsonl holds this campaign's sends .*import it first: wa-ops store import --campaign 'a folder with spaces\/c\.json' --store "\$WA_OPS_STORE"$/);
    // The URL holds a password: never printed; the command reads it from WA_OPS_STORE, and says so.
    expect(refused.stderr).not.toContain(password());
    expect(refused.stderr).toMatch(/export WA_OPS_STORE=<the --store URL> first/);
    const json = await runCli(['send', '--campaign', file, '--yes', '--store', url, '--json'], { env: env(), cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe('store-import-first');
    // status and a dry run with the store say the same (the store would count nobody as sent).
    const status = await runCli(['status', '--campaign', file, '--store', url], { env: env(), cwd: dir });
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/import it first: wa-ops store import/);

    const command = /import it first: (wa-ops store import .*)$/.exec(line)![1];
    const imported = await runPrinted(command, { cwd: dir, env: env({ WA_OPS_STORE: url }) });
    expect(imported.code, imported.stderr).toBe(0);
    const again = await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms', '--store', url, '--json'], { env: env(), cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ total: 2, sent: 2, thisRun: { sent: 0 } });
    expect(await accepted('49170125000')).toBe(2);
  });

  it('with the store from WA_OPS_STORE, the printed import command has no --store (it reads the same variable) and works as printed', async () => {
    const dir = tempDir('wa-ops-store-env-');
    const file = campaign(dir, 'from-env', ['+491701251001']);
    expect((await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms'], { env: env(), cwd: dir })).code).toBe(0);
    const refused = await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms'], { env: env({ WA_OPS_STORE: url }), cwd: dir });
    expect(refused.code).toBe(2);
    const command = /import it first: (wa-ops store import .*)$/m.exec(refused.stderr)![1];
    expect(command).toBe('wa-ops store import --campaign c.json');
    expect(refused.stderr).not.toMatch(/hint:/);
    expect((await runPrinted(command, { cwd: dir, env: env({ WA_OPS_STORE: url }) })).code).toBe(0);
    expect(await accepted('491701251001')).toBe(1);
  });

  it('status, status --watch and store export find the campaign by the local ledger when two stored campaigns share its name', async () => {
    const base = tempDir('wa-ops-store-monthly-');
    const nov = join(base, 'nov');
    const dec = join(base, 'dec');
    campaign(nov, 'monthly', ['+491701260001', '+491701260002']);
    campaign(dec, 'monthly', ['+491701260001', '+491701260002']);
    expect((await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms', '--store', url], { env: env(), cwd: nov })).code).toBe(0);
    expect((await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms'], { env: env(), cwd: dec })).code).toBe(0);
    const imp = await runCli(['store', 'import', '--campaign', 'c.json', '--store', url, '--json'], { env: env(), cwd: dec });
    expect(imp.code, imp.stderr).toBe(0);
    const id = JSON.parse(imp.stdout).campaignId as string;

    const status = await runCli(['status', '--campaign', 'c.json', '--store', url, '--json'], { env: env(), cwd: dec });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ campaign: 'monthly', total: 2, sent: 2 });
    const watch = await firstLine(['status', '--watch', '--campaign', 'c.json', '--store', url, '--json', '--interval', '100ms'], dec);
    expect(watch.stderr).not.toMatch(/campaigns named/);
    expect(JSON.parse(watch.line)).toMatchObject({ campaign: 'monthly', total: 2, sent: 2 });
    const exported = await runCli(['store', 'export', '--campaign', 'c.json', '--store', url, '--out', '-'], { env: env(), cwd: dec });
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout.split('\n')[0])).toMatchObject({ t: 'header', campaignId: id });
    // Without a local ledger, the name alone is ambiguous: exit 2, as before.
    const bare = tempDir('wa-ops-store-bare-');
    campaign(bare, 'monthly', ['+491701269999']);
    expect((await runCli(['status', '--campaign', 'c.json', '--store', url], { env: env(), cwd: bare })).code).toBe(2);
  });

  it('a campaign sent with --store (or imported), then sent from local files: refused (exit 2), nobody sent twice; status warns', async () => {
    const dir = tempDir('wa-ops-store-reverse-');
    const file = campaign(dir, 'reverse', ['+491701300001', '+491701300002']);
    expect((await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms', '--store', url], { env: env(), cwd: dir })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'c.ledger.store.json'), 'utf8'))).toMatchObject({ campaignId: expect.stringMatching(/^reverse-/) });
    const local = await runCli(['send', '--campaign', file, '--yes', '--interval', '10ms', '--json'], { env: env(), cwd: dir });
    expect(local.code).toBe(2);
    expect(JSON.parse(local.stdout).error).toMatchObject({ code: 'store-campaign-elsewhere' });
    expect(local.stdout).not.toContain(password());
    expect(await accepted('49170130000')).toBe(2);
    const status = await runCli(['status', '--campaign', file], { env: env(), cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/lives in the store .*use --store/);

    // store import leaves the same note: the local ledger is no longer the campaign's.
    const other = tempDir('wa-ops-store-imported-');
    campaign(other, 'imported-then-local', ['+491701310001', '+491701310002']);
    expect((await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms', '--limit', '1'], { env: env(), cwd: other })).code).toBe(0);
    expect((await runCli(['store', 'import', '--campaign', 'c.json', '--store', url], { env: env(), cwd: other })).code).toBe(0);
    expect((await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms'], { env: env(), cwd: other })).code).toBe(2);
    const rest = await runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms', '--store', url, '--json'], { env: env(), cwd: other });
    expect(JSON.parse(rest.stdout)).toMatchObject({ total: 2, sent: 2, thisRun: { sent: 1 } });
    expect(await accepted('49170131000')).toBe(2);
  });

  it('a local ledger that went on after its import (the note deleted): send --store refuses (exit 2) to send again whom it tried', async () => {
    const dir = tempDir('wa-ops-store-diverged-');
    campaign(dir, 'diverged', ['+491701320001', '+491701320002', '+491701320003']);
    const send = (extra: string[]) => runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms', '--json', ...extra], { env: env(), cwd: dir });
    expect((await send(['--limit', '1'])).code).toBe(0);
    expect((await runCli(['store', 'import', '--campaign', 'c.json', '--store', url], { env: env(), cwd: dir })).code).toBe(0);
    rmSync(join(dir, 'c.ledger.store.json'));
    expect((await send(['--limit', '1'])).code).toBe(0);
    expect(await accepted('49170132000')).toBe(2);
    const refused = await send(['--store', url]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'store-ledger-diverged', message: expect.stringMatching(/records 1 attempt of campaign diverged-/) });
    expect(await accepted('49170132000')).toBe(2);
  });

  it('a stored ledger exported to the local ledger path (statuses and all) is not taken for one that went on', async () => {
    const dir = tempDir('wa-ops-store-exported-');
    campaign(dir, 'exported-back', ['+491701330001', '+491701330002']);
    const send = (extra: string[]) => runCli(['send', '--campaign', 'c.json', '--yes', '--interval', '10ms', '--store', url, '--json', ...extra], { env: env(), cwd: dir });
    expect((await send(['--limit', '1'])).code).toBe(0);
    expect((await runCli(['store', 'export', '--campaign', 'c.json', '--store', url, '--out', 'c.ledger.jsonl'], { env: env(), cwd: dir })).code).toBe(0);
    const rest = await send([]);
    expect(rest.code, rest.stderr).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ sent: 2, thisRun: { sent: 1 } });
    expect(await accepted('49170133000')).toBe(2);
  });
});
