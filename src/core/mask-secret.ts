/** How a secret is shown: its last 4 characters at most, nothing of a short one (4 of 8 would give half of it away). */

/** Show a secret as its last 4 characters at most; a secret of 8 characters or fewer as **** alone. */
export function maskSecret(value: string | undefined): string {
  if (!value) return '(not set)';
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}
