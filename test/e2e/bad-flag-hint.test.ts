import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixtures, runCli } from '../helpers.js';

describe('a bad flag value says where the accepted values are', () => {
  it('send --limit 1.5 --json: exit 2, one JSON error whose hint names the command\'s --help', async () => {
    const r = await runCli(['send', '--campaign', join(fixtures, 'campaigns', 'land-column.json'), '--limit', '1.5', '--json']);
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.code).toBe('bad-flag');
    expect(error.hint).toBe('run wa-ops send --help for its flags and their values');
  });

  it('webhook serve --port 99999: the hint names the subcommand, on stderr without --json', async () => {
    const r = await runCli(['webhook', 'serve', '--port', '99999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hint: run wa-ops webhook serve --help');
  });
});
