import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

/** Run `wa-ops <args>` in a pseudo-terminal, answering prompts in order. */
async function inTerminal(args: string[], steps: { expect: string; send: string }[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const spec = { argv: [process.execPath, join(root, 'bin', 'wa-ops.js'), ...args], env: { NO_COLOR: '1', TERM: 'xterm', ...env }, cwd, steps };
  // Asynchronous: the sandbox runs in this process and must keep answering meanwhile.
  const { stdout } = await promisify(execFile)('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('init merges into an existing .env', () => {
  it('keeps the other keys, replaces only its own, and says which', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), '# mine\nDATABASE_URL=postgres://db/x\nWA_OPS_TOKEN=old-token\nSTRIPE_KEY="sk live"\n', { mode: 0o644 });
    const r = await runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--no-doctor'], {
      cwd: dir,
      env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_VERIFY_TOKEN: 'verify-me', WA_OPS_GRAPH_URL: sb.url },
    });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, '.env'), 'utf8');
    expect(text).toBe('# mine\nDATABASE_URL=postgres://db/x\nWA_OPS_TOKEN=sandbox-token\nSTRIPE_KEY="sk live"\nWA_OPS_VERIFY_TOKEN=verify-me\n');
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(r.stderr).toMatch(/added WA_OPS_VERIFY_TOKEN; replaced WA_OPS_TOKEN; kept its 2 other keys \(DATABASE_URL, STRIPE_KEY\)/);
    expect(r.stderr).not.toMatch(/sandbox-token|old-token/);
  });

  it('without a terminal, refuses a token the API refuses (exit 3) and leaves .env and the config alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'WA_OPS_TOKEN=old-token\n', { mode: 0o600 });
    const r = await runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--no-doctor'], {
      cwd: dir,
      env: { WA_OPS_TOKEN: 'badtoken9999', WA_OPS_GRAPH_URL: sb.url },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/refused this token.*nothing was written/);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('WA_OPS_TOKEN=old-token\n');
    expect(existsSync(join(dir, 'wa-ops.config.json'))).toBe(false);
    expect(r.stderr).not.toMatch(/badtoken9999/);
  });
});

describe('init writes its files together or not at all', () => {
  const args = ['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--no-doctor'];
  it.each([
    ['.env is a folder', (dir: string) => mkdirSync(join(dir, '.env')), /\.env is a folder \(a Python virtualenv\?\), not a \.env file; nothing was written/],
    ['.gitignore of a repository is a folder', (dir: string) => (mkdirSync(join(dir, '.git')), mkdirSync(join(dir, '.gitignore'))), /\.gitignore .* is a folder/],
  ])('%s: exit 2, one line, nothing written; once fixed, the same init works', async (_name, plant, message) => {
    const dir = tempDir();
    plant(dir);
    const before = readdirSync(dir).sort();
    const env = { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url };
    const r = await runCli(args, { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').filter((l) => !/^\s+hint:/.test(l))).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(before);
    for (const name of before) if (name !== '.git') rmSync(join(dir, name), { recursive: true });
    const again = await runCli(args, { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(dir, 'wa-ops.config.json')) && existsSync(join(dir, '.env'))).toBe(true);
  });

  it('a folder where the config goes is named as a folder, with or without --force', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'wa-ops.config.json'));
    for (const force of [[], ['--force']]) {
      const r = await runCli([...args, ...force], { cwd: dir, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/wa-ops\.config\.json is a folder, not a file/);
      expect(r.stderr).not.toMatch(/--force/);
      expect(readdirSync(dir)).toEqual(['wa-ops.config.json']);
    }
  });
});

describe('init refuses ids that are not ids', () => {
  it.each([
    [['--phone-number-id', 'abc', '--waba-id', '210987654321098'], {}, /--phone-number-id must be a numeric id .*got "abc"/],
    [['--phone-number-id', '109876543210987', '--waba-id', 'https://business.facebook.com/x'], {}, /--waba-id must be a numeric id/],
    [['--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--app-id', 'my app'], {}, /--app-id must be a numeric id/],
    [['--waba-id', '210987654321098'], { WA_OPS_PHONE_NUMBER_ID: '10987x' }, /WA_OPS_PHONE_NUMBER_ID must be a numeric id/],
  ])('%j: exit 2, one line, nothing written', async (args, extra, message) => {
    const dir = tempDir();
    const r = await runCli(['init', ...args, '--no-doctor'], { cwd: dir, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url, ...extra } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').filter((l) => !/^\s+hint:/.test(l))).toHaveLength(1);
    expect(existsSync(join(dir, 'wa-ops.config.json'))).toBe(false);
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });
});

describe.skipIf(!hasPython)('init and send prompts in a terminal', () => {
  it('accepts the sandbox token after asking the API, and refuses a token the API refuses', async () => {
    const dir = tempDir();
    const r = await inTerminal(
      ['init', '--no-doctor'],
      [
        { expect: 'Phone number id', send: '109876543210987\r' },
        { expect: 'WhatsApp Business Account id', send: '210987654321098\r' },
        { expect: 'App id', send: '\r' },
        { expect: 'Access token', send: 'wrong-token\r' },
        // Pasted as a user would, into the field asked for again: no backspaces.
        { expect: 'paste the token again', send: 'sandbox-token\r' },
        { expect: 'App secret', send: '\r' },
        { expect: 'verify token', send: '\r' },
        { expect: 'Webhook URL', send: '\r' },
      ],
      dir,
      { WA_OPS_GRAPH_URL: sb.url },
    );
    expect(r.output).toMatch(/the API refused this token: \(#190\)/);
    expect(r.output).not.toMatch(/paste the whole token/);
    // The second field starts empty: 13 stars for sandbox-token, never 24 (the refused text kept in front of it).
    expect(r.output).not.toMatch(/\*{14}/);
    expect(r.code, r.output).toBe(0);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toMatch(/^WA_OPS_TOKEN=sandbox-token$/m);
  });

  it('after three refused tokens init stops with exit 3, and Ctrl-C at the token asked again exits 130; nothing written either way', async () => {
    const dir = tempDir();
    const start = [
      { expect: 'Phone number id', send: '109876543210987\r' },
      { expect: 'WhatsApp Business Account id', send: '210987654321098\r' },
      { expect: 'App id', send: '\r' },
      { expect: 'Access token', send: 'wrong-1\r' },
    ];
    const refused = await inTerminal(['init', '--no-doctor'], [...start, { expect: 'attempt 2 of 3', send: 'wrong-2\r' }, { expect: 'attempt 3 of 3', send: 'wrong-3\r' }], dir, { WA_OPS_GRAPH_URL: sb.url });
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toMatch(/3 tokens refused, nothing was written/);
    expect(refused.output).not.toMatch(/wrong-\d|internal error|    at /);
    const stopped = await inTerminal(['init', '--no-doctor'], [...start, { expect: 'paste the token again', send: '\u0003' }], dir, { WA_OPS_GRAPH_URL: sb.url });
    expect(stopped.code, stopped.output).toBe(130);
    expect(stopped.output).not.toMatch(/internal error|    at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('Ctrl-C at an init prompt exits 130 and writes nothing', async () => {
    const dir = tempDir();
    const r = await inTerminal(['init'], [{ expect: 'Phone number id', send: '109876543210987\r' }, { expect: 'WhatsApp Business Account id', send: '\u0003' }], dir, { WA_OPS_GRAPH_URL: sb.url });
    expect(r.code).toBe(130);
    expect(r.output).toMatch(/interrupted by SIGINT/);
    expect(r.output).not.toMatch(/internal error/);
    expect(existsSync(join(dir, '.env'))).toBe(false);
    expect(existsSync(join(dir, 'wa-ops.config.json'))).toBe(false);
  });

  it('Ctrl-C at the send confirmation exits 130: nothing was sent', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'phone,first_name\n+4915112345671,Ana\n+4915112345672,Ben\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'ctrl-c', recipients: 'list.csv', template: { name: 'hello_world', language: 'en_US' } }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await inTerminal(['send', '--campaign', 'c.json'], [{ expect: 'Send 2 messages now', send: '\u0003' }], dir, env);
    expect(r.code).toBe(130);
    expect(r.output).toMatch(/nothing was sent/);
    const accepted = (await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] };
    expect(accepted.data).toHaveLength(0);
    // Nothing is stored before the run is confirmed: no ledger, no lock left behind.
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'list.csv']);
  });

  it('in a terminal, --limit is the number the prompt asks about; "y" sends exactly that many', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'phone,first_name\n+4915112345681,Ana\n+4915112345682,Ben\n+4915112345683,Cem\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'limit-tty', recipients: 'list.csv', template: { name: 'hello_world', language: 'en_US' } }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const before = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.length;
    const r = await inTerminal(['send', '--campaign', 'c.json', '--limit', '1', '--interval', '50ms'], [{ expect: 'Send 1 message now\\?', send: 'y\r' }], dir, env);
    expect(r.output).toMatch(/to send now +1 \(--limit 1\)/);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/--limit 1 reached: 2 recipients still pending; send them with: wa-ops send --campaign c\.json --interval 50ms$/m);
    const after = ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.length;
    expect(after - before).toBe(1);
  });
});
