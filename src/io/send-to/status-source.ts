/** Where send --to --wait reads the statuses webhook serve records: the configured PostgreSQL store, else the events file. */
import type { LoadedConfig } from '../config.js';
import { chooseStore } from '../store/selection.js';
import { eventsSize } from './events-tail.js';
import { fileStatusFeed, type StatusFeed } from './wait-delivery.js';

/** Prepared before the send (the file's end is taken then; a store is connected and checked then), followed after it. */
export interface StatusSource {
  feed(wamid: string): StatusFeed;
  close(): Promise<void>;
}

/**
 * The store chosen as for every command (--store, WA_OPS_STORE, .env, config "store"): there `webhook serve --store`
 * writes the statuses, and a wait on the events file would never see them. Without one, the events file from its end;
 * also when --events was given and the store only comes from the environment or the config (a flag beats them, as for serve).
 */
export async function openStatusSource(loaded: LoadedConfig, eventsPath: string, eventsFlag: boolean): Promise<StatusSource> {
  const choice = chooseStore(loaded);
  if (choice.location.kind !== 'postgres' || (eventsFlag && choice.source !== 'flag')) {
    const offset = eventsSize(eventsPath);
    return { feed: () => fileStatusFeed(eventsPath, offset), close: async () => {} };
  }
  // Loaded only here: pg stays out of a send --to that runs on files.
  const [{ openPgStore }, { closePg }, { storeStatusFeed }] = await Promise.all([import('../store/pg/open.js'), import('../store/pg/connect.js'), import('../store/pg/message-statuses.js')]);
  const conn = await openPgStore(choice.location.url, choice.source);
  return { feed: (wamid) => storeStatusFeed(conn, wamid), close: () => closePg() };
}
