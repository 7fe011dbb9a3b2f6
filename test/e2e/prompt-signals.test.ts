// SIGTERM (a supervisor's stop) or SIGINT sent to the process while a prompt waits: exit 143/130 at once, the cursor
// shown again, nothing written or sent. Before, inquirer's exit hook and wa-ops' early handler each left the signal
// to the other and the process waited at the prompt for ever.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

async function inTerminal(args: string[], steps: object[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const spec = { argv: [process.execPath, join(root, 'bin', 'wa-ops.js'), ...args], env: { TERM: 'xterm', ...env }, cwd, steps };
  const { stdout } = await promisify(execFile)('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout);
}

describe.skipIf(!hasPython)('signals at a prompt', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ])('%s at an init prompt exits %i, writes nothing', async (signal, code) => {
    const dir = tempDir();
    const r = await inTerminal(['init'], [{ expect: 'Phone number id', send: '109876543210987\r' }, { expect: 'WhatsApp Business Account id', signal }], dir, { WA_OPS_GRAPH_URL: sb.url });
    expect(r.code).toBe(code);
    expect(r.output).toMatch(new RegExp(`interrupted by ${signal}`));
    expect(r.output).toMatch(/nothing was written/);
    expect(existsSync(join(dir, '.env'))).toBe(false);
    expect(existsSync(join(dir, 'wa-ops.config.json'))).toBe(false);
  });

  it('SIGTERM at the send confirmation exits 143: nothing sent, nothing stored', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'phone\n+4915112345671\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'term', recipients: 'list.csv', template: { name: 'hello_world', language: 'en_US' } }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const r = await inTerminal(['send', '--campaign', 'c.json'], [{ expect: 'Send 1 message now', signal: 'SIGTERM' }], dir, env);
    expect(r.code).toBe(143);
    const accepted = (await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] };
    expect(accepted.data).toHaveLength(0);
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'list.csv']);
  });
});
