import { describe, expect, it } from 'vitest';
import { unknownAdvice } from '../../src/core/campaign/unknown-advice.js';

describe('unknownAdvice', () => {
  it('says nothing when no recipient is unknown', () => {
    expect(unknownAdvice(0, 5, { campaign: 'c.json' })).toBeUndefined();
  });

  it('prints the resend command with --retry-unknown, the run options, and no --limit (a limit would cut the resend short)', () => {
    const text = unknownAdvice(3, 0, { campaign: 'my camp.json', intervalMs: 250, limit: 2, yes: true })!;
    expect(text).toMatch(/^3 recipients are unknown: /);
    expect(text).toContain('get it twice: wa-ops send --campaign \'my camp.json\' --interval 250ms --retry-unknown --yes');
    expect(text).not.toContain('--limit');
  });

  it('says that the resend also sends to those still pending, and leaves --yes out when the operator was asked', () => {
    const text = unknownAdvice(1, 1234, { campaign: 'c.json', yes: false })!;
    expect(text).toMatch(/^1 recipient is unknown: /);
    expect(text).toContain('(and to the 1,234 still pending)');
    expect(text).toMatch(/wa-ops send --campaign c\.json --retry-unknown$/);
  });
});
