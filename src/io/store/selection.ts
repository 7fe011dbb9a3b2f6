/** Which store a command uses: --store, WA_OPS_STORE, .env or config "store" (postgres://...), else local files. */
import { InputError, UsageError } from '../../core/errors.js';
import { shellQuote } from '../../core/shell-quote.js';
import { storeLocation, type StoreLocation } from '../../core/store/location.js';
import type { LoadedConfig } from '../config.js';
import type { StoreSource } from './pg/open.js';

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
