// A signal that comes while the CLI is still loading is an interruption (exit 130/143), not a death by signal;
// once a command has its own handler (a run saving its state, a server shutting down) the early one stands aside.
import { spawn, spawnSync } from 'node:child_process';
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
    expect(r.stderr).toBe(`wa-ops: interrupted by ${signal} before anything was started\n  hint: nothing was done; run the same command again\n`);
  });

  it("stands aside once a command handles the signal itself", () => {
    const r = run(`await import(${JSON.stringify(early)}); process.once('SIGINT', () => { process.stdout.write('saved'); process.exit(7); }); process.kill(process.pid, 'SIGINT'); setTimeout(() => {}, 10000);`);
    expect(r.status).toBe(7);
    expect(r.stdout).toBe('saved');
    expect(r.stderr).toBe('');
  });

  it("does not hang when only a library's hook (inquirer's, ora's signal-exit) heard the signal", () => {
    const r = run(`await import(${JSON.stringify(early)}); process.on('SIGTERM', () => {}); process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000);`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(143);
    expect(r.stderr).toContain('interrupted by SIGTERM');
  });

  it('a hangup (SIGHUP) exits 129, also when the command saved its state on the SIGTERM it became', () => {
    const bare = run(`await import(${JSON.stringify(early)}); process.kill(process.pid, 'SIGHUP'); setTimeout(() => {}, 10000);`);
    expect(bare.status).toBe(129);
    const own = run(`const m = await import(${JSON.stringify(early)}); process.once('SIGTERM', m.ownSignalHandler(() => { process.stdout.write('saved'); process.exit(143); })); process.kill(process.pid, 'SIGHUP'); setTimeout(() => {}, 10000);`);
    expect(own.stdout).toBe('saved');
    expect(own.status).toBe(129);
  });

  it('wa-ops sandbox stops cleanly on SIGHUP with exit 129', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'sandbox', '--port', '0'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((r) => { const t = setInterval(() => { if (err.includes('stop: Ctrl-C')) { clearInterval(t); r(); } }, 100); });
    child.kill('SIGHUP');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(129);
  }, 30_000);
});
