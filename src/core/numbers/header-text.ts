/** A CSV header in messages: its columns listed only when the first line looks like a header, long names cut. */

const MAX_SHOWN = 12;

/**
 * List columns for a message, but only when the first line looks like a CSV header: a file that is
 * not a list (a .env, ~/.npmrc, /etc/shadow) must not have its first line echoed. Long names are cut.
 */
export function describeHeader(header: string[], shown: string[]): string {
  if (!looksLikeHeader(header)) return 'the first line does not look like a CSV header; not shown';
  const list = shown.slice(0, MAX_SHOWN).map((c) => JSON.stringify(clip(c)));
  return `columns: ${list.join(', ')}${shown.length > MAX_SHOWN ? `, ... ${shown.length - MAX_SHOWN} more` : ''}`;
}

/**
 * Header cells are short names: no "=" or ":" assignments, no paths (a "/" only between letters, as in HubSpot's
 * "Country/Region"), no long letter-and-digit runs (keys, hashes).
 */
export function looksLikeHeader(header: string[]): boolean {
  if (header.length === 0 || header.length > 500) return false;
  return header.every(
    (h) => h.length <= 64 && !/[=:$\\{}<>]/.test(h) && !/(?<!\p{L})\/|\/(?!\p{L})/u.test(h) && !/[A-Za-z0-9+_-]{24,}/.test(h) && !/^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}$/.test(h),
  );
}

/** A column name cut to 40 characters for a message. */
export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
