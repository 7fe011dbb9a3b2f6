/** The suppression list file for commands: read and append, with an unreadable or unwritable path as an input error (exit 2), never a crash. */
import { existsSync } from 'node:fs';
import { errnoCode } from '../core/caught.js';
import { InputError, WaOpsError } from '../core/errors.js';
import { isObject } from '../core/is-object.js';
import { shellQuote } from '../core/shell-quote.js';
import type { SuppressionRecord } from '../core/suppressions/plan.js';
import { appendSuppressions, readListText, readSuppressions } from './suppressions.js';
import type { SuppressionList } from '../core/suppressions/fold.js';

const HINT = 'check the path (--suppressions or WA_OPS_SUPPRESSIONS) and its permissions';

function explain(err: unknown, what: string, file: string): never {
  // Already one line for the user (the bounded reader names a FIFO or device for what it is).
  if (err instanceof WaOpsError) throw err;
  const code = errnoCode(err);
  if (!code) throw err;
  if (code === 'EISDIR') throw new InputError(`the suppression list ${file} is a folder, not a file`, { code: 'not-a-file', hint: 'give --suppressions (or WA_OPS_SUPPRESSIONS) the JSON Lines file of the list, e.g. wa-ops.suppressions.jsonl' });
  throw new InputError(`cannot ${what} the suppression list ${file} (${code})`, { code: code === 'ENOENT' ? 'file-not-found' : 'unreadable-file', hint: HINT });
}

/** The folded list (a missing file is an empty list; a file that is not a list is refused). */
export function readList(file: string, importAs: ImportAs = {}): SuppressionList {
  if (existsSync(file)) checkListContent(file, importAs);
  try {
    return readSuppressions(file);
  } catch (err) {
    return explain(err, 'read', file);
  }
}

/** Append records in one durable write; nothing is written when it fails. */
export function appendList(file: string, records: SuppressionRecord[]): void {
  // Never append records to a user's CSV named by mistake.
  if (existsSync(file)) checkListContent(file);
  try {
    appendSuppressions(file, records);
  } catch (err) {
    explain(err, 'write', file);
  }
}

/**
 * A list file holds JSON records, one a line: a CRM's CSV or a spreadsheet named by mistake would
 * read as an empty list and message everyone on it. A line that does not start with "{" is refused
 * (a record torn by a crash still starts with "{", and is skipped as it always was).
 */
export function checkListContent(file: string, importAs: ImportAs = {}): string {
  let text: string;
  try {
    // Bounded, and a FIFO or device is named for what it is (exit 2) rather than read forever.
    text = readListText(file) ?? '';
  } catch (err) {
    explain(err, 'read', file);
  }
  const lines = text.split('\n');
  const bad = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('{'));
  if (bad >= 0) {
    throw new InputError(`${file}:${bad + 1}: not a suppression list (JSON Lines, one record a line)`, {
      code: 'bad-suppression-list',
      hint: `a CRM export? use --suppressions ${shellQuote(listFor(file))} once it is imported with: ${suppressionsImportCommand(file, importAs)}`,
    });
  }
  refuseOtherRecords(file, lines);
  return file;
}

/** Records of the list carry "e164"; how the JSON Lines files wa-ops writes otherwise start, for the message. */
const OTHER_KINDS: [string, string][] = [
  ['t', 'a campaign ledger'],
  ['kind', 'a webhook events file'],
];

/**
 * Another JSON Lines file (a campaign's ledger, the events file, a dead-letter file) named as the list would be appended to
 * by a second writer and read as an empty list: its first records are looked at, and one without "e164" refuses the file.
 */
function refuseOtherRecords(file: string, lines: string[]): void {
  let looked = 0;
  for (let i = 0; i < lines.length && looked < 10; i++) {
    let record: unknown;
    try {
      record = JSON.parse(lines[i]);
    } catch {
      continue; // empty, or a record torn by a crash
    }
    looked++;
    if (isObject(record) && 'e164' in record) continue;
    const kind = isObject(record) ? OTHER_KINDS.find(([key]) => key in record)?.[1] : undefined;
    throw new InputError(`${file}:${i + 1}: not a suppression list (${kind ? `it looks like ${kind}` : 'a JSON record without "e164"'})`, {
      code: 'bad-suppression-list',
      hint: 'give --suppressions (or WA_OPS_SUPPRESSIONS) the suppression list, e.g. wa-ops.suppressions.jsonl; nothing was changed',
    });
  }
}

/** What the command that read the CSV knew about its numbers, so the import it suggests reads them the same way. */
export interface ImportAs {
  /** The region of numbers written without a country code (the campaign's defaultCountry, send --to's --country). */
  country?: string;
}

/** The command to copy that imports a CRM's CSV into the list file a send can then name: the country goes with it, else numbers without "+" would all be refused. */
export function suppressionsImportCommand(file: string, importAs: ImportAs = {}): string {
  const words = ['wa-ops', 'suppressions', 'import', shellQuote(file)];
  if (importAs.country) words.push('--country', shellQuote(importAs.country));
  words.push('--suppressions', shellQuote(listFor(file)));
  return words.join(' ');
}

/** The list file to import a CSV into: its name with .suppressions.jsonl for its extension. */
function listFor(file: string): string {
  return `${file.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.suppressions.jsonl`;
}
