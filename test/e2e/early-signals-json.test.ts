// Under --json stdout is exactly one document, also when a signal stops a command that has no handler of its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, root, tempDir } from '../helpers.js';

function interrupted(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // validate-numbers reading standard input that never ends: busy in a command without its own signal handler.
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { cwd: tempDir(), env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.write('phone\n+491701234567\n');
    setTimeout(() => child.kill(signal), 2_500);
  });
}

describe('a signal under --json', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: the error document on stdout, exit %d, nothing on stderr', async (signal, exit) => {
    const r = await interrupted(['validate-numbers', '-', '--json'], signal);
    expect(r.code).toBe(exit);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'interrupted', message: `validate-numbers interrupted by ${signal}`, hint: 'run the same command again when ready' } });
    expect(r.stderr).toBe('');
  }, 30_000);

  it('without --json: one line on stderr, stdout empty', async () => {
    const r = await interrupted(['validate-numbers', '-'], 'SIGTERM');
    expect(r.code).toBe(143);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wa-ops: validate-numbers interrupted by SIGTERM\n  hint: run the same command again when ready$/m);
  }, 30_000);
});
