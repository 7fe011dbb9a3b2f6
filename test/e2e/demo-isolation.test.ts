import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv } from '../../src/commands/demo/child.js';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

// The demo needs no account and no network: nothing of the user's wa-ops settings may reach it.
describe('demo isolation', () => {
  it('children get the demo settings only, never the user\'s WA_OPS_* variables', () => {
    const env = childEnv({ WA_OPS_GRAPH_URL: 'http://127.0.0.1:1' }, { PATH: '/bin', WA_OPS_STORE: 'postgres://u:p@db/x', wa_ops_token: 'EAAG-real', WA_OPS_GRAPH_URL: 'https://graph.facebook.com' });
    expect(env).toEqual({ PATH: '/bin', WA_OPS_GRAPH_URL: 'http://127.0.0.1:1', NO_COLOR: '1' });
  });

  it('runs end to end with a store in the environment and a broken config and .env in the working directory', async () => {
    const cwd = tempDir('wa-ops-demo-cwd-');
    writeFileSync(join(cwd, 'wa-ops.config.json'), '{"phoneNumberID": "1", "store": "postgres://u:p@127.0.0.1:1/db"}\n');
    writeFileSync(join(cwd, '.env'), 'WA_OPS_STORE=postgres://u:p@127.0.0.1:1/db\nWA_OPS_EVENTS=/nonexistent/events.jsonl\n');
    const r = await runCli(['demo', '--json'], { cwd, env: { WA_OPS_STORE: 'postgres://u:p@127.0.0.1:1/db', WA_OPS_SUPPRESSIONS: join(cwd, 'mine.jsonl'), WA_OPS_TOKEN: 'EAAG-the-users-real-token' } });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.send.resume).toMatchObject({ exit: 0, outcome: 'done' });
    expect(doc.status).toMatchObject({ total: 13, pending: 0 });
  }, 120_000);

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s mid-run: exit %d, its child stopped and its folder removed', async (signal, exit) => {
    const tmp = tempDir('wa-ops-demo-tmp-');
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'demo'], { cwd: tempDir(), env: cleanEnv({ TMPDIR: tmp }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Stop it once the campaign send (a child process) has started.
    await new Promise<void>((resolve) => child.stderr.on('data', () => /Send a campaign/.test(stderr) && resolve()));
    await new Promise((r) => setTimeout(r, 300));
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(exit);
    expect(stderr).toMatch(new RegExp(`interrupted by ${signal}`));
    expect(stderr).toMatch(/the demo's folder was removed/);
    expect(stderr).not.toMatch(/internal error/);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);
});
