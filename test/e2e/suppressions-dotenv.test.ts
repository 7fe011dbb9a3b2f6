// WA_OPS_SUPPRESSIONS follows the precedence of every WA_OPS_ setting (environment, then .env): one list, however it is named.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('WA_OPS_SUPPRESSIONS in .env', () => {
  it('names the list for every command, as the same variable in the environment does', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'WA_OPS_SUPPRESSIONS=opt-outs.jsonl\n');
    chmodSync(join(cwd, '.env'), 0o600);
    const add = await runCli(['suppressions', 'add', '+4917012345678'], { cwd });
    expect(add.code, add.stderr).toBe(0);
    expect(existsSync(join(cwd, 'opt-outs.jsonl'))).toBe(true);
    expect(existsSync(join(cwd, 'wa-ops.suppressions.jsonl'))).toBe(false);
    // A process given the variable in its environment (a receiver under a supervisor) reads the same list.
    const list = await runCli(['suppressions', 'list', '--json'], { cwd, env: { WA_OPS_SUPPRESSIONS: join(cwd, 'opt-outs.jsonl') } });
    expect(JSON.parse(list.stdout)).toMatchObject({ file: join(cwd, 'opt-outs.jsonl'), count: 1 });
    // The environment wins over .env, as for every setting.
    const other = await runCli(['suppressions', 'list', '--json'], { cwd, env: { WA_OPS_SUPPRESSIONS: 'elsewhere.jsonl' } });
    expect(JSON.parse(other.stdout).file).toBe(join(cwd, 'elsewhere.jsonl'));
  });
});
