import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

/** Run `wa-ops <args>` in a pseudo-terminal (test/pty-drive.py), answering prompts in order. */
async function inTerminal(args: string[], steps: { expect: string; send: string }[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const spec = { argv: [process.execPath, join(root, 'bin', 'wa-ops.js'), ...args], env: { NO_COLOR: '1', TERM: 'xterm', ...env }, cwd, steps };
  const { stdout } = await promisify(execFile)('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout);
}

const ids = ['--phone-number-id', '109876543210987', '--waba-id', '210987654321098'];

describe('init writes only a config file that wa-ops accepts', () => {
  it('a --webhook-url, --api-version or WA_OPS_API_VERSION the config file would refuse is exit 2 before anything is written', async () => {
    for (const [args, env, message] of [
      [['--webhook-url', 'not a url'], {}, /^wa-ops: --webhook-url must be an http\(s\) URL, got "not a url"; nothing was written$/m],
      [['--webhook-url', 'file:///etc/passwd'], {}, /^wa-ops: --webhook-url must be an http\(s\) URL, got file:/m],
      [['--api-version', '23'], {}, /^wa-ops: --api-version must look like "v23.0", got "23"/m],
      [[], { WA_OPS_API_VERSION: '23' }, /^wa-ops: WA_OPS_API_VERSION must look like "v23.0"/m],
    ] as const) {
      const dir = tempDir();
      const r = await runCli(['init', ...ids, '--no-doctor', ...args], { cwd: dir, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url, ...env } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(dir)).toEqual([]);
    }
    // A good one is written, and later commands read that config.
    const dir = tempDir();
    const ok = await runCli(['init', ...ids, '--no-doctor', '--webhook-url', 'https://example.com/webhook', '--api-version', 'v23.0'], { cwd: dir, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url } });
    expect(ok.code, ok.stderr).toBe(0);
    const doctor = await runCli(['doctor', '--offline', '--json'], { cwd: dir });
    expect(doctor.stdout).not.toMatch(/"error"/);
  });
});

describe('init --config naming a FIFO or device', () => {
  it('is exit 2 before anything is written, with or without --force (the config would vanish into it)', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    for (const extra of [[], ['--force']]) {
      const r = await runCli(['init', ...ids, '--no-doctor', '--config', 'pipe', ...extra], { cwd: dir, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/pipe is a named pipe \(FIFO\), not a regular file; nothing was written/);
      expect(readdirSync(dir)).toEqual(['pipe']);
    }
  });
});

describe.skipIf(!hasPython)('init prompts: secrets and values', () => {
  it('the verify token is asked masked and never printed; a bad webhook URL is asked again', async () => {
    const dir = tempDir();
    const r = await inTerminal(
      ['init', '--no-doctor'],
      [
        { expect: 'Phone number id', send: '109876543210987\r' },
        { expect: 'WhatsApp Business Account id', send: '210987654321098\r' },
        { expect: 'App id', send: '\r' },
        { expect: 'Access token', send: 'sandbox-token\r' },
        { expect: 'App secret', send: '\r' },
        { expect: 'verify token', send: 'my-verify-token-4711\r' },
        { expect: 'Webhook URL', send: 'not a url\r' },
        { expect: 'an http\\(s\\) URL', send: '\u0015https://example.com/webhook\r' },
      ],
      dir,
      { WA_OPS_GRAPH_URL: sb.url },
    );
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/my-verify-token/);
    expect(r.output).toMatch(/verify token \(\*\*\*\*4711\) is WA_OPS_VERIFY_TOKEN in \.env/);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toMatch(/^WA_OPS_VERIFY_TOKEN=my-verify-token-4711$/m);
    expect(JSON.parse(readFileSync(join(dir, 'wa-ops.config.json'), 'utf8'))).toMatchObject({ webhookUrl: 'https://example.com/webhook' });
  });

  it('an empty verify token answer makes a random one, written to .env and not shown', async () => {
    const dir = tempDir();
    const r = await inTerminal(
      ['init', '--no-doctor'],
      [
        { expect: 'Phone number id', send: '109876543210987\r' },
        { expect: 'WhatsApp Business Account id', send: '210987654321098\r' },
        { expect: 'App id', send: '\r' },
        { expect: 'Access token', send: 'sandbox-token\r' },
        { expect: 'App secret', send: '\r' },
        { expect: 'verify token', send: '\r' },
        { expect: 'Webhook URL', send: '\r' },
      ],
      dir,
      { WA_OPS_GRAPH_URL: sb.url },
    );
    expect(r.code, r.output).toBe(0);
    const token = /^WA_OPS_VERIFY_TOKEN=([0-9a-f]{24})$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))?.[1];
    expect(token).toBeDefined();
    expect(r.output).not.toContain(token);
    expect(existsSync(join(dir, 'wa-ops.config.json'))).toBe(true);
  });

  it('a refused WA_OPS_TOKEN is not written: a token is asked for, and init says the variable would still win', async () => {
    const dir = tempDir();
    const r = await inTerminal(
      ['init', '--no-doctor'],
      [
        { expect: 'Phone number id', send: '109876543210987\r' },
        { expect: 'WhatsApp Business Account id', send: '210987654321098\r' },
        { expect: 'App id', send: '\r' },
        { expect: 'Access token', send: 'sandbox-token\r' },
        { expect: 'App secret', send: '\r' },
        { expect: 'verify token', send: '\r' },
        { expect: 'Webhook URL', send: '\r' },
      ],
      dir,
      { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'expired-env-token' },
    );
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/✖ WA_OPS_TOKEN: the API refused this token/);
    expect(r.output).toMatch(/unset WA_OPS_TOKEN/);
    expect(r.output).not.toMatch(/expired-env-token/);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toMatch(/^WA_OPS_TOKEN=sandbox-token$/m);
  });
});
