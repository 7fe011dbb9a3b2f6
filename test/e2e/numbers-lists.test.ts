// validate-numbers on lists as CRMs export them (issue 13) and hostile inputs and outputs (issue 16), through the built CLI.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, root, runCli, tempDir } from '../helpers.js';

const nums = (f: string) => join(fixtures, 'numbers', f);
const csvRows = (path: string) => readFileSync(path, 'utf8').trim().split('\r\n');

describe('the missing "+"', () => {
  it('reads a German list: 4917... is the German mobile, +41... the Swiss one, 17012345678 the German mobile whose 0 Excel dropped, other both-valid readings are ambiguous', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const r = await runCli(['validate-numbers', nums('missing-plus-de.csv'), '--country', 'DE', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 8, valid: 6, duplicates: 1, invalid: 1, assumedInternational: 3, leadingZeroRestored: 1, reasons: { 'ambiguous-country-code': 1 } });
    expect(s.columns).toEqual({ phone: 'Handy', country: 'Land' });
    const rows = csvRows(out);
    expect(rows[0]).toBe('Name;Handy;Land;e164;status;reason;region;type;detail');
    expect(rows[1]).toBe('Anna;491701234567;DE;+491701234567;valid;;DE;MOBILE;assumed-international');
    expect(rows[2]).toBe('Ben;+491701234567;DE;+491701234567;duplicate;;DE;MOBILE;');
    expect(rows[3]).toBe('Carla;41788596016;;+41788596016;valid;;CH;MOBILE;assumed-international');
    expect(rows[4]).toBe('Dieter;17012345678;DE;+4917012345678;valid;;DE;MOBILE;leading-zero-restored');
    expect(rows[6]).toBe('Frieda;0049 172 3456789;;+491723456789;valid;;DE;MOBILE;');
    expect(rows[7]).toBe('Gustav;886912345678;;+886912345678;valid;;TW;MOBILE;assumed-international');
    expect(rows[8]).toBe('Hanna;5016123456;USA;;invalid;ambiguous-country-code;;;+5016123456 or +15016123456');
  });

  it('explains assumed-international and ambiguous-country-code in the reasons table', async () => {
    const r = await runCli(['validate-numbers', nums('missing-plus-de.csv'), '--country', 'DE']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/assumed-international\s*│\s*3/);
    expect(r.stdout).toMatch(/ambiguous-country-code\s*│\s*1/);
    expect(r.stdout).toMatch(/leading-zero-restored\s*│\s*1/);
    expect(r.stderr).toMatch(/columns: phone "Handy", country "Land", default region DE/);
  });
});

describe('rows Excel leaves below a list', () => {
  it('skips rows of only delimiters (";;;;") like empty lines: they are no invalid numbers for the --max-invalid gate', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const r = await runCli(['validate-numbers', nums('excel-ghost-rows.csv'), '--country', 'DE', '--max-invalid', '5', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, valid: 2, invalid: 0, invalidRate: 0, fieldCountMismatches: { count: 0 } });
    expect(csvRows(out)).toEqual([
      'Name;Telefon;Land;;;e164;status;reason;region;type;detail',
      'Anna;0170 1234567;DE;;;+491701234567;valid;;DE;MOBILE;',
      'Ben;0664 1234567;Österreich;;;+436641234567;valid;;AT;MOBILE;',
    ]);
  });
});

describe('headers in the list\'s language', () => {
  it.each([
    ['headers-es.csv', 'Teléfono', 'País', 3],
    ['headers-zh.csv', '手機', '國家', 2],
    ['headers-fr.csv', 'Téléphone portable', 'Pays', 1],
    ['headers-tr.csv', 'Cep Telefonu', 'Ülke', 2],
    ['headers-pt.csv', 'Telefone', 'País', 3],
    ['headers-it.csv', 'Cellulare', 'Paese', 3],
    ['headers-id.csv', 'Nomor HP', 'Negara', 3],
    ['headers-en.csv', 'Mobile Number', 'Country', 3],
    ['crm-de-1252.csv', 'Mobilnummer', 'Land', 11],
  ])('%s: finds %s and %s, and says so', async (file, phone, country, valid) => {
    const r = await runCli(['validate-numbers', nums(file), '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.columns).toEqual({ phone, country });
    expect(s.valid).toBe(valid);
  });
});

describe('a German CRM export (semicolons, Windows-1252 or UTF-8 with BOM, Land as names, codes and calling codes)', () => {
  it.each(['crm-de-1252.csv', 'crm-de-bom.csv'])('%s: every Land form is understood; floats, duplicates and Excel damage are caught', async (file) => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const r = await runCli(['validate-numbers', nums(file), '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 16, valid: 11, duplicates: 1, invalid: 4, assumedInternational: 2, regions: { DE: 8, CH: 1, FR: 1, AT: 1 }, unknownCountries: { count: 1, values: ['Deutschand'] } });
    const byId = new Map(csvRows(out).slice(1).map((l) => [l.split(';')[0], l.split(';').slice(10).join(';')]));
    expect(byId.get('10001')).toBe('+491701234567;valid;;DE;MOBILE;'); // Deutschland
    expect(byId.get('10003')).toBe('+41788596016;valid;;CH;MOBILE;'); // Schweiz
    expect(byId.get('10004')).toBe('+33612345678;valid;;FR;MOBILE;'); // Frankreich
    expect(byId.get('10005')).toBe('+436641234567;valid;;AT;MOBILE;'); // Österreich
    expect(byId.get('10006')).toBe('+491712345678;valid;;DE;MOBILE;'); // 49
    expect(byId.get('10007')).toBe('+491723456789;valid;;DE;MOBILE;'); // +49
    expect(byId.get('10008')).toBe('+491734567890;valid;;DE;MOBILE;'); // Germany
    expect(byId.get('10009')).toBe('+491745678901;valid;;DE;MOBILE;'); // DEU
    expect(byId.get('10010')).toBe(';invalid;excel-mangled;;;');
    expect(byId.get('10011')).toBe('+491751234567;valid;;DE;MOBILE;assumed-international'); // 491751234567.0
    expect(byId.get('10012')).toBe('+491701234567;duplicate;;DE;MOBILE;');
    expect(byId.get('10015')).toBe(';invalid;missing-country-code;;;country cell not recognised'); // "Deutschand"
    // The export's own characters survive (Windows-1252 in, UTF-8 out).
    expect(readFileSync(out, 'utf8')).toContain('10005;Herr;Lukas;Bauer;Ringstraße 9;1010;Wien;Österreich;');
  });

  it('--country DE is the fallback for blank and unknown country cells; the columns read are named', async () => {
    const r = await runCli(['validate-numbers', nums('crm-de-1252.csv'), '--country', 'DE', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: 13, invalid: 2, reasons: { 'excel-mangled': 1, empty: 1 } });
    const human = await runCli(['validate-numbers', nums('crm-de-1252.csv'), '--country', 'DE']);
    expect(human.stderr).toContain('columns: phone "Mobilnummer", country "Land", default region DE');
    expect(human.stderr).toContain('1 row has a country cell that names no country ("Deutschand"): read in the default region DE');
  });
});

describe('country cells that fit several countries (ISO numeric codes, "Congo", "Korea")', () => {
  it('reads ISO numeric codes, lets the number decide between two readings, and counts the rows it could not decide', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const r = await runCli(['validate-numbers', nums('country-codes-iso-numeric.csv'), '--country', 'DE', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 11, valid: 8, invalid: 3, reasons: { 'ambiguous-country-code': 1, 'too-short': 1, 'invalid-number': 1 } });
    expect(s.ambiguousCountries).toEqual({ count: 2, values: ['250'] });
    expect(s.unknownCountries).toEqual({ count: 0, values: [] });
    const byId = new Map(csvRows(out).slice(1).map((l) => [l.split(';')[0], l.split(';').slice(3).join(';')]));
    expect(byId.get('1')).toBe('+49301234567;valid;;DE;FIXED_LINE;'); // 276 = Germany (ISO numeric)
    expect(byId.get('2')).toBe('+436641234567;valid;;AT;MOBILE;'); // 040 = Austria
    expect(byId.get('3')).toBe('+41788596016;valid;;CH;MOBILE;'); // 756 = Switzerland
    expect(byId.get('4')).toBe('+33612345678;valid;;FR;MOBILE;'); // 250: valid in France only
    expect(byId.get('5')).toBe('+250788123456;valid;;RW;MOBILE;'); // written with "+"
    expect(byId.get('6')).toBe(';invalid;ambiguous-country-code;;;+33788123456 or +250788123456'); // valid in both
    expect(byId.get('7')).toBe('+242066123456;valid;;CG;MOBILE;'); // Congo: a Brazzaville number
    expect(byId.get('8')).toBe('+243991234567;valid;;CD;MOBILE;'); // Kongo: a Kinshasa number
    expect(byId.get('9')).toBe('+821012345678;valid;;KR;MOBILE;'); // Korea: a South Korean number
    expect(byId.get('10')).toBe(';invalid;too-short;FR;;country cell fits FR or RW');
    expect(byId.get('11')).toBe(';invalid;invalid-number;RW;;'); // "+250" is Rwanda only: a French number is not read as French
    const human = await runCli(['validate-numbers', nums('country-codes-iso-numeric.csv')]);
    expect(human.stderr).toContain('2 rows have a country cell that fits several countries ("250", ...) and a number valid in both or neither: marked invalid');
  });
});

describe('a "region" column (states and provinces in CRM exports)', () => {
  it('is not read as the country column unless named, and the user is told how to name it', async () => {
    const r = await runCli(['validate-numbers', nums('region-states.csv'), '--country', 'DE', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ valid: 3, regions: { DE: 3 }, columns: { phone: 'phone', country: null }, unknownCountries: { count: 0 } });
    expect(r.stderr).toContain('column "region" not read as countries (such columns often hold states or provinces); if it holds countries, pass --country-column region');
    // The list's own "region" column keeps its name; the region wa-ops adds is "wa_region".
    const out = await runCli(['validate-numbers', nums('region-states.csv'), '--country', 'DE', '--out', '-']);
    expect(out.stdout.split('\r\n')[0]).toBe('name,phone,region,e164,status,reason,wa_region,type,detail');
    expect(out.stdout.split('\r\n')[1]).toBe('Anna,0170 1234567,Bavaria,+491701234567,valid,,DE,MOBILE,');
    // Named, it is read as the user says ("IN" is then India).
    const named = JSON.parse((await runCli(['validate-numbers', nums('region-states.csv'), '--country', 'DE', '--country-column', 'region', '--json'])).stdout);
    expect(named).toMatchObject({ columns: { country: 'region' }, regions: { DE: 2, IN: 1 }, unknownCountries: { count: 2, values: ['Bavaria', 'NRW'] } });
  });
});

describe('pipes, CI gate and printed commands', () => {
  it('reads standard input with "-" and writes the annotated rows to standard output with --out -', async () => {
    const input = readFileSync(nums('missing-plus-de.csv'), 'utf8');
    const r = await runCli(['validate-numbers', '-', '--country', 'DE', '--out', '-'], { input });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('Name;Handy;Land;e164;status;reason;region;type;detail');
    expect(lines).toHaveLength(9);
    expect(r.stderr).toMatch(/Annotated rows: standard output/);
  });

  it('says when the --max-invalid gate is exceeded, on stderr and in --json', async () => {
    const r = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--max-invalid', '5', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).gate).toEqual({ maxInvalid: 5, invalidRate: 0.3, exceeded: true });
    expect(r.stderr.trim().split('\n')).toContainEqual(expect.stringMatching(/invalid rate 30\.00 % is above --max-invalid 5 %/));
    const ok = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--max-invalid', '50', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).gate).toEqual({ maxInvalid: 50, invalidRate: 0.3, exceeded: false });
  });

  it('prints a pilot-sample command that keeps --column and --country-column, and that command works', async () => {
    const dir = tempDir();
    const list = join(dir, 'my list.csv');
    const rows = Array.from({ length: 1200 }, (_, i) => `N${i};x;+49 170 ${String(1000000 + i)};DE`);
    writeFileSync(list, `Name;Telefon;Mobil;Land\n${rows.join('\n')}\n`);
    const r = await runCli(['validate-numbers', list, '--column', 'Mobil', '--country-column', 'Land', '--seed', '7'], { cwd: dir });
    expect(r.code).toBe(0);
    const tip = r.stderr.split('\n').find((l) => l.includes('wa-ops validate-numbers'))!.trim();
    expect(tip).toContain('--column Mobil');
    expect(tip).toContain('--country-column Land');
    expect(tip).toContain(`'${list}'`);
    const again = execFileSync('sh', ['-c', `${tip.replace(/^wa-ops /, `node ${join(root, 'bin', 'wa-ops.js')} `)} --json`], { cwd: dir, env: { ...process.env, CI: '1' } });
    expect(JSON.parse(String(again))).toMatchObject({ valid: 1200, sample: { percent: 10, size: 120, seed: 7 } });
    expect(csvRows(join(dir, 'pilot.csv'))).toHaveLength(121);
  });
});

describe('printed commands from standard input', () => {
  it('the pilot tip for "-" says to pipe the list in, and the printed command does exactly that', async () => {
    const dir = tempDir();
    const list = `Name;Handy;Land\n${Array.from({ length: 1100 }, (_, i) => `N${i};0170 ${String(2000000 + i)};Deutschland`).join('\n')}\n`;
    writeFileSync(join(dir, 'list.csv'), list);
    const r = await runCli(['validate-numbers', '-', '--column', 'Handy', '--seed', '11'], { input: list, cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.includes('wa-ops validate-numbers'));
    expect(lines[at - 1]).toMatch(/piping the same list into:$/);
    const tip = lines[at].trim();
    expect(tip).toBe('wa-ops validate-numbers - --column Handy --sample 10 --sample-out pilot.csv --seed 11');
    const again = execFileSync('sh', ['-c', `${tip.replace(/^wa-ops /, `node ${join(root, 'bin', 'wa-ops.js')} `)} --json < list.csv`], { cwd: dir, env: { ...process.env, CI: '1' } });
    expect(JSON.parse(String(again))).toMatchObject({ valid: 1100, sample: { size: 110, seed: 11 } });
  });
});

describe('CSV dialects and bounds', () => {
  it.each(['cr-only.csv', 'crlf-header-lf-rows.csv'])('%s: three rows', async (file) => {
    const r = await runCli(['validate-numbers', nums(file), '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, valid: 3 });
  });

  it('warns about rows with another field count, with their lines, and keeps the added columns aligned for short rows', async () => {
    const dir = tempDir();
    const r = await runCli(['validate-numbers', nums('field-count-mismatch.csv'), '--out', join(dir, 'o.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 rows have another number of fields than the header \(line 3, 4\)/);
    expect(csvRows(join(dir, 'o.csv'))[3]).toBe('C,+49 172 3456789,,+491723456789,valid,,DE,MOBILE,');
  });

  it('stops a 50 MB single line at the cap with its line number, quickly and in bounded memory', async () => {
    const dir = tempDir();
    const file = join(dir, 'huge.csv');
    writeFileSync(file, 'name,phone\nA,+49 170 1234567\n' + 'x'.repeat(50_000_000) + '\n');
    const r = await runCli(['validate-numbers', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.csv:3: a field longer than 100,000 characters/);
    expect(r.stderr).toMatch(/--max-field-length/);
    const line = await runCli(['validate-numbers', file, '--max-field-length', '60000000']);
    expect(line.stderr).toMatch(/huge\.csv:3: a record longer than 1,000,000 characters/);
    expect(r.stderr).not.toMatch(/xxxxxxxxxx/);
    const raised = await runCli(['validate-numbers', file, '--max-line-length', '60000000', '--max-field-length', '60000000', '--json']);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout)).toMatchObject({ rows: 2, valid: 1 });
  });

  it('does not echo a file that is not a list (.env, /etc/shadow-like)', async () => {
    const r = await runCli(['validate-numbers', nums('not-a-list.env')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/EAAG|0123456789abcdef|WA_OPS_TOKEN/);
    expect(r.stderr).toMatch(/does not look like a CSV header/);
    const dir = tempDir();
    writeFileSync(join(dir, 'shadow'), 'root:$6$salt$hashhashhashhashhashhash:19000:0:99999:7:::\n');
    const s = await runCli(['validate-numbers', join(dir, 'shadow'), '--column', 'phone']);
    expect(s.code).toBe(2);
    expect(s.stderr).not.toMatch(/hashhash/);
  });

  it('names FIFOs, devices and /proc files for what they are', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const cases: [string, RegExp][] = [
      [join(dir, 'fifo'), /named pipe \(FIFO\)/],
      ['/dev/zero', /character device/],
      ['/proc/self/status', /kernel generates under \/proc/],
    ];
    for (const [path, message] of cases) {
      const r = await runCli(['validate-numbers', path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/is empty/);
    }
  });
});

describe('output files', () => {
  it('refuses an output that is the input, and leaves the list alone', async () => {
    const dir = tempDir();
    const list = join(dir, 'list.csv');
    writeFileSync(list, 'phone\n+49 170 1234567\n');
    for (const flag of ['--out', '--valid-out', '--sample-out']) {
      const r = await runCli(['validate-numbers', list, flag, list]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is the input file/);
    }
    const viaLink = join(dir, 'link.csv');
    symlinkSync(list, viaLink);
    const r = await runCli(['validate-numbers', list, '--valid-out', viaLink]);
    expect(r.code).toBe(2);
    expect(readFileSync(list, 'utf8')).toBe('phone\n+49 170 1234567\n');
  });

  it('writes /dev/null in place instead of replacing it, and never follows a planted symlink', async () => {
    const r = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--out', '/dev/null']);
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const out = join(dir, 'out.csv');
    symlinkSync(victim, out);
    const w = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--out', out]);
    expect(w.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(out).isFile()).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(existsSync(out)).toBe(true);
  });
});

describe('the number split into an area code column and the rest', () => {
  it('joins "Vorwahl" + "Rufnummer" and says so; an area code column elsewhere gets a one-line note', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'split.csv'), 'Name;Vorwahl;Rufnummer;Land\r\nA;0170;1234567;DE\r\nB;030;030 1234568;DE\r\nC;;0171 2345678;Deutschland\r\n');
    const r = await runCli(['validate-numbers', 'split.csv', '--out', 'out.csv', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: 3, invalid: 0, columns: { phone: 'Rufnummer', areaCode: 'Vorwahl', country: 'Land' } });
    const human = await runCli(['validate-numbers', 'split.csv'], { cwd: dir });
    expect(human.stderr).toContain('columns: phone "Vorwahl" + "Rufnummer", country "Land"');
    expect(csvRows(join(dir, 'out.csv'))[1]).toBe('A;0170;1234567;DE;+491701234567;valid;;DE;MOBILE;');
    writeFileSync(join(dir, 'far.csv'), 'Name;Vorwahl;Email;Rufnummer\r\nA;030;a@example.com;1234567\r\n');
    const far = await runCli(['validate-numbers', 'far.csv', '--country', 'DE'], { cwd: dir });
    expect(far.stderr.split('\n').filter((l) => l.includes('"Vorwahl" looks like an area code column'))).toHaveLength(1);
    expect(far.stderr).toContain('put the whole number in one column');
  });
});
