/** A campaign's ledger as webhook analyze needs it, built from its events whatever holds them (a ledger file or the store). */
import { apply, emptyState } from '../campaign/ledger-state.js';
import type { LedgerEvent } from '../campaign/events.js';
import type { LedgerInfo } from './report-types.js';

/** Feed a campaign's ledger events in order (add), then take its LedgerInfo: replayed state, accepted wamids, template and name. */
export function ledgerInfoBuilder(): { add: (e: LedgerEvent) => void; info: () => LedgerInfo } {
  const state = emptyState();
  const accepted = new Set<string>();
  return {
    add(e) {
      apply(state, e);
      if (e.t === 'sent' && e.wamid) accepted.add(e.wamid);
    },
    info: () => ({ template: state.header?.template, accepted, state, name: state.header?.campaign }),
  };
}
