/**
 * The suppression list a send honours (campaign and --to): the --suppressions file when given, which
 * must exist, together with the store's list (PostgreSQL), so that naming a file never drops the
 * opt-outs webhook serve stored there; without the flag, the store's list or the default file.
 */
import { existsSync, statSync } from 'node:fs';
import { errnoCode } from '../../core/caught.js';
import { InputError } from '../../core/errors.js';
import { shellQuote } from '../../core/shell-quote.js';
import { checkListContent, readList, type ImportAs } from '../suppression-file.js';
import { readSuppressions, suppressionsPath } from '../suppressions.js';
import type { SuppressionList } from '../../core/suppressions/fold.js';
import { fileVersion, type OptOutSource } from './live-opt-outs.js';

/**
 * Refuse a --suppressions path that is not an existing regular file holding a list (exit 2, one line), before anything else happens.
 * importAs: what the send knows of its numbers (the country), carried into the import command suggested for a CRM's CSV.
 */
export function checkSuppressionsFile(file: string, importAs: ImportAs = {}): string {
  let kind: string;
  try {
    const st = statSync(file);
    kind = st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'special file';
  } catch (err) {
    const code = errnoCode(err) ?? 'unreadable';
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    throw new InputError(`--suppressions ${file}: ${missing ? 'no such file' : `cannot read it (${code})`}`, {
      code: missing ? 'file-not-found' : 'unreadable-file',
      hint: missing ? `check the path; a new list is started with: wa-ops suppressions add <number> --suppressions ${shellQuote(file)}` : 'check the permissions',
    });
  }
  // A FIFO or a device would hang or flood the read: only a regular file is a list.
  if (kind !== 'file') throw new InputError(`--suppressions ${file} is a ${kind}, not a suppression list file`, { code: 'bad-flag', hint: 'give --suppressions the JSON Lines file of the list' });
  return checkListContent(file, importAs);
}

/**
 * The list for this send: undefined leaves it to the default (the store's list, else WA_OPS_SUPPRESSIONS
 * or ./wa-ops.suppressions.jsonl); with a file, that file's list plus the store's.
 */
export async function sendSuppressions(file: string | undefined, fromStore: (() => Promise<SuppressionList>) | undefined, importAs: ImportAs = {}): Promise<SuppressionList | undefined> {
  const stored = fromStore ? await fromStore() : undefined;
  if (file === undefined) {
    // The default file (WA_OPS_SUPPRESSIONS may name a CRM's CSV by mistake) is held to the same test when it exists.
    const path = suppressionsPath();
    if (!stored && existsSync(path)) checkListContent(path, importAs);
    return stored;
  }
  const named = readList(checkSuppressionsFile(file, importAs));
  return stored ? unionOf(named, stored) : named;
}

/** The store's list for a running send: read it, and a version that changes with every record stored. */
export interface StoredList {
  read(): Promise<SuppressionList>;
  version(): Promise<string>;
}

/** The list a running send looks at again while it sends (live-opt-outs.ts): the same sources as at its start. */
export function liveSuppressions(file: string | undefined, stored: StoredList | undefined, importAs: ImportAs = {}): OptOutSource {
  const path = file ?? (stored ? undefined : suppressionsPath());
  return {
    version: async () => `${path ? fileVersion(path) : ''}|${stored ? await stored.version() : ''}`,
    read: async () => (await sendSuppressions(file, stored && (() => stored.read()), importAs)) ?? readSuppressions(suppressionsPath()),
  };
}

/** Both lists at once: a number suppressed in either is suppressed. */
export function unionOf(a: SuppressionList, b: SuppressionList): SuppressionList {
  return {
    isSuppressed: (e164, category) => a.isSuppressed(e164, category) ?? b.isSuppressed(e164, category),
    entries: () => [...a.entries(), ...b.entries()],
    history: () => [...a.history(), ...b.history()],
    get: (e164) => a.get(e164) ?? b.get(e164),
    get size() {
      return a.size + b.size;
    },
  };
}

/** The list for send --to: as sendSuppressions, with the store (if PostgreSQL) opened only for the read. */
export async function oneSendSuppressions(o: { file?: string; store?: string; config?: string; country?: string }): Promise<SuppressionList> {
  const { openSuppressionTarget } = await import('../suppression-target.js');
  const importAs = { country: o.country };
  const target = await openSuppressionTarget({ store: o.store, config: o.config, importAs });
  const read = () => target.read().finally(() => target.close());
  if (o.file === undefined) return read();
  if (target.kind !== 'postgres') await target.close();
  return (await sendSuppressions(o.file, target.kind === 'postgres' ? read : undefined, importAs))!;
}
