/** What makes a path a ledger wa-ops may append to: a regular file, in a folder that exists, that starts like a ledger. */
import { existsSync, fstatSync, lstatSync, readlinkSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../core/errors.js';

/** Length of the part of an open file that ends with a newline (searching back from the end in blocks). */
export function intactLength(fd: number): number {
  const size = fstatSync(fd).size;
  const block = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - block.length);
    const n = readSync(fd, block, 0, end - start, start);
    const nl = block.subarray(0, n).lastIndexOf(10);
    if (nl !== -1) return start + nl + 1;
    end = start;
  }
  return 0;
}

/** Is there a symbolic link at this path (dangling or not)? */
export function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A ledger is a regular file at its own name: a symlink or a device there is refused before anything is touched. */
export function refuseForeign(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) {
    throw new InputError(`the ledger ${path} is a symbolic link (to ${readlinkSync(path)}): wa-ops appends only to a regular file`, {
      code: 'ledger-is-symlink',
      hint: 'if that is your ledger, pass its real path with --ledger',
    });
  }
  if (!st.isFile()) throw new InputError(`the ledger ${path} is not a regular file`, { code: 'not-a-ledger', hint: 'pass --ledger with the path of a file' });
}

/** The first bytes of a ledger are an event, `{"t":...` (or a prefix of it, when the very first write was torn). */
export function looksLikeLedger(fd: number): boolean {
  const head = Buffer.alloc(64);
  const n = readSync(fd, head, 0, head.length, 0);
  const text = head.subarray(0, n).toString('utf8').trimStart();
  return /^\{\s*"t"\s*:/.test(text) || '{"t":'.startsWith(text);
}

/** A ledger path must name a file in a folder that exists (said plainly, not as an error about the lock's temporary file). */
export function checkPlace(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) throw new InputError(`cannot keep the ledger ${path}: the folder ${dir} does not exist`, { code: 'no-such-folder', hint: 'create the folder, or pass another --ledger' });
  if (existsSync(path) && statSync(path).isDirectory()) throw notAFile(path);
}

/** The error for a folder where a ledger file should be. */
export function notAFile(path: string): InputError {
  return new InputError(`${path} is a folder, not a ledger file`, { code: 'not-a-file', hint: 'pass the path of a file to --ledger' });
}

/** Is this a regular file (links followed)? A FIFO is never opened to find out: opening one waits for a writer. */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Before a ledger is opened for reading: a folder, a FIFO or a device there is refused (a FIFO would hang the read). */
export function refuseUnreadable(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) throw notAFile(path);
  if (!st.isFile()) throw new InputError(`the ledger ${path} is not a regular file`, { code: 'not-a-ledger', hint: 'pass --ledger with the path of a file' });
}
