/** Whether a file is an events file (JSON lines written by webhook serve), checked before it is read or written. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';

const HINT = 'pass the events file written by wa-ops webhook serve (--events, WA_OPS_EVENTS or "events" in the config)';

/** Refuse what is not an events file: missing, a folder, or a first line that is not one of our records (nor, with `payloads`, a Meta webhook body). */
export function checkEventsFile(file: string, o: { payloads?: boolean } = {}): void {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(`${file}: no such file`, { code: 'file-not-found', hint: HINT });
  }
  if (st.isDirectory()) throw new InputError(`${file} is a folder, not an events file`, { code: 'not-a-file', hint: HINT });
  if (!st.isFile()) throw new InputError(`${file} is not a regular file`, { code: 'not-a-file', hint: HINT });
  const expected = o.payloads ? 'JSON lines written by wa-ops webhook serve, or Meta webhook bodies one per line' : 'JSON lines written by wa-ops webhook serve';
  if (!holdsEvents(file, o)) throw new InputError(`${file}:1: not an events file (expected ${expected})`, { code: 'not-an-events-file', hint: HINT });
}

/**
 * Whether a file's first line is one of our records (an empty file counts): what webhook serve checks before it
 * repairs or appends to a file, so that a CSV named as --events is never cut or written to.
 */
export function holdsEvents(file: string, o: { payloads?: boolean } = {}): boolean {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const first = buf.subarray(0, n).toString('utf8').split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return true;
  let ok = false;
  try {
    const r = JSON.parse(first) as { kind?: unknown; key?: unknown };
    ok = typeof r === 'object' && r !== null && ((typeof r.kind === 'string' && typeof r.key === 'string') || (o.payloads === true && isWebhookBody(r)));
  } catch {
    // a torn single line is possible only at the end; a first line that is not JSON means another kind of file
    ok = first.length === n && n < buf.length && first.trimStart().startsWith('{"kind"');
  }
  return ok;
}


/** Is this a Meta webhook POST body (`{"object": ..., "entry": [...]}`) rather than one of our records? */
export function isWebhookBody(x: unknown): x is { object: string; entry: unknown[] } {
  return typeof x === 'object' && x !== null && typeof (x as { object?: unknown }).object === 'string' && Array.isArray((x as { entry?: unknown }).entry);
}
