/** The region a `--country` flag or a campaign's `defaultCountry` names: an ISO 3166-1 alpha-2 code libphonenumber knows. */
import { ISO3 } from './country-names.js';

// Every region with a numbering plan (ISO3 lists them all but AC and TA, which have no alpha-3 code).
const REGIONS = new Set([...ISO3.split(' ').map((e) => e.slice(0, 2)), 'AC', 'TA']);
// Codes people write for a region that are not its ISO code.
const NOT_ISO: Record<string, string> = { UK: 'GB', EL: 'GR', D: 'DE', A: 'AT' };

/** Whether a (trimmed, upper-case) code is a region with a numbering plan. */
export function isKnownRegion(code: string): boolean {
  return REGIONS.has(code);
}

/** The ISO code meant by a code that is not one ("UK" -> "GB", "EL" -> "GR"), or undefined. */
export function isoCodeFor(code: string): string | undefined {
  return NOT_ISO[code.trim().toUpperCase()];
}
