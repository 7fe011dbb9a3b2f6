/** Is a number on the suppression list for a message of this category? */
import { readSuppressions } from '../suppressions.js';

export interface SuppressionHit {
  reason: string;
  scope: string;
  at?: string;
}

/** The suppression that forbids this message, or null. */
export function suppressionOf(path: string, e164: string, _category: string): SuppressionHit | null {
  const s = readSuppressions(path).get(e164);
  return s ? { reason: s.reason, scope: 'all', at: s.at } : null;
}
