import { describe, expect, it } from 'vitest';
import { missingOptOuts } from '../../src/core/suppressions/back-fill.js';
import { foldSuppressions } from '../../src/core/suppressions/fold.js';
import type { RecipientState } from '../../src/core/campaign/recipient-state.js';
import type { SuppressionRecord } from '../../src/core/suppressions/record.js';

const T = Date.parse('2026-12-03T10:00:00Z');
const failed = (r: string, code: number | string = 131050, at = T): RecipientState => ({ r, status: 'failed', attempts: 1, code, failedEvidence: true, lastAttemptAt: at });
const rec = (op: 'add' | 'lift', e164: string, at: number, scope: 'all' | 'marketing' = 'marketing'): SuppressionRecord => ({ v: 2, op, e164, reason: '131050', scope, source: 'cli', at: new Date(at).toISOString() });

describe('missingOptOuts: 131050s the ledger holds and the list lost', () => {
  it('adds a marketing-only record for each, dated at the attempt, and nothing for other codes', () => {
    const out = missingOptOuts([failed('+491701111111'), failed('+491702222222', 131026)], foldSuppressions([]), 'campaign c');
    expect(out).toEqual([expect.objectContaining({ op: 'add', e164: '+491701111111', scope: 'marketing', reason: '131050', by: 'campaign c', at: new Date(T).toISOString() })]);
  });

  it('leaves alone a number the list still suppresses, or holds any record of since the attempt (a lift stays a lift)', () => {
    const list = foldSuppressions([rec('add', '+491701111111', T - 5000, 'all'), rec('add', '+491702222222', T), rec('lift', '+491702222222', T + 60_000)]);
    expect(missingOptOuts([failed('+491701111111'), failed('+491702222222')], list, 'c')).toEqual([]);
  });

  it('restores one lifted before the failure (the list lost the later add), and reads a Brazilian wa_id without the 9 as the same number', () => {
    const lifted = foldSuppressions([rec('add', '+491703333333', T - 86_400_000), rec('lift', '+491703333333', T - 3_600_000)]);
    expect(missingOptOuts([failed('+491703333333')], lifted, 'c')).toHaveLength(1);
    const br = foldSuppressions([rec('lift', '+551191234567', T + 1000)]);
    expect(missingOptOuts([failed('+5511991234567')], br, 'c')).toEqual([]);
  });
});
