import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../src/io/csv/reader.js';
import { guessDelimiter, sniff } from '../../src/io/csv/sniff.js';
import { RecordSplitter } from '../../src/io/csv/record-splitter.js';
import { csvLine, formulaSafe } from '../../src/io/csv/writer.js';
import { pickPhoneColumn } from '../../src/core/numbers/columns.js';
import { looksLikeHeader, planRows } from '../../src/core/numbers/row-plan.js';
import { parseJsonText } from '../../src/core/json-text.js';

describe('sniff', () => {
  it('detects delimiters, ignoring quoted text', () => {
    expect(guessDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(guessDelimiter('"x, y";b\n"1,2";3\n')).toBe(';');
    expect(guessDelimiter('a\tb\n1\t2\n')).toBe('\t');
    // A title line above the header has no delimiter: the header and rows decide.
    expect(guessDelimiter('Kontakte Export 01.12.2026\r\n\r\nName;Telefon\r\nA;+49 151 23456789\r\n')).toBe(';');
    expect(guessDelimiter('phone\n+4917012345\n')).toBe(',');
    expect(guessDelimiter('Telefon\n0170 1234567\n0170 1234567; 030 1234567\n0171 2345678\n')).toBe(',');
  });
  it('detects encodings and refuses binary data', () => {
    expect(sniff(Buffer.from('\ufeffa;b\n1;2\n')).ok).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\n', 'utf16le')]);
    expect(sniff(utf16)).toMatchObject({ ok: true, dialect: { encoding: 'utf-16le', bomLength: 2, delimiter: '\t' } });
    expect(sniff(Buffer.from([0x6e, 0x61, 0x6d, 0xe9, 0x2c, 0x70, 0x0a]))).toMatchObject({ ok: true, dialect: { encoding: 'windows-1252' } });
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]))).toMatchObject({ ok: false });
  });
  it('names an Excel workbook passed instead of its CSV export', () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), Buffer.from('[Content_Types].xml')]);
    expect(sniff(xlsx)).toEqual({ ok: false, problem: expect.stringMatching(/^an Excel workbook \(\.xlsx\).*File > Save As > "CSV UTF-8"/) });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(sniff(xls)).toEqual({ ok: false, problem: expect.stringMatching(/^an old Excel workbook \(\.xls\)/) });
  });
  it('honours Excel\'s "sep=" first line over the guess, and marks it for skipping', () => {
    expect(sniff(Buffer.from('sep=,\r\nName,Phone;Notes\r\nA,1;2\r\n'))).toMatchObject({ ok: true, dialect: { delimiter: ',', sepLineLength: 5 } });
    expect(sniff(Buffer.from('\ufeffSEP=;\nName;Phone\n'))).toMatchObject({ ok: true, dialect: { delimiter: ';', sepLineLength: 5, bomLength: 3 } });
    expect(sniff(Buffer.from('sep=comma,x\nName,Phone\n'))).toMatchObject({ ok: true, dialect: { delimiter: ',' } });
    expect(sniff(Buffer.from('Name;Phone\nA;1\n'))).toMatchObject({ ok: true, dialect: { delimiter: ';' } });
  });
});

describe('RecordSplitter', () => {
  it('never cuts inside a quoted field, across chunks, and counts lines', () => {
    const s = new RecordSplitter(',');
    expect(s.push('a,"multi')).toBeUndefined();
    const b = s.push('\nline",c\nd,e\nf,"g""')!;
    expect(b.text).toBe('a,"multi\nline",c\nd,e\n');
    expect(b.startLine).toBe(1);
    const c = s.push('h"\n')!;
    expect(c).toEqual({ text: 'f,"g""h"\n', startLine: 4 });
  });
  it('reports an unterminated quote with the line it opened on', () => {
    const s = new RecordSplitter(',');
    s.push('a,b\n1,"open\n2,3\n');
    expect(s.end().openQuoteLine).toBe(2);
  });
  it('treats a quote inside an unquoted field as text', () => {
    const s = new RecordSplitter(',');
    expect(s.push('5" display,x\nnext,y\n')!.text).toBe('5" display,x\nnext,y\n');
  });
});

describe('CSV writer', () => {
  it('neutralises formulas but leaves phone numbers alone', () => {
    expect(formulaSafe('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(formulaSafe('@SUM(1)')).toBe("'@SUM(1)");
    expect(formulaSafe('-cmd')).toBe("'-cmd");
    expect(formulaSafe('+49 170 1234567')).toBe('+49 170 1234567');
    expect(formulaSafe('-12')).toBe('-12');
  });
  it('quotes what needs quoting', () => {
    expect(csvLine(['a;b', 'say "hi"', 'x\ny', 'plain'], ';')).toBe('"a;b";"say ""hi""";"x\ny";plain\r\n');
  });
});

describe('columns', () => {
  it('finds the phone column by its usual names', () => {
    expect(pickPhoneColumn(['Name', 'Phone Number', 'City'])).toEqual({ ok: true, index: 1 });
    expect(pickPhoneColumn(['name', 'MSISDN'])).toEqual({ ok: true, index: 1 });
    expect(pickPhoneColumn(['name', 'email'])).toMatchObject({ ok: false, problem: 'none' });
    expect(pickPhoneColumn(['phone', 'mobile'])).toMatchObject({ ok: false, problem: 'several' });
    expect(pickPhoneColumn(['phone', 'mobile'], 'Mobile')).toEqual({ ok: true, index: 1 });
    expect(pickPhoneColumn(['phone'], 'nope')).toMatchObject({ ok: false, problem: 'unknown' });
  });

  it('shows a header with "Country/Region" (HubSpot), never one with paths, assignments or keys', () => {
    expect(looksLikeHeader(['First Name', 'Phone Number', 'Country/Region', 'País/Región'])).toBe(true);
    for (const h of ['//registry.npmjs.org/:_authToken=x', '/etc/passwd', 'a/', 'root:x:0:0', 'TOKEN=abc']) expect([h, looksLikeHeader(['Name', h])]).toEqual([h, false]);
  });

  it('a list of empty lines only has no header: said as such, not as "no phone column"', () => {
    const plan = () => planRows('list.csv', [], {}, { column: '--column', countryColumn: '--country-column', kind: 'flag' });
    expect(plan).toThrow('list.csv holds no rows, only empty lines');
  });

  it('a header that repeats a name: the choice is offered, and made, by position ("#3")', () => {
    const header = ['Name', 'Telefon', 'Telefon', 'Land'];
    expect(pickPhoneColumn(header)).toEqual({ ok: false, problem: 'several', candidates: ['#2', '#3'] });
    // The name alone cannot say which: refused with the positions, never the first one silently.
    expect(pickPhoneColumn(header, 'Telefon')).toEqual({ ok: false, problem: 'several', candidates: ['#2', '#3'] });
    expect(pickPhoneColumn(header, '#3')).toEqual({ ok: true, index: 2 });
    expect(pickPhoneColumn(header, '#9')).toMatchObject({ ok: false, problem: 'unknown' });
    expect(pickPhoneColumn(['#1', 'phone'], '#1')).toEqual({ ok: true, index: 0 });
    const plan = () => planRows('list.csv', header, { column: 'Telefon' }, { column: '--column', countryColumn: '--country-column', kind: 'flag' });
    expect(plan).toThrow(/list\.csv: 2 columns are named "Telefon" \(columns: "Telefon \(#2\)", "Telefon \(#3\)"\)/);
    expect(planRows('list.csv', header, { column: '#3' }, { column: '--column', countryColumn: '--country-column', kind: 'flag' })).toMatchObject({ phoneIndex: 2, countryIndex: 3 });
  });

  it('falls back to the one header with a phone word in it, as CRMs and address books name them', () => {
    for (const h of ['Telefon privat', 'Mobile Phone Number', 'Primary Phone', 'billing_phone', 'N° de téléphone', 'Móvil 1', 'Tel. privé', 'phone_e164', '客户手机号']) {
      expect([h, pickPhoneColumn(['Name', h, 'E-Mail'])]).toEqual([h, { ok: true, index: 1 }]);
    }
    // India's "Contact Number", Indonesia's and Malaysia's "Handphone", a column of E.164 numbers, the bare "Numéro".
    for (const h of ['Contact Number', 'Contact No.', 'Handphone', 'No. Handphone', 'Handphone 1', 'Numéro', 'WhatsApp No']) {
      expect([h, pickPhoneColumn(['Name', h, 'E-Mail'])]).toEqual([h, { ok: true, index: 1 }]);
    }
    // HubSpot: a landline under a known name beside a mobile column is a choice to make (mobile first), never the landline silently.
    expect(pickPhoneColumn(['First Name', 'Phone Number', 'Mobile Phone Number', 'Country/Region'])).toEqual({ ok: false, problem: 'several', candidates: ['Phone Number', 'Mobile Phone Number'] });
    expect(pickPhoneColumn(['Name', 'Telefon', 'Handy privat'])).toEqual({ ok: false, problem: 'several', candidates: ['Telefon', 'Handy privat'] });
    // A mobile under a known name, or no mobile beside the known name, is taken as before.
    expect(pickPhoneColumn(['Name', 'Mobile', 'Business Phone'])).toEqual({ ok: true, index: 1 });
    expect(pickPhoneColumn(['Name', 'Phone', 'Default Address Phone'])).toEqual({ ok: true, index: 1 });
    // validate-numbers' own output (its added e164 column beside the list's) still has one phone column.
    expect(pickPhoneColumn(['Name', 'Handphone', 'e164', 'status', 'reason', 'region', 'type', 'detail'])).toEqual({ ok: true, index: 1 });
    // A header about the phone rather than its number is not one; a name of its own still wins.
    expect(pickPhoneColumn(['Name', 'Phone Type', 'Customer Number', 'Telefon Vorwahl'])).toMatchObject({ ok: false, problem: 'none' });
    expect(pickPhoneColumn(['Business Phone', 'Mobile Phone', 'Home Phone'])).toEqual({ ok: true, index: 1 });
    // Google Contacts: two numbers, the types beside them: the user chooses.
    expect(pickPhoneColumn(['Name', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value'])).toEqual({
      ok: false,
      problem: 'several',
      candidates: ['Phone 1 - Value', 'Phone 2 - Value'],
    });
  });
});

describe('parseJsonText', () => {
  it('names line and column of a syntax error', () => {
    const r = parseJsonText('{\n  "a": 1,\n  "b" 2\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ line: 3, column: 7 });
  });
});

describe('line endings and caps', () => {
  it('cuts records on CRLF, LF and a lone CR, also when a CRLF is split between chunks', async () => {
    const { eachRecord } = await import('../../src/io/csv/records.js');
    const s = new RecordSplitter(',');
    const a = s.push('h,p\r')!;
    expect(a).toBeUndefined();
    const b = s.push('\nA,1\rB,2\nC,"x\r\ny"\r')!;
    expect(b.startLine).toBe(1);
    const rest = s.end();
    const all = b.text + rest.text;
    const got: [string[], number][] = [];
    eachRecord(all, ',', 1, (cells, line) => got.push([cells, line]));
    expect(got).toEqual([
      [['h', 'p'], 1],
      [['A', '1'], 2],
      [['B', '2'], 3],
      [['C', 'x\r\ny'], 4],
    ]);
  });

  it('stops a runaway line at the cap with the line it starts on, in linear time', async () => {
    const { CsvLimitError } = await import('../../src/io/csv/record-splitter.js');
    const s = new RecordSplitter(',', { maxLine: 5_000_000, maxField: 10_000_000 });
    s.push('a,b\n1,2\n');
    const chunk = 'y'.repeat(256 * 1024);
    const started = performance.now();
    let err: unknown;
    try {
      for (let i = 0; i < 40; i++) s.push(chunk);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvLimitError);
    expect(err).toMatchObject({ kind: 'line', line: 3 });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('JSON syntax errors', () => {
  it('never quote the text they failed on (it may be a .env)', () => {
    const r = parseJsonText('WA_OPS_TOKEN=EAAGsecretsecret\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.reason).not.toMatch(/WA_OPS|EAAG/);
  });
});

describe('encodings past the sniffed head', () => {
  const read = async (bytes: Buffer): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-ops-decoder-'));
    const path = join(dir, 'list.csv');
    writeFileSync(path, bytes);
    let text = '';
    for await (const b of (await openCsv(path)).blocks(1024)) text += b.text;
    return text;
  };
  const asciiHead = 'Name;Telefon\r\n' + Array.from({ length: 4000 }, (_, i) => `Mustermann;0170 ${1000000 + i}\r\n`).join('');

  it('reads a Windows-1252 byte after 64 KiB of ASCII as Windows-1252, not as a replacement character', async () => {
    const text = await read(Buffer.concat([Buffer.from(asciiHead), Buffer.from('M\xfcller;0170 9999999\r\n', 'latin1')]));
    expect(text.endsWith('Müller;0170 9999999\r\n')).toBe(true);
    expect(text).not.toContain('\ufffd');
  });

  it('keeps a UTF-8 file UTF-8, and replaces only a damaged byte in one', async () => {
    expect((await read(Buffer.from(`${asciiHead}Müller;0170 9999999\r\n`))).endsWith('Müller;0170 9999999\r\n')).toBe(true);
    const damaged = await read(Buffer.concat([Buffer.from(`${asciiHead}Jörg;1\r\n`), Buffer.from('M\xfcller;2\r\n', 'latin1')]));
    expect(damaged.endsWith('Jörg;1\r\nM\ufffdller;2\r\n')).toBe(true);
  });
});
