// The README's examples run as written from a fresh clone: fixture paths exist, offline commands run.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** `$ wa-ops ...` lines of console blocks (continuations joined), without leading VAR=... assignments. */
const commands = [...readme.matchAll(/^\$ (?:[A-Z_]+=\S+ )*wa-ops ((?:.*\\\n)*.+)$/gm)].map((m) => m[1].replace(/\\\n\s*/g, ' ').replace(/\s+2>\/dev\/null$/, ''));

function args(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((a) => a.replace(/^["']|["']$/g, ''));
}

describe('README examples', () => {
  it('name only files that a clone has (fixtures/...)', () => {
    expect(commands.length).toBeGreaterThan(15);
    for (const line of commands) {
      for (const a of args(line).filter((x) => x.startsWith('fixtures/'))) expect(existsSync(join(root, a)), `${line}: ${a}`).toBe(true);
    }
  });

  it('the offline ones (validate-numbers, lint-template) run as written', async () => {
    const dir = tempDir();
    symlinkSync(join(root, 'fixtures'), join(dir, 'fixtures'));
    const offline = commands.filter((l) => /^(validate-numbers|lint-template) /.test(l) && !/[|>]/.test(l));
    expect(offline.length).toBeGreaterThanOrEqual(4);
    for (const line of offline) {
      const r = await runCli(args(line), { cwd: dir });
      expect([0, 1], `wa-ops ${line}\n${r.stderr}`).toContain(r.code);
    }
  }, 60_000);
});
