/**
 * Meta refusing a recipient's parameter values (132018 and the other value refusals): the values come from that
 * recipient's row, so one refusal fails that recipient and the run goes on. The same refusal for several recipients in a
 * row is the campaign's mapping or a column refused alike for everyone: marking them all failed would burn the list, so
 * the verdict waits until the streak breaks (then failed), and at PARAM_STREAK the run stops with them pending (exit 3).
 */
import type { EngineAction, EngineState, ErrorFacts } from './engine-types.js';
import { KNOWN_CODES } from '../graph/actions.js';
import { beginStop, record } from './engine-primitives.js';

/** Consecutive parameter refusals that stop the run. */
export const PARAM_STREAK = 5;
/** Codes refusing a value of the request built from the recipient's row: 132018 (newline, tab, 5+ spaces in a parameter), 132005 (the text with the values too long), 131008, 131009, 100. */
const PARAM_CODES = new Set<number | string>([132018, 132005, 131008, 131009, 100]);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Whether the refusal is held until the streak breaks: one of the recipient's parameter values, or a code wa-ops does
 * not know (no verdict on the recipient either: the same unknown code for everyone must not burn the list).
 */
export function isParamRefusal(e: ErrorFacts): boolean {
  return e.action === 'fail-recipient' && (PARAM_CODES.has(e.code) || (typeof e.code === 'number' && !KNOWN_CODES.includes(e.code)));
}

/** One more refusal in the streak: held pending (recorded so: a crash leaves it to be sent again), the run stopped at PARAM_STREAK. */
export function onParamRefused(st: EngineState, acts: EngineAction[], now: number, item: number, e: ErrorFacts): void {
  const r = st.cfg.items[item].e164;
  record(st, acts, { t: 'retry-at', r, until: iso(now), code: e.code, at: iso(now) });
  st.thisRun.deferred++;
  st.settled++;
  st.paramHeld.push({ r, e });
  if (st.paramHeld.length < PARAM_STREAK) return;
  const held = st.paramHeld.splice(0);
  const first = held[0].e;
  const values = PARAM_CODES.has(first.code);
  const who = held.map((h) => h.r).join(', ');
  beginStop(st, now, {
    outcome: 'aborted',
    code: values ? 'parameter-refusals' : 'repeated-refusals',
    message: `${held.length} recipients in a row refused ${values ? 'for their parameter values' : `with error ${first.code}, a code wa-ops does not know`} (${first.code}: ${first.details ?? first.message}; ${who})`,
    hint: values
      ? 'the values are refused alike for everyone: check the campaign\'s "parameters" mapping and those columns (the same send command with --dry-run renders each payload); nobody was marked failed: run the same command again after the fix'
      : 'the same refusal for everyone is no verdict on them: read the details, check metastatus.com and the campaign (wa-ops doctor --campaign); nobody was marked failed: run the same command again once it is understood',
    exit: 3,
  }, st.cfg.drainMs);
}

/** The streak broke (another answer came) or the run is done: each held recipient was refused for its own values, so failed. */
export function settleParamRefusals(st: EngineState, acts: EngineAction[], now: number): void {
  for (const { r, e } of st.paramHeld.splice(0)) {
    record(st, acts, { t: 'failed', r, code: e.code, details: e.details ?? e.message, action: e.action, at: iso(now) });
    st.thisRun.deferred--;
    st.thisRun.failed++;
  }
}
