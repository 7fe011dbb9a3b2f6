/** What validate-numbers says on stderr besides the report: the progress line and warnings about the list's cells. */
import { mobileCapable } from '../core/numbers/readings.js';
import type { NumbersSummary } from '../core/numbers/tally.js';
import { plural } from './plural.js';
import { fmtDuration, fmtInt } from './progress.js';

/** The progress line: rows, rate, and (for a file of known size) share and time left. */
export function validatingLine(rows: number, bytesRead: number, totalBytes: number, secs: number): string {
  const rate = rows / Math.max(secs, 0.001);
  const share = totalBytes > 0 ? bytesRead / totalBytes : 0;
  const eta = share > 0.01 ? fmtDuration((secs / share) * (1 - share)) : '?';
  return `validating: ${fmtInt(rows)} rows, ${fmtInt(rate)} rows/s${totalBytes > 0 ? `, ${Math.round(share * 100)} %, ETA ${eta}` : ''}`;
}

/** Warnings about country cells that name no country or several, and rows with another number of fields, with examples. */
export function cellWarnings(summary: NumbersSummary, country: string | undefined): string[] {
  const warnings: string[] = [];
  const u = summary.unknownCountries;
  if (u.count > 0) {
    const fallback = country ? `read in the default region ${country}` : 'numbers without a country code there are missing-country-code';
    warnings.push(`${plural(u.count, 'row has', 'rows have')} a country cell that names no country (${examples(u.values, u.count)}): ${fallback}`);
  }
  const a = summary.ambiguousCountries;
  if (a.count > 0) {
    warnings.push(`${plural(a.count, 'row has', 'rows have')} a country cell that fits several countries (${examples(a.values, a.count)}) and a number valid in both or neither: marked invalid; write the country as ISO2 (DE) or the number with "+"`);
  }
  const home = missingCountryHint(summary, country);
  if (home) warnings.push(home);
  const m = summary.fieldCountMismatches;
  if (m.count > 0) {
    warnings.push(`${plural(m.count, 'row has', 'rows have')} another number of fields than the header (line ${m.lines.join(', ')}${m.count > m.lines.length ? ', ...' : ''}): check the delimiter and the quoting`);
  }
  return warnings;
}

/** The example cells, quoted, with "..." when there were more. */
function examples(values: string[], count: number): string {
  return `${values.map((v) => JSON.stringify(v)).join(', ')}${count > values.length ? ', ...' : ''}`;
}

/** Without --mobile-only: how many valid numbers cannot be a mobile (landlines, toll-free ...), which WhatsApp users seldom are; undefined when none. */
export function notMobileTip(summary: NumbersSummary): string | undefined {
  const kinds = Object.entries(summary.types).filter(([type, n]) => n > 0 && !mobileCapable(type));
  const count = kinds.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return undefined;
  const which = kinds.map(([type, n]) => `${type} ${fmtInt(n)}`).join(', ');
  return `${plural(count, 'valid number cannot', 'valid numbers cannot')} be a mobile (${which}): WhatsApp seldom reaches them; --mobile-only marks them not-mobile`;
}

/**
 * Rows without a country code and without a country, in a list whose valid numbers are nearly all of one region:
 * say which, and the flag that reads them there. Only said, never assumed: the rows stay missing-country-code.
 */
function missingCountryHint(summary: NumbersSummary, country: string | undefined): string | undefined {
  const missing = summary.reasons['missing-country-code'] ?? 0;
  if (missing === 0 || country !== undefined || summary.valid < 3) return undefined;
  const [top, n] = Object.entries(summary.regions).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (!/^[A-Z]{2}$/.test(top) || n < summary.valid * 0.75) return undefined;
  return `${plural(missing, 'row has', 'rows have')} no country code and no country (missing-country-code); ${fmtInt(n)} of the list's ${fmtInt(summary.valid)} valid numbers are ${top}: if these are too, run again with --country ${top}`;
}
