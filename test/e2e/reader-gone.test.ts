// A reader of stdout that goes away (`wa-ops ... | head -1`) is not a bug in wa-ops: no exit 70, no "internal error".
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({});
});
afterAll(() => sb.close());

/** Run the CLI and close its stdout after the first chunk, as `| head -1` does. */
function runAndCloseStdout(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string; got: number }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let got = 0;
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d: Buffer) => {
    got += d.length;
    child.stdout.destroy();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, got })));
}

function bigCampaign(rows: number): string {
  const dir = tempDir('wa-ops-pipe-');
  const lines = Array.from({ length: rows }, (_, i) => `N${i},+49170${String(3000000 + i)},V${i}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + lines.join('\n') + '\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'pipe', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return dir;
}

describe('stdout closed by its reader', () => {
  const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });

  it('send --dry-run | head -1 stops quietly with 141, as SIGPIPE would (NDJSON and --json)', async () => {
    const dir = bigCampaign(3000);
    for (const extra of [[], ['--json']]) {
      const r = await runAndCloseStdout(['send', '--campaign', 'c.json', '--dry-run', '--yes', ...extra], dir, env());
      expect(r.got).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/internal error|EPIPE/);
      expect(r.code).toBe(141);
    }
  });

  it('validate-numbers --out - | head -1 stops quietly with 141', async () => {
    const dir = tempDir('wa-ops-pipe-');
    const lines = Array.from({ length: 40000 }, (_, i) => `+49170${String(4000000 + i)}`);
    writeFileSync(join(dir, 'big.csv'), 'phone\n' + lines.join('\n') + '\n');
    const r = await runAndCloseStdout(['validate-numbers', 'big.csv', '--out', '-'], dir);
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
    expect(r.code).toBe(141);
  });
});
