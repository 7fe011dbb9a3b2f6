/** The checks before an output is opened (folders, files that are not wa-ops' own, missing folders) and its failures named. */
import { closeSync, constants, existsSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { errnoCode, errorMessage } from '../core/caught.js';
import { errnoHint, errnoText } from '../core/environment-errors.js';
import { InputError } from '../core/errors.js';
import { HEAD_BYTES } from '../core/own-output.js';
import type { OutputFile } from './output-file.js';

/** A folder is never an output, with or without --force: say so, and that a file name is wanted. */
export function folderError(path: string, flag: string | undefined): InputError {
  return new InputError(`${flag ? `${flag} ` : ''}${path} is a folder, not a file`, { code: 'unwritable-output', hint: `give a file name${flag ? ` to ${flag}` : ''} (a folder is never written over)` });
}

/**
 * The check before a command's first write to an output it must not replace unless told to: a folder is refused
 * (no --force would help), an existing regular file needs `force`; a device or FIFO is written in place (never replaced),
 * so it needs no --force. Throws InputError (exit 2); returns whether a regular file is there (to be replaced).
 */
export function checkReplace(path: string, o: { flag: string; force: boolean; forceFlag?: string }): boolean {
  let st;
  try {
    st = statSync(path);
  } catch {
    return false;
  }
  if (st.isDirectory()) throw folderError(path, o.flag);
  if (!st.isFile()) return false;
  if (!o.force) throw new InputError(`${o.flag} ${path} already exists`, { code: 'file-exists', hint: `pick another ${o.flag}, or pass ${o.forceFlag ?? '--force'} to replace it` });
  return true;
}

/** Refuse to replace a file wa-ops did not write (checked before anything is written: nothing is lost, nothing half-done). */
export function refuseForeign(path: string, ours: (head: string) => boolean, flag: string | undefined): void {
  // A symlink planted at the name is replaced by the rename, its target never touched: nothing of the user's is lost.
  if (lstatSync(path).isSymbolicLink()) return;
  let head = '';
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    head = ''; // unreadable (or a symlink): not recognisable as ours
  }
  if (ours(head)) return;
  throw new InputError(`${flag ? `${flag} ` : ''}${path} already exists and was not written by wa-ops: not replacing it`, {
    code: 'file-exists',
    hint: 'choose another file name, move the file away, or pass --force to replace it',
  });
}

/** Open a file for an output, or throw an InputError naming the output and why (its folder missing, ...). */
export function tryOpen(path: string, flags: number, shown = path): number {
  try {
    return openSync(path, flags, 0o600);
  } catch (err) {
    const code = errnoCode(err);
    // The temporary file sits next to the target: ENOENT means the target's folder is missing.
    // ENOENT also comes from a folder that exists but takes no new files (/proc, /sys): said as such.
    const missing = code === 'ENOENT' && !existsSync(dirname(path));
    const why = missing ? `the folder ${dirname(shown)} does not exist` : code === 'ENOENT' ? `no file can be created in ${dirname(shown)}` : errnoText(code, errorMessage(err));
    throw new InputError(`cannot write ${shown}: ${why}`, {
      code: 'unwritable-output',
      hint: 'check that the folder exists and is writable',
    });
  }
}

/** A failed write names its output (`report.csv cannot be written: no space left ...`); a closed pipe stays EPIPE (exit 141). */
export function namingFailures(f: OutputFile): OutputFile {
  const named =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...a: A) => {
      try {
        fn(...a);
      } catch (err) {
        const code = errnoCode(err);
        if (!code || code === 'EPIPE') throw err;
        throw new InputError(`${f.path} ${errnoText(code, 'cannot be written')}`, { code: 'unwritable-output', hint: errnoHint(code) ?? 'check where the output goes', cause: err });
      }
    };
  return { ...f, write: named(f.write), writeRedacted: named(f.writeRedacted), commit: named(f.commit) };
}
