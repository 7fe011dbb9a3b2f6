/** doctor with a PostgreSQL store: can it be reached with the current schema (check store.connection)? */
import { WaOpsError } from '../../core/errors.js';
import { fail, pass, type CheckResult } from '../../core/doctor/types.js';
import { storeLocation } from '../../core/store/location.js';
import type { StoreSource } from './pg/open.js';
import type { CampaignStore } from './types.js';

/** The store check (none for files) and, when it passes, the open store for the campaign checks. */
export async function storeDoctor(setting: string | undefined, source: StoreSource, offline: boolean): Promise<{ checks: CheckResult[]; store?: CampaignStore }> {
  const title = 'PostgreSQL store';
  let location: ReturnType<typeof storeLocation>;
  try {
    location = storeLocation(setting);
  } catch (err) {
    // A setting no store can be made of (mysql://, host=... dbname=...) is a failed check, even offline: doctor reports it.
    if (!(err instanceof WaOpsError)) throw err;
    return { checks: [fail('store.connection', title, err.message, err.hint ?? 'check --store / WA_OPS_STORE')] };
  }
  if (location.kind !== 'postgres' || offline) return { checks: [] };
  try {
    const { openStore } = await import('./open-store.js');
    const store = await openStore(location.url, source);
    return { checks: [pass('store.connection', title, `${location.redacted}: reachable, schema current`)], store };
  } catch (err) {
    if (!(err instanceof WaOpsError)) throw err;
    return { checks: [fail('store.connection', title, err.message, err.hint ?? 'check --store / WA_OPS_STORE')] };
  }
}
