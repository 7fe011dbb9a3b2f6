/** Pick the store from the --store setting: nothing or a path keeps the local files; postgres:// selects PostgreSQL. */
import { storeLocation } from '../../core/store/location.js';
import { FileStore } from './file-store.js';
import type { StoreSource } from './pg/open.js';
import type { CampaignStore } from './types.js';

/**
 * Open the store a setting names (the PostgreSQL implementation is loaded lazily). `source` says where
 * the setting came from (loadConfig's sources.store), so that a refusal prints the right migrate command.
 */
export async function openStore(setting: string | undefined, source?: StoreSource): Promise<CampaignStore> {
  const location = storeLocation(setting);
  if (location.kind === 'postgres') {
    const [{ openPgStore }, { PgCampaignStore }] = await Promise.all([import('./pg/open.js'), import('./pg/campaign-store.js')]);
    return new PgCampaignStore(await openPgStore(location.url, source ?? 'flag'));
  }
  return new FileStore();
}
