// templates pull --out where a folder cannot be made: one line and exit 2, never a hang (Node's recursive mkdir spins forever under /proc).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({});
});
afterAll(async () => {
  await sb.close();
});

describe('templates pull --out', () => {
  it('a folder under /proc is refused with exit 2 instead of hanging', async () => {
    const r = await runCli(['templates', 'pull', '--out', '/proc/wa-ops-pull-test', '--json'], { env: { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_WABA_ID: '210987654321098' } });
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('unwritable-output');
  }, 20_000);
});
