// A signal that comes while the CLI is still loading is an interruption (exit 130/143), not a death by signal;
// once a command has its own handler (a run saving its state, a server shutting down) the early one stands aside.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, root } from '../helpers.js';

const early = join(root, 'dist', 'io', 'early-signals.js');
const run = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });

describe('signals during start-up', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('%s before any command handles it exits %d with one line', (signal, exit) => {
    const r = run(`await import(${JSON.stringify(early)}); process.kill(process.pid, '${signal}'); setTimeout(() => {}, 10000);`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(exit);
    expect(r.stderr).toBe(`wa-ops: interrupted by ${signal} before anything was started\n`);
  });

  it("stands aside once a command handles the signal itself", () => {
    const r = run(`await import(${JSON.stringify(early)}); process.once('SIGINT', () => { process.stdout.write('saved'); process.exit(7); }); process.kill(process.pid, 'SIGINT'); setTimeout(() => {}, 10000);`);
    expect(r.status).toBe(7);
    expect(r.stdout).toBe('saved');
    expect(r.stderr).toBe('');
  });
});
