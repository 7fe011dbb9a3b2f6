/** The `wa-ops store import` command that moves a campaign's local ledger into the store, printed for the user to copy. */
import { shellQuote, storeForResume } from '../campaign/resume.js';

/** The paths and store as the user gave them to the command that found the local ledger (flags only; settings from the environment are read again). */
export interface GivenCampaignArgs {
  /** --campaign as given. */
  campaign: string;
  ledger?: string;
  config?: string;
  events?: string;
  /** The --store flag's value (a password in it is never printed: the command then reads "$WA_OPS_STORE"). */
  store?: string;
  /** An environment variable that holds exactly that --store URL: a URL with a password is printed as "$NAME" (the user's own variable). */
  storeVariable?: string;
}

/** wa-ops store import --campaign ... with the same ledger, config, events and store, shell-quoted. */
export function importCommand(given: GivenCampaignArgs): string {
  const a = ['wa-ops', 'store', 'import', '--campaign', shellQuote(given.campaign)];
  if (given.ledger) a.push('--ledger', shellQuote(given.ledger));
  if (given.config) a.push('--config', shellQuote(given.config));
  if (given.events) a.push('--events', shellQuote(given.events));
  const store = storeForResume(given.store);
  if (store === '"$WA_OPS_STORE"' && given.storeVariable) a.push('--store', `"$${given.storeVariable}"`);
  else if (store) a.push('--store', store === '"$WA_OPS_STORE"' ? store : shellQuote(store));
  return a.join(' ');
}
