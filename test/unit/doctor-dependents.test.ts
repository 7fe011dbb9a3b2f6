import { describe, expect, it } from 'vitest';
import { skipTokenDependents } from '../../src/core/doctor/dependent-facts.js';
import { skipRepeatedFailures } from '../../src/core/doctor/repeated-failures.js';
import { fail, pass } from '../../src/core/doctor/types.js';

const refused = (code: number) => ({ ok: false as const, error: `(#${code}) refused`, code });
const valid = (scopes: string[]) => ({ ok: true as const, value: { is_valid: true, expires_at: 0, scopes } });

describe('skipTokenDependents', () => {
  it('skips the facts refused with 190 when debug_token already refused the token', () => {
    const f = skipTokenDependents({ debugToken: refused(190), phone: refused(190), apps: refused(190), templates: refused(100) });
    expect(f.phone).toMatchObject({ skipped: expect.stringMatching(/token\.valid/) });
    expect(f.apps).toMatchObject({ skipped: expect.stringMatching(/token\.valid/) });
    expect(f.templates).not.toHaveProperty('skipped');
  });

  it('skips permission errors (#10, #200) when token.scopes already shows a permission missing', () => {
    const f = skipTokenDependents({ debugToken: valid(['whatsapp_business_management']), phone: refused(200), apps: refused(10), templates: refused(100) });
    expect(f.phone).toMatchObject({ skipped: expect.stringMatching(/token\.scopes/) });
    expect(f.apps).toMatchObject({ skipped: expect.stringMatching(/token\.scopes/) });
    expect(f.templates).not.toHaveProperty('skipped');
  });

  it('skips the WABA requests refused (#100, #200) when the WABA is not among the token\'s targets; the phone stays a finding', () => {
    const debugToken = { ok: true as const, value: { is_valid: true, expires_at: 0, scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'], granular_scopes: [{ scope: 'whatsapp_business_management', target_ids: ['1'] }] } };
    const f = skipTokenDependents({ debugToken, phone: refused(100), apps: refused(100), templates: refused(200) }, '999');
    expect(f.apps).toMatchObject({ skipped: expect.stringMatching(/token\.waba-access/) });
    expect(f.templates).toMatchObject({ skipped: expect.stringMatching(/token\.waba-access/) });
    expect(f.phone).not.toHaveProperty('skipped');
    expect(skipTokenDependents({ debugToken, phone: refused(100), apps: refused(100), templates: refused(200) }, '1').apps).not.toHaveProperty('skipped');
  });

  it('leaves a permission error alone when the token has both permissions (that failure is news)', () => {
    const f = skipTokenDependents({ debugToken: valid(['whatsapp_business_management', 'whatsapp_business_messaging']), phone: refused(200), apps: refused(190), templates: { ok: true as const, value: [] } });
    expect(f.phone).not.toHaveProperty('skipped');
    expect(f.apps).not.toHaveProperty('skipped');
  });
});

describe('skipRepeatedFailures', () => {
  it('keeps the first failure of an error and skips the later ones pointing at it', () => {
    const out = skipRepeatedFailures([pass('a', 'A', 'ok'), fail('b', 'B', 'could not check: (#100) x', 'h'), fail('c', 'C', 'could not check: (#100) x', 'h'), fail('d', 'D', 'RED', 'h')]);
    expect(out.map((c) => c.status)).toEqual(['pass', 'fail', 'skip', 'fail']);
    expect(out[2].detail).toBe('skipped: same error as b');
  });
});
