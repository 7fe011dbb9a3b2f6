/**
 * Readers of the webhook events file (status, send) refuse a path that is not one, as webhook analyze
 * does: a CSV or a folder given by mistake would otherwise fold nothing and report success.
 */
import { statSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { holdsEvents } from '../webhook/events-file-check.js';

const HINT = 'pass the events file written by wa-ops webhook serve (--events, WA_OPS_EVENTS or "events" in the config)';

/**
 * Refuse an events path that is a folder, a device or another kind of file, naming it as the user gave it
 * (`flag` is "--events" when it came from the flag). A missing file is fine: webhook serve has not written one yet.
 */
export function checkEventsPath(path: string, flag?: string): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  const named = flag ? `${flag} ${path}` : `the events file ${path}`;
  if (st.isDirectory()) throw new InputError(`${named} is a folder, not an events file`, { code: 'not-a-file', hint: HINT });
  if (!st.isFile()) throw new InputError(`${named} is not a regular file`, { code: 'not-a-file', hint: HINT });
  if (!holdsEvents(path)) throw new InputError(`${path}:1: not an events file (expected JSON lines written by wa-ops webhook serve)`, { code: 'not-an-events-file', hint: HINT });
}
