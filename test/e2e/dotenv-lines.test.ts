// A broken or misspelt WA_OPS_ line of .env stops commands with the file and line (exit 2), never a setting silently unset.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('.env lines', () => {
  it('doctor names the file, the line and the variable meant; no stack, exit 2', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'DATABASE_URL=x\nWA_OPS_PHONE_ID=109876543210987\n', { mode: 0o600 });
    const r = await runCli(['doctor', '--offline'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`wa-ops: ${join(cwd, '.env')}:2: WA_OPS_PHONE_ID is not a wa-ops variable (did you mean WA_OPS_PHONE_NUMBER_ID?)`);
    expect(r.stderr).not.toMatch(/at .*\.js/);
    const json = await runCli(['doctor', '--offline', '--json'], { cwd });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'bad-config' } });
  });

  it('a token line without "=" is said without its value; init refuses before asking and writes nothing', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'WA_OPS_TOKEN: EAAGsecretvalue\n', { mode: 0o600 });
    const r = await runCli(['suppressions', 'list'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.env:1: WA_OPS_TOKEN is not set: the line has no "="/);
    expect(r.stderr + r.stdout).not.toContain('EAAGsecretvalue');
    const init = await runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--no-doctor'], { cwd, env: { WA_OPS_TOKEN: 'sandbox-token' } });
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/\.env:1:/);
    expect(existsSync(join(cwd, 'wa-ops.config.json'))).toBe(false);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('WA_OPS_TOKEN: EAAGsecretvalue\n');
  });
});
