// init's ids must be the ones every later command uses: an id an existing .env sets (and .env wins over the config) is updated there too.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('init and ids already in .env', () => {
  it('an old WA_OPS_PHONE_NUMBER_ID in .env gets the id given, so doctor checks that one', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'WA_OPS_PHONE_NUMBER_ID=111111111111111\nOTHER=1\n', { mode: 0o600 });
    const r = await runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--graph-url', sb.url, '--json'], { cwd, env: { WA_OPS_TOKEN: 'sandbox-token' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.envKeys.replaced).toContain('WA_OPS_PHONE_NUMBER_ID');
    expect(out.doctor.checks.find((c: { id: string }) => c.id === 'config.phone-number-id').detail).toBe('109876543210987');
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('WA_OPS_PHONE_NUMBER_ID=109876543210987\nOTHER=1\nWA_OPS_TOKEN=sandbox-token\n');
  });

  it('an id exported in the environment that differs from the one given is named for unsetting', async () => {
    const cwd = tempDir();
    const r = await runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--graph-url', sb.url, '--no-doctor'], { cwd, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '111111111111111' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/WA_OPS_PHONE_NUMBER_ID in your environment wins over what init wrote: run "unset WA_OPS_PHONE_NUMBER_ID"/);
  });
});

describe('init and a .env tracked by git', () => {
  const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasGit)('refuses before asking (exit 2, nothing written) and names the command that untracks it; then works', async () => {
    const cwd = tempDir();
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd, stdio: 'ignore' });
    git('init', '-q', '.');
    writeFileSync(join(cwd, '.env'), 'DATABASE_URL=x\n');
    git('add', '.env');
    git('commit', '-qm', 'env');
    const args = ['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--graph-url', sb.url, '--no-doctor'];
    const r = await runCli(args, { cwd, env: { WA_OPS_TOKEN: 'sandbox-token' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.env is tracked by git/);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('DATABASE_URL=x\n');
    const command = /run (git rm --cached \.env) /.exec(r.stderr)?.[1];
    expect(command).toBeDefined();
    git(...command!.split(' ').slice(1));
    expect((await runCli(args, { cwd, env: { WA_OPS_TOKEN: 'sandbox-token' } })).code).toBe(0);
  });
});
