/** One error, one failure: a check that could not run for the very error an earlier check reported is skipped, pointing there. */
import { skip, type CheckResult } from './types.js';

const COULD_NOT = 'could not check: ';

/**
 * Two requests refused for the same reason (a wrong WABA id refuses both subscribed_apps and message_templates)
 * fail the first check that hit it; the later ones are skipped with "same error as <id>", so one cause reads as one failure.
 */
export function skipRepeatedFailures(checks: CheckResult[]): CheckResult[] {
  const seen = new Map<string, string>();
  return checks.map((c) => {
    if (c.status !== 'fail' || !c.detail.startsWith(COULD_NOT)) return c;
    const first = seen.get(c.detail);
    if (first === undefined) {
      seen.set(c.detail, c.id);
      return c;
    }
    return skip(c.id, c.title, `skipped: same error as ${first}`);
  });
}
