import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runPrinted, tempDir } from '../helpers.js';

const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });

function repoWithEnv(): string {
  const dir = tempDir('wa-ops-env-git-');
  git(dir, 'init', '-q');
  writeFileSync(join(dir, '.env'), 'WA_OPS_TOKEN=EAAtoken-abcd\nWA_OPS_PHONE_NUMBER_ID=1\nWA_OPS_WABA_ID=2\n', { mode: 0o600 });
  return dir;
}

async function envGitCheck(dir: string): Promise<{ status: string; detail: string; hint: string } | undefined> {
  const r = await runCli(['doctor', '--offline', '--json'], { cwd: dir });
  return JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'config.env-git');
}

// The built binary in a real git repository: the printed command is run as printed and must make the check pass.
describe('doctor: the .env holding the token is kept out of git (config.env-git)', () => {
  it('warns when git does not ignore .env, and the printed command fixes it', async () => {
    const dir = repoWithEnv();
    writeFileSync(join(dir, '.gitignore'), 'node_modules'); // no trailing newline: the entry must not be glued to it
    const c = await envGitCheck(dir);
    expect(c?.status).toBe('warn');
    expect(c?.detail).toContain(join(dir, '.env'));
    const r = await runPrinted(c!.hint.split('run: ')[1], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\n.env\n');
    expect((await envGitCheck(dir))?.status).toBe('pass');
  });

  it('warns when .env is tracked, and the printed command untracks it (the file stays)', async () => {
    const dir = repoWithEnv();
    git(dir, 'add', '.env');
    git(dir, 'commit', '-qm', 'oops');
    const c = await envGitCheck(dir);
    expect(c?.status).toBe('warn');
    expect(c?.detail).toContain('tracked by git');
    const r = await runPrinted(c!.hint.split('run: ')[1], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(git(dir, 'ls-files').stdout).toBe('');
    expect(readFileSync(join(dir, '.env'), 'utf8')).toContain('WA_OPS_TOKEN=');
    expect((await envGitCheck(dir))?.status).toBe('pass');
  });

  it('tracked but ignored by the patterns: untracking is all the command does', async () => {
    const dir = repoWithEnv();
    git(dir, 'add', '.env');
    writeFileSync(join(dir, '.gitignore'), '.env\n');
    const c = await envGitCheck(dir);
    expect(c?.hint).not.toContain('.gitignore');
    await runPrinted(c!.hint.split('run: ')[1], { cwd: tempDir() });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.env\n');
    expect((await envGitCheck(dir))?.status).toBe('pass');
  });

  it('says nothing outside a git repository or when no secret comes from .env', async () => {
    const plain = tempDir();
    writeFileSync(join(plain, '.env'), 'WA_OPS_TOKEN=EAAtoken-abcd\n');
    expect(await envGitCheck(plain)).toBeUndefined();
    const dir = repoWithEnv();
    writeFileSync(join(dir, '.env'), 'WA_OPS_PHONE_NUMBER_ID=1\n');
    expect(await envGitCheck(dir)).toBeUndefined();
  });
});
