// A template file of the right outline but with fields of the wrong type is bad input (exit 2, naming the file and
// the field), never a crash inside a lint rule (it was exit 70 for "buttons": "x").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers.js';

const body = (extra: Record<string, unknown>) => ({ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] }, ...extra });
const cases: [string, unknown, string][] = [
  ['buttons not a list', { name: 'x', language: 'en', category: 'UTILITY', components: [body({}), { type: 'BUTTONS', buttons: 'x' }] }, 'components[1].buttons must be a list'],
  ['a button without a type', { name: 'x', language: 'en', category: 'UTILITY', components: [{ type: 'BUTTONS', buttons: [{ text: 'Go' }] }] }, 'components[0].buttons[0] has no "type"'],
  ['body text a number', { name: 'x', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 5 }] }, 'components[0].text must be a string'],
  ['example body_text flat', { name: 'x', language: 'en', category: 'UTILITY', components: [body({ example: { body_text: ['Ana'] } })] }, 'components[0].example.body_text must be a list of lists of strings'],
  ['name a number', { name: 5, language: 'en', category: 'UTILITY', components: [body({})] }, '"name" must be a string'],
];

describe('template files of the wrong shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-shape-'));
  it.each(cases)('%s: exit 2 naming the file and the field', async (_name, template, field) => {
    const file = join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(template));
    const r = await runCli(['lint-template', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: ${field}`);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('a template with buttons and examples of the right types still lints clean', async () => {
    const r = await runCli(['lint-template', join(fixtures, 'templates', 'clean', 'order_shipped.json')]);
    expect(r.code).toBe(0);
  });
});
