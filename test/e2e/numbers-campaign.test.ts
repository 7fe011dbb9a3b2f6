// send reads a campaign's list with the validate-numbers classifier (issue 13); campaign files are checked (issue 16).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { fixtures, runCli, runPrinted, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

function campaignCopy(extra: Record<string, unknown> = {}): { dir: string; file: string } {
  const dir = tempDir('wa-ops-numbers-campaign-');
  copyFileSync(join(fixtures, 'campaigns', 'land-column.csv'), join(dir, 'land-column.csv'));
  const c = { ...JSON.parse(readFileSync(join(fixtures, 'campaigns', 'land-column.json'), 'utf8')), ...extra };
  const file = join(dir, 'land-column.json');
  writeFileSync(file, JSON.stringify(c));
  return { dir, file };
}

describe('one classifier for validate-numbers and send', () => {
  it('send --dry-run targets exactly the valid unique rows validate-numbers finds with the same options', async () => {
    const { dir, file } = campaignCopy();
    const valid = join(dir, 'valid.csv');
    const v = await runCli(['validate-numbers', join(dir, 'land-column.csv'), '--column', 'Handy', '--country-column', 'Land', '--country', 'DE', '--valid-out', valid, '--json']);
    expect(v.code).toBe(0);
    const expected = readFileSync(valid, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(';')[4]).sort();
    // Hans (17012345678, blank Land, default DE) is the German mobile whose leading 0 Excel dropped.
    expect(expected).toHaveLength(7);
    expect(expected).toContain('+4917012345678');
    const r = await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const dry = JSON.parse(r.stdout);
    expect(dry.payloads.map((p: { to: string }) => `+${p.to.replace(/^\+/, '')}`).sort()).toEqual(expected);
    expect(dry.skipped.map((s: { reason: string }) => s.reason).sort()).toEqual(['duplicate of line 2']);
    expect(JSON.stringify(dry)).toContain('1 number written without the leading 0 read in the row\'s country with the 0 put back (leading-zero-restored');
  });

  it('a campaign list that splits the number into "Vorwahl" and "Rufnummer": joined as validate-numbers joins it, and the plan says so', async () => {
    const dir = tempDir('wa-ops-numbers-campaign-');
    writeFileSync(join(dir, 'list.csv'), 'first_name;Vorwahl;Rufnummer\nA;0170;1234567\nB;030;030 1234568\n');
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'split', recipients: 'list.csv', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
    const dry = JSON.parse((await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() })).stdout);
    expect(dry.payloads.map((p: { to: string }) => p.to).sort()).toEqual(['+491701234567', '+49301234568']);
    expect(JSON.stringify(dry)).toContain('list read with phone columns \\"Vorwahl\\" + \\"Rufnummer\\"');
  });

  it('a campaign list with ISO numeric and "Congo" country cells and a region column: the same reading as validate-numbers', async () => {
    const dir = tempDir('wa-ops-numbers-campaign-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,Land,region\nA,030 1234567,276,Berlin\nB,0788 123 456,250,Kigali\nC,0991234567,Congo,Kinshasa\nD,0170 1234567,,Bayern\n');
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'iso', recipients: 'list.csv', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
    const dry = JSON.parse((await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() })).stdout);
    expect(dry.payloads.map((p: { to: string }) => p.to).sort()).toEqual(['+243991234567', '+491701234567', '+49301234567']);
    expect(dry.skipped.map((x: { line: number; reason: string }) => `${x.line} ${x.reason}`)).toEqual(['3 invalid number: ambiguous-country-code']);
    // Without a country column, a region column is named in the plan, not read as countries.
    writeFileSync(join(dir, 'states.csv'), 'phone,region\n0170 1234567,Bayern\n');
    writeFileSync(file, JSON.stringify({ name: 'states', recipients: 'states.csv', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } }));
    const human = await runCli(['send', '--campaign', file, '--dry-run'], { env: env() });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout + human.stderr).toContain('column "region" not read as countries');
  });

  it('several phone-like columns: the hint names each candidate as the setting to copy (mobile first), and that setting works', async () => {
    const dir = tempDir('wa-ops-numbers-campaign-');
    writeFileSync(join(dir, 'l.csv'), 'Name;Telefon;Handy\nA;030 123456;0170 1234567\n');
    const file = join(dir, 'c.json');
    const campaign = { name: 'x', recipients: 'l.csv', defaultCountry: 'DE', template: { name: 'hello_world', language: 'en_US' } };
    writeFileSync(file, JSON.stringify(campaign));
    const r = await runCli(['send', '--campaign', file, '--dry-run'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('several phone-like columns (columns: "Telefon", "Handy")');
    expect(r.stderr).toContain('hint: choose one with "phoneColumn": "Handy" or "phoneColumn": "Telefon" in the campaign file');
    expect(r.stderr).not.toMatch(/<name>/);
    // The first suggestion, written into the campaign file as shown, plans the mobile number.
    const suggested = JSON.parse(`{${/choose one with ("phoneColumn": "[^"]+")/.exec(r.stderr)![1]}}`);
    writeFileSync(file, JSON.stringify({ ...campaign, ...suggested }));
    const dry = await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).payloads.map((p: { to: string }) => p.to)).toEqual(['+491701234567']);
    // validate-numbers says the same with its flag, which runs as printed.
    const v = await runCli(['validate-numbers', join(dir, 'l.csv'), '--country', 'DE'], { cwd: dir });
    expect(v.code).toBe(2);
    const flag = /hint: choose one with (--column \S+) or --column Telefon$/m.exec(v.stderr)!;
    expect(flag[1]).toBe('--column Handy');
    const again = await runPrinted(`wa-ops validate-numbers l.csv --country DE ${flag[1]} --json`, { cwd: dir });
    expect(JSON.parse(again.stdout)).toMatchObject({ valid: 1, types: { MOBILE: 1 } });
  });

  it('refuses unknown campaign keys with "did you mean", and Graph URLs in a campaign', async () => {
    const typo = campaignCopy({ countryColumm: 'Land' });
    const r = await runCli(['send', '--campaign', typo.file, '--dry-run'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key "countryColumm": did you mean "countryColumn"\?/);
    const steal = campaignCopy({ graphUrls: ['http://127.0.0.1:9/steal'] });
    const g = await runCli(['send', '--campaign', steal.file, '--dry-run'], { env: env() });
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/Graph URLs come from --graph-url, WA_OPS_GRAPH_URL or the config file/);
  });

  it('does not echo a recipients file that is not a list (send and doctor --campaign)', async () => {
    const { dir, file } = campaignCopy({ recipients: '.env' });
    writeFileSync(join(dir, '.env'), 'WA_OPS_TOKEN=EAAGsecretsecretsecretsecretsecretsecret1234\n');
    const r = await runCli(['send', '--campaign', file, '--dry-run'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/EAAG|WA_OPS_TOKEN/);
    const d = await runCli(['doctor', '--campaign', file, '--offline'], { env: env() });
    expect(d.stdout + d.stderr).not.toMatch(/EAAG|WA_OPS_TOKEN/);
  });
});

describe('send reads a German CRM export like validate-numbers (Land as names, codes and calling codes)', () => {
  function crmCampaign(extra: Record<string, unknown>, file = 'crm-de-1252.csv'): { dir: string; file: string } {
    const dir = tempDir('wa-ops-numbers-crm-');
    copyFileSync(join(fixtures, 'numbers', file), join(dir, 'kunden.csv'));
    const c = { name: 'crm-de', recipients: 'kunden.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['Vorname', 'Kundennr'] }, pace: { interval: '6s' }, ...extra };
    writeFileSync(join(dir, 'kampagne.json'), JSON.stringify(c));
    return { dir, file: join(dir, 'kampagne.json') };
  }

  it.each([[{}, []], [{ defaultCountry: 'DE' }, ['--country', 'DE']]])('campaign %j targets exactly validate-numbers %j valid unique rows', async (extra, flags) => {
    const { dir, file } = crmCampaign(extra);
    const valid = join(dir, 'valid.csv');
    const v = await runCli(['validate-numbers', join(dir, 'kunden.csv'), ...(flags as string[]), '--valid-out', valid, '--json']);
    expect(v.code).toBe(0);
    const expected = readFileSync(valid, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(';')[10]).sort();
    const r = await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const dry = JSON.parse(r.stdout);
    expect(dry.payloads.map((p: { to: string }) => `+${p.to.replace(/^\+/, '')}`).sort()).toEqual(expected);
    expect(expected).toHaveLength(Object.keys(extra).length ? 13 : 11);
    expect(JSON.stringify(dry.plan)).toContain('list read with phone column \\"Mobilnummer\\", country column \\"Land\\"');
  });

  it('a European list (Windows-1252, "Telefon privat", Land in each customer\'s language) and WhatsApp wa_ids of Mexico and Brazil: send targets what validate-numbers finds', async () => {
    const cases: [string, Record<string, unknown>, string[], number, string[]][] = [
      ['crm-eu-own-names-1252.csv', { defaultCountry: 'DE', parameters: { body: ['Name', 'Kundennr'] } }, ['--country', 'DE'], 4, ['+31612345678', '+31623456789', '+32470123456', '+48512345678']],
      ['wa-ids-mx-br.csv', { parameters: { body: ['profile_name', 'profile_name'] } }, [], 2, ['+523312345678', '+525512345678', '+5511987654321']],
    ];
    for (const [fixture, extra, flags, column, mustHave] of cases) {
      const { dir, file } = crmCampaign(extra, fixture);
      const valid = join(dir, 'valid.csv');
      const v = await runCli(['validate-numbers', join(dir, 'kunden.csv'), ...flags, '--valid-out', valid, '--json']);
      expect(v.code, v.stderr).toBe(0);
      const delimiter = fixture.endsWith('1252.csv') ? ';' : ',';
      const expected = readFileSync(valid, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(delimiter)[column]).sort();
      for (const n of mustHave) expect(expected).toContain(n);
      const r = await runCli(['send', '--campaign', file, '--dry-run', '--json'], { env: env() });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).payloads.map((p: { to: string }) => `+${p.to.replace(/^\+/, '')}`).sort()).toEqual(expected);
    }
  });

  it('--max-field-length and --max-line-length: a long field stops send with a hint it can follow, and the flag lets it through', async () => {
    const { dir, file } = crmCampaign({ phoneColumn: 'Mobil', parameters: { body: ['Name', 'Notiz'] } });
    writeFileSync(join(dir, 'kunden.csv'), `Name;Mobil;Land;Notiz\r\nAnna;0170 1234567;Deutschland;${'x'.repeat(150_000)}\r\n`);
    const r = await runCli(['send', '--campaign', file, '--dry-run'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kunden\.csv:2: a field longer than 100,000 characters/);
    expect(r.stderr).toMatch(/raise --max-field-length/);
    const ok = await runCli(['send', '--campaign', file, '--dry-run', '--json', '--max-field-length', '200000'], { env: env() });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).payloads).toHaveLength(1);
    const line = await runCli(['send', '--campaign', file, '--dry-run', '--max-field-length', '200000', '--max-line-length', '1000'], { env: env() });
    expect(line.code).toBe(2);
    expect(line.stderr).toMatch(/a record longer than 1,000 characters/);
    const status = await runCli(['status', '--campaign', file, '--max-field-length', '200000', '--json'], { env: env() });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: 1, pending: 1 });
    // suppressions import reads CRM lists too: same caps, same flags.
    const sup = join(dir, 'sup.jsonl');
    const refused = await runCli(['suppressions', 'import', join(dir, 'kunden.csv'), '--suppressions', sup]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/raise --max-field-length/);
    const imported = await runCli(['suppressions', 'import', join(dir, 'kunden.csv'), '--suppressions', sup, '--max-field-length', '200000', '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 1, countryColumn: 'Land' });
    const bad = await runCli(['send', '--campaign', file, '--dry-run', '--max-field-length', 'lots'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-field-length must be an integer/);
  });
});
