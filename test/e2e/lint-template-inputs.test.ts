import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('lint-template --format json on bad input', () => {
  it('prints the error document on stdout (a CI step piping to jq reads why), exit 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"name": tru,\n"language": "en", "category": "UTILITY", "components": []}\n');
    for (const args of [['--format', 'json'], ['--format=json']]) {
      const r = await runCli(['lint-template', file, ...args]);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'invalid-json', message: `${file}:1:13: invalid JSON: Unexpected token: not valid JSON`, hint: 'fix the JSON syntax at that position' } });
    }
    const flag = await runCli(['lint-template', file, '--format', 'json', '--max-warnings', 'x']);
    expect(flag.code).toBe(2);
    expect(JSON.parse(flag.stdout).error.code).toBe('bad-flag');
  });
});

describe('lint-template - (standard input)', () => {
  it('lints a message_templates response piped in, with positions in it, and refuses an empty pipe with exit 2', async () => {
    const body = JSON.stringify({ data: [{ name: 'kampanya_tr', language: 'tr', category: 'MARKETING', components: [{ type: 'BODY', text: 'Merhaba {{1}}, tüm ürünlerde %20 indirim seni bekliyor.', example: { body_text: [['Ayşe']] } }] }] });
    const r = await runCli(['lint-template', '-', '--format', 'json'], { input: body });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.results[0]).toMatchObject({ file: '<stdin>', template: 'kampanya_tr' });
    expect(out.results[0].findings[0]).toMatchObject({ rule: 'discount-percentage', line: 1, column: body.indexOf('%20') + 1 });
    const empty = await runCli(['lint-template', '-'], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr.split('\n')[0]).toBe('wa-ops: <stdin>:1:1: invalid JSON: unexpected end of input');
  });
});
