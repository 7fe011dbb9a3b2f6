// Standard output that cannot be written (`--json > /dev/full`, a full disk): the command failed, whatever it did.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({});
});
afterAll(() => sb.close());

/** Run the CLI with its stdout on /dev/full (a file-like stdout: every write fails with ENOSPC). */
function runToFull(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe.skipIf(!existsSync('/dev/full'))('stdout on a full device', () => {
  const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

  it('status, send and campaigns (with and without --json) exit 2 and say so on stderr, no stack trace', async () => {
    const dir = tempDir('wa-ops-full-');
    writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\nAnna,+491701000001,A1\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'full', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, pace: { interval: '100ms' } }));
    for (const args of [
      ['send', '--campaign', 'c.json', '--yes', '--json'],
      ['status', '--campaign', 'c.json', '--json'],
      ['status', '--campaign', 'c.json'],
      ['send', '--campaign', 'c.json', '--dry-run', '--yes'],
      ['campaigns', '--json'],
      ['--version', '--json'],
    ]) {
      const r = await runToFull(args, dir, env());
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain('standard output cannot be written: no space left on the device');
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    }
    // The send itself happened (the ledger says so): only its report was lost.
    const status = await runCli(['status', '--campaign', 'c.json', '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ sent: 1, pending: 0 });
  });
});
