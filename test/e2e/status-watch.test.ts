import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098', NO_COLOR: '1', CI: '1' });

function campaign(n: number): string {
  const dir = tempDir('wa-ops-watch-');
  const rows = Array.from({ length: n }, (_, i) => `Name${i},+4917140${String(i).padStart(5, '0')}1,V${i}`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher\n' + rows.join('\n') + '\n');
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ name: 'watched', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  return file;
}

/** Start `status --watch`, collect its stdout lines, stop it with a signal when `until` says so. */
function watch(args: string[], until: (lines: string[]) => boolean, signal: NodeJS.Signals = 'SIGINT', onFirst?: () => void): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'status', '--watch', ...args], { cwd: tempDir(), env: cleanEnv(env()), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n').filter(Boolean);
      if (lines.length > 0 && onFirst) {
        onFirst();
        onFirst = undefined;
      }
      if (!sent && until(lines)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: out.split('\n').filter(Boolean), stderr }));
  });
}

beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

describe('status --watch', () => {
  it('prints one JSON line per interval while a send runs, and exits 130 on Ctrl-C', async () => {
    const file = campaign(6);
    let firstFrame = () => {};
    const started = new Promise<void>((r) => (firstFrame = r));
    const watching = watch(['--campaign', file, '--interval', '150ms', '--json'], (lines) => lines.some((l) => JSON.parse(l).sent === 6) && lines.length >= 3, 'SIGINT', () => firstFrame());
    // The send starts once the watch has drawn its first frame: the frames must show it happen.
    await started;
    const send = await runCli(['send', '--campaign', file, '--interval', '100ms', '--yes'], { env: env() });
    expect(send.code).toBe(0);
    const w = await watching;
    expect(w.code).toBe(130);
    const docs = w.lines.map((l) => JSON.parse(l));
    expect(docs[0]).toMatchObject({ campaign: 'watched', at: expect.any(String) });
    expect(docs.at(-1)).toMatchObject({ campaign: 'watched', sent: 6, failed: 0, pending: 0, cooldownUntil: null, latestFailures: [] });
    expect(docs.at(-1).ratePerSec).toBeGreaterThan(0);
    // Progress was seen while it happened, not only at the end.
    expect(docs.map((d) => d.sent)[0]).toBeLessThan(6);
  });

  it('writes a plain line per interval to a pipe, stops on SIGTERM with 143, and refuses a bad --interval', async () => {
    const file = campaign(2);
    const w = await watch(['--campaign', file, '--interval', '100ms'], (lines) => lines.length >= 2, 'SIGTERM');
    expect(w.code).toBe(143);
    expect(w.lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.* watched: sent 0 .*failed 0, pending 2/);
    const bad = await runCli(['status', '--campaign', file, '--watch', '--interval', 'often'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--interval takes a duration/);
  });
});
