import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers.js';

const ESC = '\u001b[';

// The built binary on pipes (not a TTY): colour follows NO_COLOR / FORCE_COLOR conventions.
describe('colour conventions (built binary, not a TTY)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'l.csv'), 'phone\n+4915123456789\n');
  const args = ['validate-numbers', join(dir, 'l.csv')];
  it('FORCE_COLOR=1 colours even when not a terminal', async () => {
    const r = await runCli(args, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(ESC);
  });
  it('NO_COLOR wins over FORCE_COLOR; FORCE_COLOR=0 and no variable stay plain', async () => {
    for (const env of [{ NO_COLOR: '1', FORCE_COLOR: '3' }, { NO_COLOR: undefined, FORCE_COLOR: '0' }, { NO_COLOR: undefined, FORCE_COLOR: undefined }]) {
      const r = await runCli(args, { env });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(ESC);
    }
  });
});

describe('doctor --template with an empty language', () => {
  for (const spec of ['name:', 'name::MARKETING']) {
    it(`${spec} is a usage error, not "any language"`, async () => {
      const r = await runCli(['doctor', '--template', spec]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toBe(`wa-ops: --template takes name[:language[:CATEGORY]], got "${spec}": the language is empty (leave out the colon to check every language)`);
    });
  }
  // Every malformed spec is told in the documented form, so the fix reads the same whatever was wrong.
  for (const spec of [':de', 'a:de:MARKETING:x', 'a:de:', 'a:de:PROMO', 'a:German']) {
    it(`${spec} names the documented form`, async () => {
      const r = await runCli(['doctor', '--template', spec]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`wa-ops: --template takes name[:language[:CATEGORY]], got "${spec}": `);
      expect(r.stderr).toContain('e.g. --template spring_sale, spring_sale:de or spring_sale:de:MARKETING');
    });
  }
});
