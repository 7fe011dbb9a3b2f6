import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const secret = { WA_OPS_APP_SECRET: 'x12345678' };

describe('an empty flag value is a bad flag (exit 2), never a default or "every interface"', () => {
  it.each([
    ['webhook serve --host=', ['webhook', 'serve', '--host=', '--port', '0', '--events', 'e.jsonl'], '--host'],
    ['webhook serve --host ""', ['webhook', 'serve', '--host', '', '--port', '0', '--events', 'e.jsonl'], '--host'],
    ['sandbox --host=', ['sandbox', '--host=', '--port', '0'], '--host'],
    ['sandbox --host " "', ['sandbox', '--host', ' ', '--port', '0'], '--host'],
    ['webhook serve --events ""', ['webhook', 'serve', '--port', '0', '--events', ''], '--events'],
    ['a repeated flag with one empty value', ['sandbox', '--port', '0', '--scenario', 'quality-red', '--scenario', ''], '--scenario'],
    ['a global flag', ['--config=', 'doctor', '--offline'], '--config'],
    ['validate-numbers --column ""', ['validate-numbers', 'list.csv', '--column', ''], '--column'],
  ])('%s', async (_name, args, flag) => {
    // A server that wrongly started would never exit: the timeout of the test catches it.
    const r = await runCli(args, { env: secret });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^wa-ops: ${flag} is empty: it needs a value\\n  hint: .*\\n$`));
    expect(r.stderr).not.toMatch(/listening|LISTEN/);
  });

  it.each([
    [['webhook', 'analyze', ''], 'events.jsonl'],
    [['validate-numbers', ''], 'file'],
    [['suppressions', 'add', ''], 'numbers'],
  ])('an empty argument: %j', async (args, name) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`wa-ops: the ${name} argument is empty`);
  });

  it('under --json the refusal is the error document', async () => {
    const r = await runCli(['sandbox', '--host=', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'bad-flag', message: '--host is empty: it needs a value' } });
  });
});

describe('URLs wa-ops posts webhooks to: http or https only (sandbox --webhook-url, webhook serve --forward-to)', () => {
  it.each([
    ['file:///etc/passwd', /--webhook-url must be an http or https URL, got file:/],
    ['not a url', /--webhook-url "not a url" is not a URL/],
    ['ftp://example.com/hook', /--webhook-url must be an http or https URL, got ftp:/],
    ['https://user:pw@example.com/hook', /--webhook-url must not carry credentials/],
  ])('sandbox --webhook-url %s: exit 2 before listening', async (url, message) => {
    const r = await runCli(['sandbox', '--port', '0', '--webhook-url', url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/listening/);
  });

  it('webhook serve --forward-to shares the check', async () => {
    const r = await runCli(['webhook', 'serve', '--port', '0', '--events', 'e.jsonl', '--forward-to', 'file:///etc/passwd'], { env: secret });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--forward-to must be an http or https URL, got file:/);
  });
});
