// Report files replace only what wa-ops wrote: an existing user file is refused (exit 2, untouched) unless --force.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const EVENT = '{"kind":"status","key":"s:w1:read","id":"w1","status":"read","ts":"1767225600","recipient":"491701234567"}\n';

function folder(): string {
  const dir = tempDir('wa-ops-clobber-');
  writeFileSync(join(dir, 'ev.jsonl'), EVENT);
  writeFileSync(join(dir, 'list.csv'), 'phone,first_name\n+4915112345678,Ada\n+4915112345679,Bob\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'clobber', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name'] } }));
  return dir;
}

const USER = 'Q4 numbers - do not lose\n';

describe.each([
  ['webhook analyze --html', 'report.html', '--html', (out: string, more: string[] = []) => ['webhook', 'analyze', 'ev.jsonl', '--html', out, ...more], /^<!doctype html>/],
  ['status --export', 'mydata.csv', '--export', (out: string, more: string[] = []) => ['status', '--campaign', 'c.json', '--export', out, ...more], /^recipient,line,state,/],
  ['validate-numbers --out', 'annotated.csv', '--out', (out: string, more: string[] = []) => ['validate-numbers', 'list.csv', '--out', out, ...more], /^phone,first_name,e164,status,reason,region,type,detail\r?\n/],
  ['validate-numbers --valid-out', 'valid.csv', '--valid-out', (out: string, more: string[] = []) => ['validate-numbers', 'list.csv', '--valid-out', out, ...more], /^phone,first_name,e164,/],
])('%s', (_name, file, flag, args, ours) => {
  it('refuses to replace a file wa-ops did not write: exit 2, one line and a hint, the file untouched, nothing left behind', async () => {
    const dir = folder();
    writeFileSync(join(dir, file), USER);
    const r = await runCli(args(file), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`wa-ops: ${flag} ${file.replace('.', '\\.')} already exists and was not written by wa-ops: not replacing it\\n  hint: .*--force`));
    expect(readFileSync(join(dir, file), 'utf8')).toBe(USER);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('replaces its own earlier output, writes into an empty file, and replaces a user file with --force', async () => {
    const dir = folder();
    expect((await runCli(args(file), { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, file), 'utf8')).toMatch(ours);
    const again = await runCli(args(file), { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    writeFileSync(join(dir, 'empty.out'), '');
    expect((await runCli(args('empty.out'), { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'empty.out'), 'utf8')).toMatch(ours);
    writeFileSync(join(dir, file), USER);
    const forced = await runCli(args(file, ['--force']), { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, file), 'utf8')).toMatch(ours);
  });
});

describe('the --json error of a refused output', () => {
  it('is the error document with code file-exists', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.html'), USER);
    const r = await runCli(['webhook', 'analyze', 'ev.jsonl', '--html', 'report.html', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'file-exists' } });
  });
});
