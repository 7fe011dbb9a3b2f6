/** Quoting for the commands wa-ops prints for the user to copy: every word survives a POSIX shell as written. */

/** Quote a word for a POSIX shell when it holds anything beyond letters, digits and _ . / : = @ % + - (a comma is quoted too). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
