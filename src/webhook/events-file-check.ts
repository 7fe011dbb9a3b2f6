/** Whether a file is an events file (JSON lines written by webhook serve), checked before it is read or written. */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../core/errors.js';
import { errnoCode } from '../core/caught.js';
import { errnoHint, errnoText } from '../core/environment-errors.js';

const HINT = 'pass the events file written by wa-ops webhook serve (--events, WA_OPS_EVENTS or "events" in the config)';

/** Refuse what is not an events file: missing, a folder, or a first line that is not one of our records (nor, with `payloads`, a Meta webhook body). */
export function checkEventsFile(file: string, o: { payloads?: boolean } = {}): void {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) throw new InputError(`${file}: no such file`, { code: 'file-not-found', hint: HINT });
  refuseOtherFiles(file, file, st, o);
}

/**
 * For the readers of the events file (status, send, send --to), as webhook analyze checks it: a CSV or a folder given
 * by mistake would otherwise fold nothing and report success. Named as the user gave it (`flag` is "--events" when it
 * came from the flag). A missing file is fine: webhook serve has not written one yet.
 */
export function checkEventsPath(path: string, flag?: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st) refuseOtherFiles(path, flag ? `${flag} ${path}` : `the events file ${path}`, st, {});
}

/** A folder, a device, or a file whose first line is not one of our records: exit 2 naming it. */
function refuseOtherFiles(path: string, named: string, st: Stats, o: { payloads?: boolean }): void {
  if (st.isDirectory()) throw new InputError(`${named} is a folder, not an events file`, { code: 'not-a-file', hint: HINT });
  if (!st.isFile()) throw new InputError(`${named} is not a regular file`, { code: 'not-a-file', hint: HINT });
  const expected = o.payloads ? 'JSON lines written by wa-ops webhook serve, or Meta webhook bodies one per line' : 'JSON lines written by wa-ops webhook serve';
  if (!holdsEvents(path, o)) throw new InputError(`${path}:1: not an events file (expected ${expected})`, { code: 'not-an-events-file', hint: HINT });
}

/**
 * Whether a file's first line is one of our records (an empty file counts): what webhook serve checks before it
 * repairs or appends to a file, so that a CSV named as --events is never cut or written to.
 */
export function holdsEvents(file: string, o: { payloads?: boolean } = {}): boolean {
  const { text, whole } = firstLine(file);
  if (text === undefined) return true;
  let ok = false;
  try {
    const r = JSON.parse(text) as { kind?: unknown; key?: unknown };
    ok = typeof r === 'object' && r !== null && ((typeof r.kind === 'string' && typeof r.key === 'string') || (o.payloads === true && isWebhookBody(r)));
  } catch {
    // a torn single line is possible only at the end; a first line that is not JSON means another kind of file
    ok = whole && text.trimStart().startsWith('{"kind"');
  }
  return ok;
}

/** A record can be as long as the body it came from (3 MB, more once escapes are decoded): read that far for its end. */
const MAX_FIRST_LINE = 16 * 1024 * 1024;

/** The first non-blank line, read in blocks until its newline (a history sync is hundreds of KB); `whole`: the file ended first. */
function firstLine(file: string): { text?: string; whole: boolean } {
  try {
    return readFirstLine(file);
  } catch (err) {
    // A file that stats as regular but cannot be read (a failing disk, /proc/self/mem): the user's to fix, named.
    const code = errnoCode(err);
    if (!code) throw err;
    throw new InputError(`${file} ${errnoText(code, 'cannot be read')}`, { code: 'unreadable-file', hint: errnoHint(code) ?? HINT, cause: err });
  }
}

/** firstLine without the error mapping: blocks of 64 KB until a newline after non-blank text. */
function readFirstLine(file: string): { text?: string; whole: boolean } {
  const fd = openSync(file, 'r');
  const parts: Buffer[] = [];
  let pos = 0;
  try {
    while (pos < MAX_FIRST_LINE) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n === 0) break;
      pos += n;
      let from = 0;
      for (let i = chunk.indexOf(0x0a, 0); i >= 0 && i < n; i = chunk.indexOf(0x0a, from)) {
        const line = Buffer.concat([...parts, chunk.subarray(from, i)]).toString('utf8');
        if (line.trim() !== '') return { text: line, whole: false };
        parts.length = 0;
        from = i + 1;
      }
      parts.push(chunk.subarray(from, n));
    }
  } finally {
    closeSync(fd);
  }
  const text = Buffer.concat(parts).toString('utf8');
  return { text: text.trim() === '' ? undefined : text, whole: pos < MAX_FIRST_LINE };
}

/** Is this a Meta webhook POST body (`{"object": ..., "entry": [...]}`) rather than one of our records? */
export function isWebhookBody(x: unknown): x is { object: string; entry: unknown[] } {
  return typeof x === 'object' && x !== null && typeof (x as { object?: unknown }).object === 'string' && Array.isArray((x as { entry?: unknown }).entry);
}
