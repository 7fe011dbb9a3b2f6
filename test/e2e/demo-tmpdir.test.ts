// The demo's temporary folder cannot be made: one line naming TMPDIR's folder and what is wrong, exit 2.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('demo with an unusable TMPDIR', () => {
  it('says which folder and why, with the hint to set TMPDIR; exit 2', async () => {
    const r = await runCli(['demo'], { env: { TMPDIR: '/nonexistent-wa-ops-tmp' } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("wa-ops: cannot make the demo's folder in /nonexistent-wa-ops-tmp: it does not exist");
    expect(r.stderr).toMatch(/hint: set TMPDIR/);
  });
});
