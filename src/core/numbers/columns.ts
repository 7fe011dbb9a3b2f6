/** Find the phone column (and a country column) in a CSV header. */

export const PHONE_HEADERS = ['phone', 'phone_number', 'mobile', 'msisdn', 'number', 'tel', 'whatsapp', 'to', 'wa_id'];

/** Header names compared the way people write them: case, spaces and dashes do not matter. */
export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export type ColumnPick = { ok: true; index: number } | { ok: false; problem: 'none' | 'several' | 'unknown'; candidates: string[] };

/** Pick the phone column: the named one, else the single header among the known phone names. */
export function pickPhoneColumn(header: string[], wanted?: string): ColumnPick {
  if (wanted !== undefined) return pickNamed(header, wanted);
  const matches = header.map((h, i) => [normaliseHeader(h), i] as const).filter(([h]) => PHONE_HEADERS.includes(h));
  if (matches.length === 1) return { ok: true, index: matches[0][1] };
  if (matches.length === 0) return { ok: false, problem: 'none', candidates: header };
  return { ok: false, problem: 'several', candidates: matches.map(([, i]) => header[i]) };
}

/** Find a column by the name a user typed (exact first, then normalised). */
export function pickNamed(header: string[], wanted: string): ColumnPick {
  let index = header.indexOf(wanted);
  if (index < 0) index = header.findIndex((h) => normaliseHeader(h) === normaliseHeader(wanted));
  return index >= 0 ? { ok: true, index } : { ok: false, problem: 'unknown', candidates: header };
}
