// A hint is copied as it is printed: every wa-ops command in it (placeholders like <file> aside) must work from where the user stands.
import { describe, expect, it } from 'vitest';
import { runCli, runPrinted, tempDir } from '../helpers.js';

/** The complete `wa-ops ...` commands of a hint line, without those holding a placeholder to fill in. */
function copyableCommands(stderr: string): string[] {
  const hint = /^ {2}hint: (.*)$/m.exec(stderr)?.[1] ?? '';
  return hint
    .split(/[;()]|, or /)
    .map((part) => /wa-ops .*/.exec(part)?.[0].trim())
    .filter((c): c is string => Boolean(c) && !/[<>]/.test(c!));
}

describe('commands printed in hints work when copied', () => {
  it('lint-template with nothing to lint, in a folder without templates/', async () => {
    const cwd = tempDir();
    const r = await runCli(['lint-template'], { cwd });
    expect(r.code).toBe(2);
    const commands = copyableCommands(r.stderr);
    expect(commands.length, r.stderr).toBeGreaterThan(0);
    for (const line of commands) {
      const copied = await runPrinted(line, { cwd });
      expect(copied.code, `${line}\n${copied.stderr}`).toBe(0);
    }
  });
});
