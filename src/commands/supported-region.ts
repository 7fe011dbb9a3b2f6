/** Is a two-letter code a region libphonenumber knows? (Loads its metadata: only for commands that classify numbers here.) */
import { getCountries } from 'libphonenumber-js/max';

let regions: Set<string> | undefined;

/** True for a region with a numbering plan, e.g. DE or US (libphonenumber's list, read once). */
export function isSupportedRegion(code: string): boolean {
  regions ??= new Set<string>(getCountries());
  return regions.has(code);
}
