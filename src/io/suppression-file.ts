/** The suppression list file for commands: read and append, with an unreadable or unwritable path as an input error (exit 2), never a crash. */
import { InputError } from '../core/errors.js';
import type { SuppressionRecord } from '../core/suppressions/plan.js';
import { appendSuppressions, readSuppressions, type SuppressionList } from './suppressions.js';

const HINT = 'check the path (--suppressions or WA_OPS_SUPPRESSIONS) and its permissions';

function explain(err: unknown, what: string, file: string): never {
  const code = (err as NodeJS.ErrnoException).code;
  if (!code) throw err;
  throw new InputError(`cannot ${what} the suppression list ${file} (${code})`, { code: code === 'ENOENT' ? 'file-not-found' : 'unreadable-file', hint: HINT });
}

/** The folded list (a missing file is an empty list). */
export function readList(file: string): SuppressionList {
  try {
    return readSuppressions(file);
  } catch (err) {
    return explain(err, 'read', file);
  }
}

/** Append records in one durable write; nothing is written when it fails. */
export function appendList(file: string, records: SuppressionRecord[]): void {
  try {
    appendSuppressions(file, records);
  } catch (err) {
    explain(err, 'write', file);
  }
}
