/** Pick the store from the --store setting: nothing or a path keeps the local files; postgres:// selects PostgreSQL. */
import { UsageError } from '../../core/errors.js';
import { FileStore } from './file-store.js';
import type { CampaignStore } from './types.js';

/** Open the store a setting names (the PostgreSQL implementation is loaded lazily). */
export async function openStore(setting: string | undefined): Promise<CampaignStore> {
  if (setting && /^postgres(ql)?:\/\//i.test(setting)) {
    throw new UsageError('this build has no PostgreSQL store yet', { code: 'store-unavailable', hint: 'leave --store / WA_OPS_STORE unset to use the local ledger files' });
  }
  return new FileStore();
}
