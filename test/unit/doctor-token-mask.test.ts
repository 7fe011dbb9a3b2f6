import { describe, expect, it } from 'vitest';
import { configChecks } from '../../src/core/doctor/config-checks.js';
import { dotenvGitCheck } from '../../src/core/doctor/dotenv-git-check.js';

const base = { phoneNumberId: '1', wabaId: '2', apiVersion: 'v23.0', today: '2026-01-01' };

describe('config.token shows no more of the token than its last 4 characters', () => {
  it('a short token (a test value, a paste gone wrong) is not shown at all', () => {
    for (const tokenSource of ['.env', 'config']) {
      const c = configChecks({ ...base, token: 'abc', tokenSource })[0];
      expect(c.detail).toContain('(****)');
      expect(c.detail).not.toContain('abc');
    }
  });
  it('a real-length token shows its last 4', () => {
    expect(configChecks({ ...base, token: 'EAAG' + 'x'.repeat(40) + 'wxyz', tokenSource: 'env' })[0].detail).toBe('set from env (****wxyz)');
  });
});

describe('config.env-git commands quote the folder', () => {
  it('a folder with a space and a quote is one shell word in each command', () => {
    const c = dotenvGitCheck({ tracked: true, ignored: false, dir: "/tmp/my app's" });
    expect(c.hint).toContain(`git -C '/tmp/my app'\\''s' rm --cached --quiet -- .env && printf '\\n.env\\n' >> '/tmp/my app'\\''s/.gitignore'`);
  });
});
