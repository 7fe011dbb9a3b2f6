/** Which store a command uses: --store, WA_OPS_STORE, .env or config "store" (postgres://...), else local files. */
import { InputError, UsageError } from '../../core/errors.js';
import { shellQuote } from '../../core/shell-quote.js';
import { storeLocation, type StoreLocation } from '../../core/store/location.js';
import type { LoadedConfig } from '../config.js';
import type { StoreSource } from './pg/open.js';

/** Where a store setting came from, in words. */
function sourceText(source: StoreSource): string {
  return source === 'config' ? 'the config file' : source === '.env' ? 'WA_OPS_STORE in .env' : 'WA_OPS_STORE';
}

/**
 * The store of a command that reads a campaign given `--ledger <file>` (status): a ledger file and `--store
 * postgres://...` contradict each other (exit 2); a store from WA_OPS_STORE, .env or the config gives way to the flag
 * (flag > environment: the file is read), said once. Without --ledger, or with local files: the setting unchanged.
 */
export function readerStore(setting: string | undefined, source: StoreSource, ledger: string | undefined, command: string, warn: (text: string) => void): string | undefined {
  const location = storeLocation(setting);
  if (ledger === undefined || location.kind !== 'postgres') return setting;
  if (source === 'flag') throw bothGiven(command);
  warn(`--ledger given: ${command} reads that file, not the store from ${sourceText(source)} (${location.redacted})`);
  return undefined;
}

/**
 * send with `--ledger <file>` and a PostgreSQL store from anywhere: refused (exit 2). Neither may win silently: the
 * file would start the campaign over in a CI job whose store is in WA_OPS_STORE, the store would ignore the file.
 */
export function refuseLedgerWithStore(setting: string | undefined, source: StoreSource, ledger: string | undefined): void {
  const location = storeLocation(setting);
  if (ledger === undefined || location.kind !== 'postgres') return;
  if (source === 'flag') throw bothGiven('send');
  throw new UsageError(`send: --ledger names a local ledger file, but the store is PostgreSQL (${location.redacted}, from ${sourceText(source)})`, {
    code: 'bad-flag',
    hint: `leave out --ledger to send with the store (it holds the campaign's ledger), or unset ${source === 'config' ? '"store" in the config file' : 'WA_OPS_STORE'} to send with local files`,
  });
}

function bothGiven(command: string): UsageError {
  return new UsageError(`${command}: pass --ledger or --store, not both`, { code: 'bad-flag', hint: "with --store the campaign's ledger is in the store (wa-ops store export writes it to a file)" });
}

/** The store chosen, and which setting chose it. */
export interface StoreChoice {
  location: StoreLocation;
  /** Where the setting came from (decides the migrate command printed in hints). */
  source: StoreSource;
}

/** The store chosen by the loaded settings (pass the --store flag into loadConfig's flags). */
export function chooseStore(loaded: LoadedConfig): StoreChoice {
  return { location: storeLocation(loaded.settings.store), source: loaded.sources.store };
}

/** The PostgreSQL store of a command that only works with one (store migrate, import, export). */
export function requirePostgres(choice: StoreChoice, command: string): { url: string; redacted: string; source: StoreSource } {
  if (choice.location.kind !== 'postgres') {
    throw new UsageError(`${command} needs a PostgreSQL store`, { code: 'bad-store', hint: `pass --store postgres://USER@HOST:5432/DB (the password in PGPASSWORD or the URL) (or set WA_OPS_STORE) to ${command}` });
  }
  return { url: choice.location.url, redacted: choice.location.redacted, source: choice.source };
}

/** status (and export) of a campaign the store does not hold: exit 2, send or import it first. */
export function notInStore(name: string, campaignPath: string): InputError {
  return new InputError(`the store holds no campaign "${name}"`, {
    code: 'store-no-campaign',
    hint: `send or import it first: wa-ops send --campaign ${shellQuote(campaignPath)} with this store, or wa-ops store import --campaign ${shellQuote(campaignPath)} to move its local ledger in`,
  });
}
