/**
 * Read a small text file a user named (a config, a .env, a campaign, a PEM): a regular file of bounded
 * size, or one line that says what it is instead. Opened non-blocking and checked on the open
 * descriptor, so a FIFO or /dev/zero put in its place cannot hang or exhaust wa-ops.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { errnoCode } from '../core/caught.js';
import { errnoHint, errnoText } from '../core/environment-errors.js';
import { InputError } from '../core/errors.js';
import { describeSpecial } from './input-file.js';

/** How a small text file (config, .env, template) is read: its name for messages, its size cap, the error code. */
export interface ReadTextOptions {
  /** What the file is, for messages: "config file", "campaign file". */
  what: string;
  /** Larger files are refused (far above any real one). */
  maxBytes: number;
  /** Error code and hint for every refusal. */
  code: string;
  hint?: string;
}

/** The UTF-8 text of `path`; undefined when it does not exist and `missingOk`. Throws InputError otherwise. */
export function readTextFile(path: string, o: ReadTextOptions & { missingOk: true }): string | undefined;
/** Read a small text file in one bounded read; a FIFO, a device or an oversized file is an input error. */
export function readTextFile(path: string, o: ReadTextOptions & { missingOk?: false }): string;
/** Either of the above, as the caller's `missingOk` says. */
export function readTextFile(path: string, o: ReadTextOptions & { missingOk?: boolean }): string | undefined;
export function readTextFile(path: string, o: ReadTextOptions & { missingOk?: boolean }): string | undefined {
  return readBytes(path, o)?.toString('utf8');
}

/** The bytes of `path` under the same rules (a PEM, a medium). */
export function readBytes(path: string, o: ReadTextOptions & { missingOk?: boolean }): Buffer | undefined {
  const fail = (why: string) => new InputError(`${o.what} ${path} ${why}`, { code: o.code, hint: o.hint });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' && o.missingOk) return undefined;
    // Permission denied: the caller's hint (check the path, remove it) would not help; the file's permissions would.
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${o.what} ${path} ${errnoText(code)}`, { code: o.code, hint: errnoHint(code) });
    throw fail(errnoText(code, 'cannot be read'));
  }
  try {
    const st = fstatSync(fd);
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // gone since: the descriptor still tells what it is
    }
    // (The advice to pipe a FIFO into "-" is for lists; these files are read by name only.)
    const special = st.isDirectory() ? errnoText('EISDIR') : describeSpecial(real, st)?.replace(/: pipe it into standard input.*$/, '');
    if (special) throw fail(special);
    if (st.size > o.maxBytes) throw fail(`is ${st.size.toLocaleString('en-US')} bytes, too large for a ${o.what} (at most ${o.maxBytes.toLocaleString('en-US')})`);
    // Read until the end, never past maxBytes, whatever the size said (a file can grow while it is read).
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(st.size - total, 0) + 1, 1 << 20, o.maxBytes + 1 - total));
      const r = readSync(fd, chunk, 0, chunk.length, null);
      if (r === 0) break;
      parts.push(chunk.subarray(0, r));
      total += r;
      if (total > o.maxBytes) throw fail(`grew past ${o.maxBytes.toLocaleString('en-US')} bytes while it was read`);
    }
    return Buffer.concat(parts, total);
  } finally {
    closeSync(fd);
  }
}
