/**
 * Readers of the webhook events file (status, send) refuse a path that is not one, as webhook analyze
 * does: a CSV or a folder given by mistake would otherwise fold nothing and report success.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';

const HINT = 'pass the events file written by wa-ops webhook serve (--events, WA_OPS_EVENTS or "events" in the config)';

/** Does this first line look like a record of the events file (a JSON object with a string "kind" and "key")? */
function isEventsLine(line: string, wholeRead: boolean): boolean {
  try {
    const r: unknown = JSON.parse(line);
    if (typeof r !== 'object' || r === null) return false;
    const fields = new Map<string, unknown>(Object.entries(r));
    return typeof fields.get('kind') === 'string' && typeof fields.get('key') === 'string';
  } catch {
    // A file whose only line was cut short by a crash is still ours.
    return wholeRead && line.trimStart().startsWith('{"kind"');
  }
}

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
  const buf = Buffer.alloc(64 * 1024);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = buf.subarray(0, n).toString('utf8');
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return;
  if (!isEventsLine(first, first.length === n && n < buf.length)) {
    throw new InputError(`${path}:1: not an events file (expected JSON lines written by wa-ops webhook serve)`, { code: 'not-an-events-file', hint: HINT });
  }
}
