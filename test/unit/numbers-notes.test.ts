// The warnings validate-numbers prints about a list's cells.
import { describe, expect, it } from 'vitest';
import type { NumbersSummary } from '../../src/core/numbers/tally.js';
import { cellWarnings } from '../../src/ui/numbers-notes.js';

const summary = (reasons: Record<string, number>, regions: Record<string, number>): NumbersSummary =>
  ({
    reasons,
    regions,
    valid: Object.values(regions).reduce((a, b) => a + b, 0),
    unknownCountries: { count: 0, values: [] },
    ambiguousCountries: { count: 0, values: [] },
    fieldCountMismatches: { count: 0, lines: [] },
  }) as unknown as NumbersSummary;

describe('rows without any country in a list of one country', () => {
  it('names the region most numbers are in and the flag, never reads them there itself', () => {
    expect(cellWarnings(summary({ 'missing-country-code': 2 }, { DE: 3, AT: 1 }), undefined)).toEqual([
      '2 rows have no country code and no country (missing-country-code); 3 of the list\'s 4 valid numbers are DE: if these are too, run again with --country DE',
    ]);
  });

  it('says nothing with --country, for a mixed list, or with too few numbers to tell', () => {
    expect(cellWarnings(summary({ 'missing-country-code': 2 }, { DE: 3 }), 'DE')).toEqual([]);
    expect(cellWarnings(summary({ 'missing-country-code': 2 }, { DE: 2, AT: 2 }), undefined)).toEqual([]);
    expect(cellWarnings(summary({ 'missing-country-code': 2 }, { DE: 2 }), undefined)).toEqual([]);
  });
});
