/** The suppression list webhook serve appends opt-outs to, checked at start: an opt-out it could not write would be lost. */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../core/errors.js';
import { checkListContent } from '../io/suppression-file.js';

const HINT = 'choose the list with --suppressions (or WA_OPS_SUPPRESSIONS): a JSON Lines file, or a new file in an existing folder';

/**
 * Refuse (exit 2, before the server listens) a list path that is a folder or device, a file that is not a list
 * (a CRM's CSV would be appended to), or a new file in a folder that does not exist. A refused opt-out write would
 * otherwise be found only when a STOP arrives, after its event was acknowledged to Meta.
 */
export function checkSuppressionsTarget(path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`cannot use ${path} as the suppression list: ${(err as NodeJS.ErrnoException).code}`, { code: 'unreadable-file', hint: HINT });
    let folder = false;
    try {
      folder = statSync(dirname(path)).isDirectory();
    } catch {
      // reported below
    }
    if (!folder) throw new InputError(`cannot create the suppression list ${path}: the folder ${dirname(path)} does not exist`, { code: 'file-not-found', hint: HINT });
    return;
  }
  if (!st.isFile()) throw new InputError(`${path} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}; the suppression list must be a file`, { code: 'bad-flag', hint: HINT });
  checkListContent(path);
}
