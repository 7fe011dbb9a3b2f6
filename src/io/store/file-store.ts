/** The embedded default store: one JSON Lines ledger file per campaign, locked by the sending process. */
import type { AttemptEvent, LedgerEvent } from '../../core/campaign/events.js';
import { Ledger, readHeader, replayLedger } from '../ledger/ledger.js';
import { STALE_MS } from '../ledger/lock.js';
import type { CampaignRef, CampaignStore, LedgerReader, LedgerWriter } from './types.js';

function reader(path: string): LedgerReader {
  return {
    location: path,
    header: async () => readHeader(path),
    replay: (onEvent) => replayLedger(path, onEvent),
  };
}

/** Files: the ledger at ref.ledgerPath, its lock beside it. */
export class FileStore implements CampaignStore {
  readonly kind = 'files' as const;

  /** Read a campaign's ledger file. */
  async reader(ref: CampaignRef): Promise<LedgerReader> {
    return reader(ref.ledgerPath);
  }

  /** Open a campaign's ledger file for this run, under its lock. */
  async writer(ref: CampaignRef, notice: (text: string) => void): Promise<LedgerWriter> {
    const ledger = Ledger.open(ref.ledgerPath);
    const taken = ledger.tookOverLock;
    if (taken) notice(taken.pid > 0 ? `took over a stale lock left by pid ${taken.pid} on ${taken.host} (no heartbeat, or the process is gone)` : `took over a stale lock that was empty or unreadable (no heartbeat for ${STALE_MS / 1000} s)`);
    if (ledger.tornBytes > 0) notice(`trimmed a torn last line of ${ref.ledgerPath} (${ledger.tornBytes} bytes from an interrupted write)`);
    const r = reader(ref.ledgerPath);
    return {
      ...r,
      append: (e: LedgerEvent) => ledger.append(e),
      claim: async (a: AttemptEvent) => {
        await ledger.append(a);
        return true;
      },
      poll: async () => [],
      drain: () => ledger.drain(),
      lost: () => ledger.lost(),
      get stats() {
        return { events: ledger.appended, commits: ledger.fsyncs };
      },
      close: async () => {
        try {
          await ledger.drain();
        } catch {
          // a lost lock refuses the last commits; the run reports it
        }
        ledger.close();
      },
    };
  }

  /** Nothing to close: each ledger closes itself. */
  async close(): Promise<void> {}
}
