// `sandbox --host 0.0.0.0` (reachable from containers and other machines) prints a URL that works when copied into WA_OPS_GRAPH_URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, root, runCli } from '../helpers.js';

describe('sandbox on every interface', () => {
  it('prints a loopback URL (0.0.0.0 is refused as a plain-http Graph URL), and the printed export works', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'sandbox', '--port', '0', '--host', '0.0.0.0'], { env: cleanEnv({ NO_COLOR: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const url = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (let i = 0; i < 50 && !stderr.includes('export WA_OPS_GRAPH_URL'); i++) await new Promise((r) => setTimeout(r, 20));
      const printed = /export WA_OPS_GRAPH_URL=(\S+)/.exec(stderr)?.[1];
      expect(printed).toBe(url);
      const r = await runCli(['templates', 'list', '--json'], { env: { WA_OPS_GRAPH_URL: printed, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_WABA_ID: '210987654321098' } });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).count).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  });
});
