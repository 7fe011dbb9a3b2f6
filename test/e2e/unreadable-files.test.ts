// A file wa-ops may not read is said as such, with the permissions hint (not "check the path", not an errno code).
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, fixtures, root, tempDir } from '../helpers.js';

/** Run the CLI as a user the files are not readable by: "nobody" when the tests run as root (root reads anything). */
function runAsOther(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot ? 'runuser' : process.execPath;
  const argv = [...(asRoot ? ['-u', 'nobody', '--', process.execPath] : []), join(root, 'bin', 'wa-ops.js'), ...args];
  const child = spawn(cmd, argv, { cwd, env: cleanEnv({ HOME: cwd }), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('unreadable files', () => {
  it('a list, a campaign, a campaign folder, a template, the config: exit 2, permission denied, the permissions hint', async () => {
    const cwd = tempDir();
    chmodSync(cwd, 0o777);
    copyFileSync(join(fixtures, 'suppressions', 'crm-opt-outs.csv'), join(cwd, 'list.csv'));
    copyFileSync(join(fixtures, 'templates', 'clean', 'payment_receipt.json'), join(cwd, 't.json'));
    writeFileSync(join(cwd, 'c.json'), '{}');
    mkdirSync(join(cwd, 'camp'), { mode: 0o700 });
    writeFileSync(join(cwd, 'conf.json'), '{}');
    for (const f of ['list.csv', 't.json', 'c.json', 'conf.json']) chmodSync(join(cwd, f), 0o600);
    const cases: [string[], RegExp][] = [
      [['validate-numbers', 'list.csv'], /^wa-ops: list\.csv cannot be accessed: permission denied$/m],
      [['suppressions', 'import', 'list.csv', '--suppressions', 'x.jsonl'], /list\.csv cannot be accessed: permission denied/],
      [['lint-template', 't.json'], /t\.json cannot be accessed: permission denied/],
      [['status', '--campaign', 'c.json'], /c\.json cannot be accessed: permission denied/],
      [['campaigns', '--dir', 'camp'], /camp cannot be accessed: permission denied/],
      [['doctor', '--offline', '--config', 'conf.json'], /conf\.json cannot be accessed: permission denied/],
    ];
    for (const [args, line] of cases) {
      const r = await runAsOther(args, cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(line);
      expect(r.stderr, args.join(' ')).toMatch(/hint: check the permissions of the file and its folder/);
      expect(r.stderr).not.toMatch(/EACCES|check the --config path/);
    }
  });
});
