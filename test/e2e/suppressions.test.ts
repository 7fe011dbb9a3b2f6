import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli, runPrinted, tempDir } from '../helpers.js';

function setup() {
  const dir = tempDir('wa-ops-suppressions-');
  const file = join(dir, 'list.jsonl');
  const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { cwd: dir, env: { WA_OPS_SUPPRESSIONS: file, ...extra } });
  const records = () => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { dir, file, cli, records };
}

describe('suppressions', () => {
  it('add classifies numbers, records reason, scope, source and who; list shows them; remove logs who lifted it', async () => {
    const { file, cli, records } = setup();
    const add = await cli(['suppressions', 'add', '0170 1234567', '+44 7400 123456', '--country', 'DE', '--scope', 'marketing', '--note', 'asked by phone', '--json']);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ added: 2, already: [] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(records()[0]).toMatchObject({ v: 2, op: 'add', e164: '+491701234567', reason: 'manual', scope: 'marketing', source: 'cli', by: userInfo().username, note: 'asked by phone', at: expect.any(String) });
    const again = await cli(['suppressions', 'add', '+491701234567', '--scope', 'marketing', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, already: ['+491701234567'] });

    const list = await cli(['suppressions', 'list', '--json']);
    expect(JSON.parse(list.stdout).suppressions).toEqual([
      expect.objectContaining({ e164: '+491701234567', region: 'DE', type: 'MOBILE', scope: 'marketing' }),
      expect.objectContaining({ e164: '+447400123456', region: 'GB' }),
    ]);
    const remove = await cli(['suppressions', 'remove', '+491701234567', '--by', 'alice', '--note', 'opted in again']);
    expect(remove.code).toBe(0);
    expect(remove.stdout).toMatch(/lifted \+491701234567 .* by alice/);
    expect(records().at(-1)).toMatchObject({ op: 'lift', e164: '+491701234567', scope: 'marketing', by: 'alice', note: 'opted in again' });
    const after = JSON.parse((await cli(['suppressions', 'list', '--json'])).stdout);
    expect(after.suppressions.map((s: { e164: string }) => s.e164)).toEqual(['+447400123456']);
    const history = JSON.parse((await cli(['suppressions', 'list', '--history', '--json'])).stdout);
    expect(history.history.map((s: { op: string }) => s.op)).toEqual(['add', 'add', 'lift']);
    const nothing = await cli(['suppressions', 'remove', '+491701234567']);
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toMatch(/not suppressed/);
  });

  it('refuses bad input with one line and exit 2, changing nothing', async () => {
    const { file, cli } = setup();
    for (const args of [['suppressions', 'add', '+491701234567', '0170 999'], ['suppressions', 'add', '+491701234567', '--scope', 'transactional'], ['suppressions', 'add', '+491701234567', '--reason', 'because'], ['suppressions', 'import', join(fixtures, 'numbers/no-phone-column.csv')], ['suppressions', 'import', 'missing.csv'], ['suppressions', 'list', '--suppressions', '.'], ['suppressions', 'add', '+491701234567', '--suppressions', 'no-such-folder/list.jsonl']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^wa-ops: /);
    }
    expect(existsSync(file)).toBe(false);
  });

  it('never reads or appends to a CRM CSV named as the list (it would read as empty), and says how to import it', async () => {
    const { dir, cli } = setup();
    const csv = join(dir, 'opt-outs.csv');
    const text = 'phone,reason\n+491701234567,STOP\n';
    writeFileSync(csv, text);
    for (const args of [['suppressions', 'add', '+4917099999999', '--suppressions', csv], ['suppressions', 'list', '--suppressions', csv]]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${csv}:1: not a suppression list`);
    }
    expect(readFileSync(csv, 'utf8')).toBe(text);
    const viaEnv = await cli(['suppressions', 'list'], { WA_OPS_SUPPRESSIONS: csv });
    expect(viaEnv.code).toBe(2);
    const hint = /use --suppressions (\S+) once it is imported with: wa-ops (suppressions import .*)$/m.exec(viaEnv.stderr)!;
    expect((await cli(hint[2].split(' '))).code).toBe(0);
    expect(JSON.parse((await cli(['suppressions', 'list', '--json', '--suppressions', hint[1]])).stdout).count).toBe(1);
  });

  it('import reads the country column as validate-numbers does: never a "region" column of states unless named', async () => {
    const { dir, cli, records } = setup();
    const csv = join(dir, 'states.csv');
    writeFileSync(csv, 'phone,region\n0170 1234567,Bayern\n(317) 555-0123,IN\n');
    const r = await cli(['suppressions', 'import', csv, '--country', 'DE']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('column "region" not read as countries');
    expect(records().map((x) => x.e164)).toEqual(['+491701234567']);
  });

  it('imports a CRM CSV (phone column detected, duplicates once, invalid rows by line) and exports it formula-safe', async () => {
    const { dir, cli, records } = setup();
    const csv = join(fixtures, 'suppressions/crm-opt-outs.csv');
    const imp = await cli(['suppressions', 'import', csv, '--country-column', 'country', '--json']);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ rows: 5, added: 3, duplicates: 1, invalid: 1, invalidReasons: { 'invalid-characters': 1 } });
    expect(records().map((r) => [r.e164, r.source, r.reason])).toEqual([['+491701234567', 'import', 'import'], ['+447400123456', 'import', 'import'], ['+14155550134', 'import', 'import']]);
    const twice = JSON.parse((await cli(['suppressions', 'import', csv, '--country-column', 'country', '--json'])).stdout);
    expect(twice).toMatchObject({ added: 0, already: 3 });

    await cli(['suppressions', 'add', '+4917099999999', '--note', '=HYPERLINK("http://evil")']);
    const out = join(dir, 'export.csv');
    const exp = await cli(['suppressions', 'export', '--out', out]);
    expect(exp.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe('phone,wa_id,reason,scope,source,at,by,note');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain('+491701234567,');
    const refused = await cli(['suppressions', 'export', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists.*|--force/);
    writeFileSync(join(dir, 'x'), '');
    const stdout = await cli(['suppressions', 'export', '--scope', 'all']);
    expect(stdout.stdout.trim().split('\r\n')).toHaveLength(5);
  });

  it('imports a German CRM export (BOM, semicolons, CRLF, "Mobilnummer" and "Land" detected) and names the invalid rows by line', async () => {
    const { cli, records } = setup();
    const csv = join(fixtures, 'suppressions/crm-abmeldungen-de.csv');
    const imp = await cli(['suppressions', 'import', csv, '--json']);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({
      rows: 6, added: 3, duplicates: 1, invalid: 2, phoneColumn: 'Mobilnummer', countryColumn: 'Land',
      invalidRows: [{ line: 5, reason: 'missing-country-code' }, { line: 6, reason: 'invalid-characters' }],
    });
    expect(records().map((r) => r.e164)).toEqual(['+491707654321', '+436641234567', '+41791234567']);
    const text = await cli(['suppressions', 'import', csv, '--country', 'DE']);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('columns: phone "Mobilnummer", country "Land"');
    expect(text.stdout).toMatch(/^1 number suppressed from .*crm-abmeldungen-de\.csv \(6 rows; 3 already suppressed, 1 repeated, 1 invalid\)/);
    expect(text.stderr).toMatch(/crm-abmeldungen-de\.csv:6: not a valid number \(invalid-characters\), skipped/);
    expect(records().at(-1)).toMatchObject({ e164: '+491712223334', source: 'import' });
  });

  it('an import with no valid number is exit 2 and writes nothing; numbers without a country code are explained with --country', async () => {
    const { dir, file, cli, records } = setup();
    const csv = join(dir, 'optout.csv');
    writeFileSync(csv, 'Handy\n0152 42000001\n0152 42000002\n');
    for (const json of [[], ['--json']]) {
      const r = await cli(['suppressions', 'import', csv, ...json]);
      expect(r.code).toBe(2);
      const shown = json.length ? JSON.parse(r.stdout).error : { message: r.stderr, hint: r.stderr };
      expect(shown.message).toMatch(/optout\.csv: no valid number in 2 rows \(2 missing-country-code\); nothing was imported/);
      expect(shown.hint).toMatch(/pass --country <ISO2>/);
      expect(existsSync(file)).toBe(false);
    }
    // Other reasons: the hint is a validate-numbers command with the flags given, which runs as printed.
    writeFileSync(csv, 'Handy\n12\n');
    const other = await cli(['suppressions', 'import', csv, '--column', 'Handy', '--country', 'DE']);
    expect(other.code).toBe(2);
    const hint = /hint: (wa-ops validate-numbers .*) explains each row$/m.exec(other.stderr)!;
    expect(hint[1]).toBe(`wa-ops validate-numbers ${csv} --column Handy --country DE`);
    expect((await runPrinted(hint[1], { cwd: dir })).stdout).toMatch(/too-short/);
    expect(existsSync(file)).toBe(false);
    // Some valid, some without a country code: imported, with one line saying how to get the rest.
    writeFileSync(csv, 'Handy\n+4915242000001\n0152 42000002\n');
    const mixed = await cli(['suppressions', 'import', csv]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toMatch(/1 row without a country code was not imported: .*--country <ISO2>/);
    expect(records().map((x) => x.e164)).toEqual(['+4915242000001']);
    // More than five invalid rows: the command that explains them reads the file as the import did, and runs as printed.
    const spaced = join(dir, 'opt outs.csv');
    writeFileSync(spaced, `Handy\n+4915242000009\n${'12\n'.repeat(6)}`);
    const many = await cli(['suppressions', 'import', spaced, '--column', 'Handy', '--country', 'DE']);
    expect(many.code).toBe(0);
    const explain = /\.\.\. and 1 more invalid row \((wa-ops validate-numbers .*) explains each\)$/m.exec(many.stderr)!;
    expect(explain[1]).toBe(`wa-ops validate-numbers '${spaced}' --column Handy --country DE`);
    expect(JSON.parse((await runPrinted(`${explain[1]} --json`, { cwd: dir })).stdout)).toMatchObject({ rows: 7, valid: 1, reasons: { 'too-short': 6 } });
  });

  it('imports from standard input (-), naming it "standard input" in every line', async () => {
    const { dir, file } = setup();
    const r = await runCli(['suppressions', 'import', '-'], { cwd: dir, env: { WA_OPS_SUPPRESSIONS: file }, input: readFileSync(join(fixtures, 'suppressions/crm-abmeldungen-de.csv'), 'utf8') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^3 numbers suppressed from standard input \(6 rows;/);
    expect(r.stderr).toMatch(/^warning standard input:5: not a valid number \(missing-country-code\), skipped$/m);
  });
});
