/** The suppression list webhook serve appends opt-outs to, checked at start: an opt-out it could not write would be lost. */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../core/errors.js';
import { checkSuppressionsFile } from '../io/campaign/send-suppressions.js';

/**
 * Refuse (exit 2, before the server listens) what send refuses too (a folder or device, a file that is not a list,
 * such as a CRM's CSV, which would be appended to), and a new list in a folder that does not exist. A refused
 * opt-out write would otherwise be found only when a STOP arrives, after its event was acknowledged to Meta.
 */
export function checkSuppressionsTarget(path: string): void {
  if (existsSync(path)) {
    checkSuppressionsFile(path);
    return;
  }
  let folder = false;
  try {
    folder = statSync(dirname(path)).isDirectory();
  } catch {
    // reported below
  }
  if (!folder) throw new InputError(`cannot create the suppression list ${path}: the folder ${dirname(path)} does not exist`, { code: 'file-not-found', hint: 'choose the list with --suppressions (or WA_OPS_SUPPRESSIONS): a JSON Lines file, or a new file in an existing folder' });
}
