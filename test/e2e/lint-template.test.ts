import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, root, runCli, tempDir } from '../helpers.js';

const t = (p: string) => join(fixtures, 'templates', p);

describe('lint-template', () => {
  it('passes the clean corpus with exit 0', async () => {
    const r = await runCli(['lint-template', t('clean')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/20 templates in 19 files: no problems/);
  });

  it('reports findings as the contract JSON and exits 1 on errors', async () => {
    const r = await runCli(['lint-template', t('faulty/discount-percentage.json'), '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ errorCount: 1, warningCount: 0 });
    expect(out.results[0]).toMatchObject({ template: 'fruehling_sale', language: 'de', category: 'MARKETING' });
    expect(out.results[0].findings[0]).toEqual({
      rule: 'discount-percentage',
      severity: 'error',
      message: expect.stringContaining('30 %'),
      component: 'body',
      // File positions, as SARIF and GitHub give them; the place inside the component as context.
      line: 8,
      column: 46,
      componentLine: 1,
      componentColumn: 31,
      excerpt: '30 %',
      suggestion: expect.stringContaining('konkreten Betrag'), // the advice in the template's language (de)
    });
    const viaJson = await runCli(['lint-template', t('faulty/discount-percentage.json'), '--json']);
    expect(JSON.parse(viaJson.stdout).errorCount).toBe(1);
  });

  it('lints --text with --language and --category', async () => {
    const r = await runCli(['lint-template', '--text', 'Hallo {{1}}, 30 % Rabatt für VIPs heute.', '--language', 'de', '--category', 'UTILITY', '--json']);
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).results[0].findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['abbreviation', 'promotional-in-utility']));
    // "30 %" once: the discount in a UTILITY template, not also the general percentage rule at the same column.
    expect(rules).not.toContain('discount-percentage');
  });

  it('counts warnings against --max-warnings', async () => {
    const file = t('faulty/external-link.json');
    expect((await runCli(['lint-template', file])).code).toBe(0);
    expect((await runCli(['lint-template', file, '--max-warnings', '0'])).code).toBe(1);
    expect((await runCli(['lint-template', file, '--rule', 'external-link=error'])).code).toBe(1);
    expect((await runCli(['lint-template', t('faulty/abbreviation.json'), '--rule', 'abbreviation=off'])).code).toBe(0);
  });

  it('writes SARIF 2.1.0 and GitHub annotations pointing into the file', async () => {
    const sarif = JSON.parse((await runCli(['lint-template', t('faulty/abbreviation.json'), '--format', 'sarif'], { cwd: root })).stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('wa-ops');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('abbreviation');
    expect(run.results[0]).toMatchObject({
      ruleId: 'abbreviation',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'fixtures/templates/faulty/abbreviation.json' }, region: { startLine: 8 } } }],
    });
    const gh = await runCli(['lint-template', t('faulty/abbreviation.json'), '--format', 'github'], { cwd: root });
    expect(gh.stdout.split('\n')[0]).toMatch(/^::error file=fixtures\/templates\/faulty\/abbreviation\.json,line=8,col=\d+,title=wa-ops abbreviation::"VIP"/);
  });

  it('writes SARIF artifact URIs as URI references: a folder with a space or a "%" in its name is percent-encoded', async () => {
    const dir = tempDir();
    const sub = join(dir, 'WhatsApp Vorlagen 100%');
    mkdirSync(sub);
    copyFileSync(t('faulty/abbreviation.json'), join(sub, 'vip #1.json'));
    const r = await runCli(['lint-template', 'WhatsApp Vorlagen 100%', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    const uri = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('WhatsApp%20Vorlagen%20100%25/vip%20%231.json');
    expect(decodeURIComponent(uri)).toBe('WhatsApp Vorlagen 100%/vip #1.json');
  });

  it('refuses a folder without templates (exit 2) instead of passing "0 templates"', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'promo.yaml'), 'name: promo\n');
    const r = await runCli(['lint-template', 'templates', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/templates holds no templates \(no \.json or \.txt files in this folder\)/);
  });

  it('reads an array and a message_templates response', async () => {
    const dir = tempDir();
    const body = { type: 'BODY', text: 'Hi {{1}}, as a VIP you are first in line.', example: { body_text: [['Ana']] } };
    writeFileSync(join(dir, 'list.json'), JSON.stringify({ data: [{ name: 'a', language: 'en', category: 'MARKETING', status: 'APPROVED', components: [body] }, { name: 'b', language: 'en', category: 'MARKETING', components: [body] }] }));
    const r = await runCli(['lint-template', join(dir, 'list.json'), '--json']);
    expect(JSON.parse(r.stdout).results.map((x: { template: string }) => x.template)).toEqual(['a', 'b']);
  });

  it('honours lint.rules and lint.words from the config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wa-ops.config.json'), JSON.stringify({ lint: { rules: { 'external-link': 'error' }, words: { en: { abbreviations: { pkg: 'package' } } } } }));
    const r = await runCli(['lint-template', '--text', 'Hi {{1}}, your pkg is at example.com today.', '--language', 'en', '--json'], { cwd: dir });
    const findings = JSON.parse(r.stdout).results[0].findings;
    expect(findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`)).toEqual(['abbreviation:error', 'external-link:error']);
  });

  it.each([
    [['faulty/invalid.json'], /invalid\.json:4:3: invalid JSON/],
    [['faulty/not-a-template.json'], /not a message template.*\n.*expected a template/],
    [['nope.json'], /no such file/],
    [[], /nothing to lint/],
  ])('exits 2 with a clear message for %s', async (files, message) => {
    const r = await runCli(['lint-template', ...files.map((f) => (f.startsWith('faulty') ? t(f) : f))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses unknown rules and formats', async () => {
    expect((await runCli(['lint-template', '--text', 'x', '--rule', 'nope=off'])).code).toBe(2);
    expect((await runCli(['lint-template', '--text', 'x', '--format', 'xml'])).code).toBe(2);
  });
});

describe('lint-template output through a pipe', () => {
  it('delivers a large JSON document whole before exiting', async () => {
    const dir = tempDir();
    const body = { type: 'BODY', text: 'Hi {{1}}, as a VIP you save 30% today at example.com!!!', example: { body_text: [['Ana']] } };
    const data = Array.from({ length: 400 }, (_, i) => ({ name: `t_${i}`, language: 'en', category: 'UTILITY', components: [body] }));
    writeFileSync(join(dir, 'many.json'), JSON.stringify({ data }));
    const r = await runCli(['lint-template', join(dir, 'many.json'), '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.results).toHaveLength(400);
    expect(doc.errorCount).toBeGreaterThanOrEqual(800);
  });
});

describe('lint-template output for people', () => {
  it('gives file positions in stylish and keeps the caret under a finding in a long line cut to the terminal width', async () => {
    const dir = tempDir();
    const body = `Hallo {{1}}, ${'wir freuen uns sehr über Ihre Treue und Ihren Einkauf bei uns. '.repeat(4)}Heute 30 % Rabatt auf alles. ${'Mehr dazu im Laden. '.repeat(5)}Danke.`;
    const file = join(dir, 'long.json');
    writeFileSync(file, JSON.stringify({ name: 'long_line', language: 'de', category: 'MARKETING', components: [{ type: 'BODY', text: body }] }, null, 2));
    const r = await runCli(['lint-template', file], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => /discount-percentage/.test(l));
    // "<file line>:<file column>" first, the component position as context on the next line.
    expect(lines[at]).toMatch(/^\s+8:\d+\s+error\s+"30 %" ist ein Prozent-Rabatt/);
    expect(lines[at + 1].trim()).toMatch(/^body 1:\d+$/);
    const [context, carets] = [lines[at + 2], lines[at + 3]];
    expect(context.length).toBeLessThanOrEqual(80);
    expect(context).toMatch(/^ {4}…/);
    const caret = carets.indexOf('^');
    expect(context.slice(caret, caret + 4)).toBe('30 %');
    expect(carets.trim()).toBe('^^^^');
  });

  it('refuses a template file over the size cap with one line and exit 2, quickly', async () => {
    const dir = tempDir();
    const file = join(dir, 'huge.txt');
    writeFileSync(file, 'Hallo {{1}}, 30 % Rabatt. '.repeat(250_000));
    const started = Date.now();
    const r = await runCli(['lint-template', file, '--language', 'de']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/huge\.txt: 6\.\d MB is too big for a template file \(at most 5 MB\)/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
    expect(Date.now() - started).toBeLessThan(10_000);
    // A device is not read at all (reading /dev/zero would never end).
    const dev = await runCli(['lint-template', '/dev/zero']);
    expect(dev.code).toBe(2);
    expect(dev.stderr.split('\n')[0]).toBe('wa-ops: /dev/zero: is a device, not a template file');
  });

  it('lints a 4 MB body in bounded time and memory, reporting its length once', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify({ name: 'big', language: 'en', category: 'MARKETING', components: [{ type: 'BODY', text: `Hello {{1}}, ${'thanks for shopping with us. '.repeat(150_000)}Bye.` }] }));
    const r = await runCli(['lint-template', file, '--json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).results[0].findings;
    expect(findings.filter((f: { rule: string }) => f.rule === 'length')).toHaveLength(1);
    expect(findings.find((f: { rule: string }) => f.rule === 'length').message).toMatch(/4,350,017 characters/);
    expect(r.stdout.length).toBeLessThan(100_000);
  });
});
