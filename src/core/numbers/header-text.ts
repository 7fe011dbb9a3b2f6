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

/**
 * The 1-based position of a header cell that is a phone number (`0170 1234567`, `+49 170 1234567`), else 0: such a
 * first line is a customer, not column names, and reading it as a header would leave that customer out silently.
 * Dates (`01.12.2026`, `2026-12-01`) are no phone numbers: a title line above the header may carry one.
 */
export function phoneCellInHeader(header: readonly string[]): number {
  const i = header.findIndex((h) => {
    const t = h.trim();
    if (!/^\+?\(?\d[\d ()./-]*$/.test(t) || /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(t)) return false;
    const digits = t.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 17;
  });
  return i + 1;
}
