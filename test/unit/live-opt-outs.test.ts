import { describe, expect, it } from 'vitest';
import { LiveOptOuts } from '../../src/io/campaign/live-opt-outs.js';
import { suppressionRecord, type SuppressionRecord } from '../../src/io/suppressions.js';
import { foldSuppressions } from '../../src/core/suppressions/fold.js';

describe('LiveOptOuts', () => {
  it('reads the list only when its version changed, reports each new opt-out once, and honours a marketing-only scope', async () => {
    const records: SuppressionRecord[] = [];
    let version = 0;
    let reads = 0;
    const src = { version: async () => String(version), read: async () => (reads++, foldSuppressions([...records])) };
    const targets = [
      { e164: '+491700000001', line: 2 },
      { e164: '+491700000002', line: 3 },
      { e164: '+491700000003', line: 4 },
    ];
    const live = new LiveOptOuts(src, targets, 'UTILITY', () => Date.parse('2026-12-02T10:00:00Z'));
    expect(await live.check()).toEqual([]);
    expect(await live.check()).toEqual([]);
    expect(reads).toBe(1); // unchanged: not read again
    records.push(suppressionRecord({ e164: '+491700000002', reason: 'stop-word', scope: 'all' }));
    records.push(suppressionRecord({ e164: '+491700000003', reason: 'marketing-opt-out', scope: 'marketing' }));
    version++;
    expect(await live.check()).toEqual([{ item: 1, event: { t: 'skipped', r: '+491700000002', line: 3, reason: 'suppressed: stop-word', at: '2026-12-02T10:00:00.000Z' } }]);
    version++;
    expect(await live.check()).toEqual([]); // reported once
  });
});
