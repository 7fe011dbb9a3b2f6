/** A check that reads an API answer of an unexpected shape fails as a finding, not as a wa-ops bug. */
import type { CheckResult } from './types.js';

/**
 * Checks read the API's answers as typed; an answer of another shape (a proxy, a look-alike server)
 * fails that check with what went wrong instead of ending doctor as a wa-ops bug (exit 70).
 */
export function shapeGuard(id: string, title: string, check: () => CheckResult | CheckResult[]): CheckResult[] {
  try {
    const r = check();
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return [{ id, title, status: 'fail', detail: `the API answered in a shape wa-ops does not understand (${err.message})`, hint: 'check that the Graph URL points at the Graph API (or the wa-ops sandbox)' }];
  }
}
