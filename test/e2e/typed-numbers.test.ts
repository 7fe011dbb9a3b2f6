// Numbers typed on the command line: no spreadsheet dropped their leading 0, so "17012345678" with --country DE
// stays ambiguous there (a list's row reads it as the German mobile, leading-zero-restored).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('a typed number that is a German national number without its 0, or a +1 number without its "+"', () => {
  it('send --to refuses it with both readings (exit 2), nothing sent', async () => {
    const r = await runCli(['send', '--to', '17012345678', '--country', 'DE', '--template', 'hello_world:en_US']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(ambiguous-country-code)');
    expect(r.stderr).toContain('it reads as +17012345678 or +4917012345678: write it with "+" or with its leading 0');
  });

  it('suppressions add refuses it likewise, nothing changed', async () => {
    const r = await runCli(['suppressions', 'add', '17012345678', '--country', 'DE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it reads as +17012345678 or +4917012345678');
  });
});
