// The validation threads' heap caps: flat for the default record cap, with room for a record the user allowed.
import { describe, expect, it } from 'vitest';
import { THREAD_LIMITS, threadLimits } from '../../src/io/numbers/validate-capped.js';
import { DEFAULT_CSV_LIMITS } from '../../src/io/csv/record-splitter.js';

describe('threadLimits', () => {
  it('keeps the benchmark caps for the default and smaller record caps', () => {
    expect(threadLimits(undefined)).toBe(THREAD_LIMITS);
    expect(threadLimits(DEFAULT_CSV_LIMITS)).toBe(THREAD_LIMITS);
    expect(threadLimits({ maxLine: 1000, maxField: 100 })).toBe(THREAD_LIMITS);
  });

  it('adds room for a raised --max-line-length (a 60 M-character record needs more than 64 MB)', () => {
    const raised = threadLimits({ maxLine: 60_000_000, maxField: 60_000_000 });
    expect(raised.maxOldGenerationSizeMb).toBeGreaterThanOrEqual(64 + 228);
    expect(raised.maxYoungGenerationSizeMb).toBe(THREAD_LIMITS.maxYoungGenerationSizeMb);
  });
});
