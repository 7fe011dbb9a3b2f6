import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, runCli, tempDir } from '../helpers.js';

const nums = (f: string) => join(fixtures, 'numbers', f);
const csvRows = (path: string) => readFileSync(path, 'utf8').trimEnd().split(/\r?\n/);

describe('validate-numbers', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it('annotates every row in input order and summarises as one JSON document', async () => {
    const out = join(dir, 'annotated.csv');
    const r = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 20, valid: 13, invalid: 6, duplicates: 1, sample: null });
    expect(s.invalidRate).toBeCloseTo(0.3, 5);
    expect(s.reasons).toEqual({ empty: 1, 'excel-mangled': 1, 'invalid-characters': 1, 'invalid-country-code': 1, 'invalid-number': 1, 'too-long': 1 });
    expect(s.regions).toMatchObject({ DE: 10, AT: 1, CH: 1, FR: 1 });
    expect(s.types).toMatchObject({ MOBILE: 11, FIXED_LINE: 1, TOLL_FREE: 1 });
    expect(typeof s.elapsedMs).toBe('number');
    const rows = csvRows(out);
    expect(rows[0]).toBe('id,first_name,phone,city,voucher,e164,status,reason,region,type,detail');
    expect(rows).toHaveLength(21);
    expect(rows[1]).toBe('1,Anna,+49 170 1234567,Berlin,A1B2,+491701234567,valid,,DE,MOBILE,');
    expect(rows[6]).toBe('6,Farid,4.91701E+12,Stuttgart,L2M3,,invalid,excel-mangled,,,');
    expect(rows[7]).toBe('7,Greta,01701234567,Düsseldorf,N4P5,+491701234567,duplicate,,DE,MOBILE,');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('reads semicolons, a BOM, CRLF and quotes, and finds duplicates after normalisation', async () => {
    const out = join(dir, 'tw.csv');
    const r = await runCli(['validate-numbers', nums('semicolon-bom-crlf.csv'), '--country-column', 'Land', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 6, valid: 4, duplicates: 1, invalid: 1, reasons: { empty: 1 } });
    const rows = csvRows(out);
    // The list came with a BOM (Excel's "CSV UTF-8"), so its annotated copy has one too: Excel reads it as UTF-8.
    expect(rows[0]).toBe('\uFEFFName;Mobile;Land;e164;status;reason;region;type;detail');
    expect(rows[1]).toBe('"Müller; Hans";+886 912 345 678;TW;+886912345678;valid;;TW;MOBILE;');
    expect(rows[2]).toBe('Li;0912345678;TW;+886912345678;duplicate;;TW;MOBILE;');
    expect(rows[4]).toBe('"Smith ""Jr""";(212) 555-0123;US;+12125550123;valid;;US;FIXED_LINE_OR_MOBILE;');
  });

  it.each([
    ['tab-br.tsv', 'BR', { rows: 3, valid: 2, duplicates: 1 }],
    ['utf16-excel.txt', undefined, { rows: 2, valid: 2 }],
    ['windows-1252.csv', undefined, { rows: 2, valid: 2 }],
  ])('reads %s', async (file, country, expected) => {
    const out = join(dir, `${file}.out.csv`);
    const r = await runCli(['validate-numbers', nums(file), ...(country ? ['--country', country] : []), '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject(expected);
    if (file === 'windows-1252.csv') expect(readFileSync(out, 'utf8')).toContain('José Muñoz');
    if (file === 'utf16-excel.txt') expect(readFileSync(out, 'utf8')).toContain('Zoë\t+44 7911 123456');
  });

  it('writes a UTF-8 BOM when the list came from Excel (a BOM, Windows-1252): Excel shows "Müller", not "MÃ¼ller"; --bom and --no-bom decide', async () => {
    const bom = (path: string) => readFileSync(path).subarray(0, 3).toString('hex') === 'efbbbf';
    const run = async (file: string, name: string, ...flags: string[]) => {
      const out = join(dir, name);
      const r = await runCli(['validate-numbers', nums(file), '--out', out, '--valid-out', `${out}.valid.csv`, '--sample-out', `${out}.sample.csv`, '--force', ...flags]);
      expect(r.code).toBe(0);
      return [out, `${out}.valid.csv`, `${out}.sample.csv`].map(bom);
    };
    expect(await run('semicolon-bom-crlf.csv', 'bom-in.csv')).toEqual([true, true, true]);
    expect(await run('utf16-excel.txt', 'utf16-in.csv')).toEqual([true, true, true]);
    // Excel's plain "CSV" on Windows is Windows-1252: its UTF-8 copy needs the mark as much.
    expect(await run('windows-1252.csv', '1252-in.csv')).toEqual([true, true, true]);
    expect(await run('customers-de.csv', 'plain-in.csv', '--country', 'DE')).toEqual([false, false, false]);
    expect(await run('customers-de.csv', 'plain-bom.csv', '--country', 'DE', '--bom')).toEqual([true, true, true]);
    expect(await run('semicolon-bom-crlf.csv', 'bom-no.csv', '--no-bom')).toEqual([false, false, false]);
    // The text after the mark is the same UTF-8 either way.
    expect(readFileSync(join(dir, 'bom-in.csv'), 'utf8').slice(1)).toBe(readFileSync(join(dir, 'bom-no.csv'), 'utf8'));
    // Standard output is piped into other tools: no mark unless asked for.
    const piped = await runCli(['validate-numbers', nums('semicolon-bom-crlf.csv'), '--out', '-']);
    expect(piped.stdout.startsWith('Name;Mobile;')).toBe(true);
    const asked = await runCli(['validate-numbers', nums('semicolon-bom-crlf.csv'), '--out', '-', '--bom']);
    expect(asked.stdout.startsWith('\uFEFFName;Mobile;')).toBe(true);
    // A file written with a mark is still recognised as validate-numbers' own: the next run replaces it.
    expect(await run('semicolon-bom-crlf.csv', 'bom-in.csv')).toEqual([true, true, true]);
  });

  it('replaces its own output of a pipe-delimited list on the next run', async () => {
    const list = join(dir, 'pipe.csv');
    writeFileSync(list, 'Name|Phone\nA|+4915123456789\nB|+4915123456780\n');
    const out = join(dir, 'pipe-out.csv');
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['validate-numbers', list, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(csvRows(out)[0]).toBe('Name|Phone|e164|status|reason|region|type|detail');
  });

  it('reads a list that starts with Excel\'s "sep=," line: that delimiter, the line no record, line numbers kept', async () => {
    const list = join(dir, 'sep.csv');
    writeFileSync(list, 'sep=,\r\nName,Telefon,Notiz\r\n"Müller; Hans",+49 151 23456789,a;b\r\nB,0151 23456789,c\r\n');
    const r = await runCli(['validate-numbers', list, '--country', 'DE', '--out', join(dir, 'sep-out.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, valid: 1, duplicates: 1, duplicateExamples: [{ line: 4, firstLine: 3 }], columns: { phone: 'Telefon' } });
    expect(csvRows(join(dir, 'sep-out.csv'))[0]).toBe('Name,Telefon,Notiz,e164,status,reason,region,type,detail');
  });

  it('its valid rows read again as a list, the phone column found beside the added e164 column', async () => {
    const valid = join(dir, 'again.csv');
    expect((await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--valid-out', valid])).code).toBe(0);
    const again = await runCli(['validate-numbers', valid, '--country', 'DE', '--json']);
    expect(again.code, again.stdout).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 13, valid: 13, invalid: 0, duplicates: 0, columns: { phone: 'phone' } });
  });

  it('says how many valid numbers cannot be a mobile and how to mark them, unless --mobile-only already does', async () => {
    const list = join(dir, 'landlines.csv');
    writeFileSync(list, 'Name;Telefon\nA;030 1234567\nB;0170 1234567\nC;0800 1234567\n');
    const r = await runCli(['validate-numbers', list, '--country', 'DE']);
    expect(r.stderr).toContain('2 valid numbers cannot be a mobile (FIXED_LINE 1, TOLL_FREE 1): WhatsApp seldom reaches them; --mobile-only marks them not-mobile');
    const only = await runCli(['validate-numbers', list, '--country', 'DE', '--mobile-only']);
    expect(only.stderr).not.toContain('cannot be a mobile');
  });

  it('a title above the header: exit 2 saying which line looks like the header and what to delete', async () => {
    const list = join(dir, 'title.csv');
    writeFileSync(list, 'Kontakte Export 01.12.2026\r\n\r\nName;Telefon\r\nA;+49 151 23456789\r\n');
    const r = await runCli(['validate-numbers', list, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: 'no-phone-column',
      hint: 'line 3 looks like the header (columns: "Name", "Telefon"): delete the 2 lines above it and run again',
    });
  });

  it('uses a per-row country column, falling back to --country', async () => {
    const r = await runCli(['validate-numbers', nums('country-column.csv'), '--country-column', 'country', '--country', 'DE', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: 5, invalid: 0, regions: { NL: 1, DE: 1, US: 1, AU: 1 } });
  });

  it('neutralises spreadsheet formulas in the cells it writes', async () => {
    const out = join(dir, 'formula.csv');
    await runCli(['validate-numbers', nums('formula-cells.csv'), '--out', out]);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")",+49 170 1234567,+491701234567`);
    expect(text).toContain("'@SUM(1),");
    expect(text).toContain("'-cmd,");
  });

  it('turns into a CI gate with --max-invalid', async () => {
    const over = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--max-invalid', '10', '--json']);
    expect(over.code).toBe(1);
    expect(JSON.parse(over.stdout).invalid).toBe(6);
    const under = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--max-invalid', '30']);
    expect(under.code).toBe(0);
    expect(under.stdout).toContain('invalid rate');
  });

  it('refuses --mobile-only landlines with not-mobile', async () => {
    const r = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'DE', '--mobile-only', '--json']);
    expect(JSON.parse(r.stdout).reasons['not-mobile']).toBe(2); // 030 landline, 0800 toll-free
  });

  it.each([
    ['nope.csv', /no such file/],
    ['.', /is a folder/],
    ['binary.bin', /binary data/],
    ['empty.csv', /is empty/],
    ['header-only.csv', /no data rows/],
    ['no-phone-column.csv', /no phone column.*"name", "email", "city"/],
    ['two-phone-columns.csv', /several phone-like columns/],
    ['unterminated-quote.csv', /unterminated-quote\.csv:3: a quoted field opened on line 3 is never closed/],
  ])('exits 2 with one clear line for %s and leaves no output behind', async (file, message) => {
    const out = join(dir, `bad-${file.replace(/\W/g, '')}.csv`);
    const r = await runCli(['validate-numbers', nums(file), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('answers errors as JSON under --json', async () => {
    const r = await runCli(['validate-numbers', nums('customers-de.csv'), '--column', 'nope', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'unknown-column', message: expect.stringContaining('"first_name"') } });
    const bad = await runCli(['validate-numbers', nums('customers-de.csv'), '--country', 'XX', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.message).toMatch(/--country/);
  });

  describe('on a list large enough for worker threads', () => {
    let big: string;
    beforeAll(() => {
      big = join(dir, 'big.csv');
      let text = 'id,phone\n';
      for (let i = 0; i < 40000; i++) {
        const n = i % 50 === 49 ? 'n/a' : i % 20 === 19 ? `0170 ${1000000 + i - 1}` : `0170 ${1000000 + i}`;
        text += `${i},"${n}"\n`;
      }
      writeFileSync(big, text);
    });

    it('gives the same annotated file on threads as inline', async () => {
      const a = join(dir, 'big-inline.csv');
      const b = join(dir, 'big-threads.csv');
      const r1 = await runCli(['validate-numbers', big, '--country', 'DE', '--out', a, '--workers', '0', '--json']);
      const r2 = await runCli(['validate-numbers', big, '--country', 'DE', '--out', b, '--workers', '2', '--json']);
      expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
      const s1 = JSON.parse(r1.stdout);
      expect({ ...s1, elapsedMs: 0 }).toEqual({ ...JSON.parse(r2.stdout), elapsedMs: 0 });
      // every 50th row is n/a; every 20th repeats the row before (unless it is n/a itself)
      expect(s1).toMatchObject({ rows: 40000, invalid: 800, duplicates: 1600, valid: 37600 });
    });

    it('draws a reproducible pilot sample of the valid unique rows', async () => {
      const p1 = join(dir, 'pilot1.csv');
      const p2 = join(dir, 'pilot2.csv');
      const r = await runCli(['validate-numbers', big, '--country', 'DE', '--sample-out', p1, '--seed', '42', '--json']);
      await runCli(['validate-numbers', big, '--country', 'DE', '--sample-out', p2, '--seed', '42', '--sample', '10']);
      expect(JSON.parse(r.stdout).sample).toEqual({ percent: 10, size: 3760, seed: 42, file: p1 });
      const rows = csvRows(p1);
      expect(rows).toHaveLength(3761);
      expect(rows.slice(1).every((l) => l.includes(',valid,'))).toBe(true);
      expect(readFileSync(p1, 'utf8')).toBe(readFileSync(p2, 'utf8'));
      const p3 = join(dir, 'pilot3.csv');
      await runCli(['validate-numbers', big, '--country', 'DE', '--sample-out', p3, '--seed', '43']);
      expect(readFileSync(p3, 'utf8')).not.toBe(readFileSync(p1, 'utf8'));
    });

    it('recommends a pilot sample for more than 1,000 valid numbers', async () => {
      const r = await runCli(['validate-numbers', big, '--country', 'DE']);
      expect(r.stderr).toMatch(/pilot/);
    });

    it('estimates the invalid rate from a sample with a 95 % interval', async () => {
      const r = await runCli(['validate-numbers', big, '--country', 'DE', '--sample-only', '--sample', '20', '--seed', '1', '--json']);
      const s = JSON.parse(r.stdout);
      expect(s.rows).toBe(40000);
      expect(s.checked).toBeGreaterThan(7000);
      expect(s.checked).toBeLessThan(9000);
      expect(s.estimate.ci95[0]).toBeLessThanOrEqual(0.02);
      expect(s.estimate.ci95[1]).toBeGreaterThanOrEqual(0.02);
      expect(s.sample).toMatchObject({ percent: 20, seed: 1, file: null });
    });
  });
});
