// init adds .env to a .gitignore only when git does not ignore it already (a parent .gitignore, **/.env, a global file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const init = (cwd: string) => runCli(['init', '--phone-number-id', '109876543210987', '--waba-id', '210987654321098', '--no-doctor'], { cwd, env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: sb.url } });

describe('init and the .gitignore of a git repository', () => {
  it('in a subfolder of a repository whose root .gitignore ignores .env: no new .gitignore', async () => {
    const repo = tempDir();
    spawnSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(join(repo, '.gitignore'), '**/.env\n');
    const sub = join(repo, 'ops');
    mkdirSync(sub);
    const r = await init(sub);
    expect(r.code).toBe(0);
    expect(existsSync(join(sub, '.env'))).toBe(true);
    expect(existsSync(join(sub, '.gitignore'))).toBe(false);
    expect(r.stderr).not.toContain('added .env to');
  });

  it('where git does not ignore .env: it is added to the working folder\'s .gitignore', async () => {
    const repo = tempDir();
    spawnSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
    const r = await init(repo);
    expect(r.code).toBe(0);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('node_modules\n.env\n');
    expect(spawnSync('git', ['check-ignore', '-q', '.env'], { cwd: repo }).status).toBe(0);
  });
});
