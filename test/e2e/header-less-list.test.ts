// A list exported without its header row: its first customer must not be read as column names and left out.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('a list whose first line is a customer', () => {
  it('is refused (exit 2, no stack trace), also when --column names a column, so no customer is dropped silently', async () => {
    const dir = tempDir();
    const list = join(dir, 'kunden.csv');
    writeFileSync(list, 'Anna;0170 1234567;DE\nBen;0171 2345678;DE\n');
    for (const extra of [[], ['--column', '#2'], ['--column', '0170 1234567']]) {
      const r = await runCli(['validate-numbers', list, '--country', 'DE', '--out', '-', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('kunden.csv:1: no header row (column names): this line holds a phone number in column 2');
      expect(r.stderr).toContain('add a line above it naming the 3 columns');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('suppressions import refuses an opt-out list of bare numbers, so the first person is not left able to get marketing', async () => {
    const dir = tempDir();
    const list = join(dir, 'optouts.csv');
    writeFileSync(list, '+491701234567\n+491711234567\n');
    const r = await runCli(['suppressions', 'import', list, '--column', '#1', '--suppressions', join(dir, 's.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('optouts.csv:1: no header row (column names): this line holds a phone number in column 1');
    expect(existsSync(join(dir, 's.jsonl'))).toBe(false);
  });

  it('still reads a list with a header, and a title line with a date above the header', async () => {
    const dir = tempDir();
    const list = join(dir, 'kunden.csv');
    writeFileSync(list, 'Export;01.12.2026\nName;Telefon\nAnna;0170 1234567\n');
    const r = await runCli(['validate-numbers', list, '--country', 'DE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2 looks like the header');
    writeFileSync(list, 'Name;Telefon\nAnna;0170 1234567\n');
    expect((await runCli(['validate-numbers', list, '--country', 'DE'])).code).toBe(0);
  });
});
