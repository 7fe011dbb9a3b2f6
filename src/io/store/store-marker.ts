/**
 * A note next to a campaign's ledger path saying that the campaign lives in a PostgreSQL store (written by
 * send --store and store import). A send from local files of the same campaign file then refuses instead
 * of sending again whom the store sent: the store's sends leave no other trace on this disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { errorMessage } from '../../core/caught.js';
import { InputError } from '../../core/errors.js';
import { shellQuote } from '../../core/shell-quote.js';
import { isObject } from '../../core/is-object.js';
import { writeOutputFile } from '../output-file.js';

/** What the note holds: the store (its URL without the password) and the campaign's identity in it. */
export interface StoreMarker {
  store: string;
  campaignId: string;
  at: string;
}

/** c.ledger.jsonl -> c.ledger.store.json (beside the ledger, so --ledger elsewhere has its own). */
export function markerPath(ledgerPath: string): string {
  return `${ledgerPath.replace(/\.jsonl$/, '')}.store.json`;
}

/** The note for this ledger path, if there is one wa-ops wrote. */
export function readMarker(ledgerPath: string): StoreMarker | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(markerPath(ledgerPath), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.store !== 'string' || typeof parsed.campaignId !== 'string') return undefined;
  return { store: parsed.store, campaignId: parsed.campaignId, at: typeof parsed.at === 'string' ? parsed.at : '' };
}

/** Leave the note (best effort: a folder we cannot write is said once, the send goes on). */
export function writeMarker(ledgerPath: string, store: string, campaignId: string, warn: (text: string) => void): void {
  const had = readMarker(ledgerPath);
  if (had && had.campaignId === campaignId && had.store === store) return;
  // A file of that name that is not our note is the user's: never replaced.
  if (!had && existsSync(markerPath(ledgerPath))) return warn(`${markerPath(ledgerPath)} exists and is not a note of wa-ops: left alone (a send from local files would not know that the campaign lives in ${store})`);
  try {
    writeOutputFile(markerPath(ledgerPath), JSON.stringify({ store, campaignId, at: new Date().toISOString() }) + '\n');
  } catch (err) {
    warn(`could not note beside the campaign that it lives in ${store} (${errorMessage(err)}): a send from local files would not know`);
  }
}

/**
 * A send from local files of a campaign that lives in a store: refused (exit 2), as it would send again whom the
 * store sent; a dry run (which sends nothing) and status only warn. True when the note was found (warned).
 */
export function refuseLocalSend(ledgerPath: string, campaign: string, how: 'send' | 'warn', warn: (text: string) => void): boolean {
  const m = readMarker(ledgerPath);
  if (!m) return false;
  const where = `campaign ${m.campaignId} of this file lives in the store ${m.store} (noted in ${markerPath(ledgerPath)})`;
  if (how === 'warn') {
    warn(`${where}: local files do not show its sends; use --store (or WA_OPS_STORE)`);
    return true;
  }
  throw new InputError(`${where}: send it with --store (or WA_OPS_STORE); a send from local files would send again whom the store sent`, {
    code: 'store-campaign-elsewhere',
    hint: `to go on with local files instead: wa-ops store export --campaign ${shellQuote(campaign)} --store <its URL> --out ${shellQuote(ledgerPath)} (the stored ledger, where a local send reads it), then delete ${shellQuote(markerPath(ledgerPath))}`,
  });
}
