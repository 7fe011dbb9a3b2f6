/** The PostgreSQL campaign store: the same CampaignStore interface as the files, campaigns found by the identity in their header. */
import { InputError } from '../../../core/errors.js';
import { shellQuote } from '../../../core/shell-quote.js';
import type { HeaderEvent, LedgerEvent } from '../../../core/campaign/events.js';
import type { CampaignRef, CampaignStore, LedgerReader, LedgerWriter, ReplayInfo, WriterOpenOptions } from '../types.js';
import { closePg, type PgConnection } from './connect.js';
import { PgLedgerWriter } from './ledger-writer.js';
import { refuseDiverged } from './local-divergence.js';
import { campaignsNamed, findCampaign, type CampaignRow } from './tables/campaigns.js';
import { claimsInFlight } from './tables/claims.js';
import { readEvents } from './tables/ledger-events.js';
import { forEachStatusEvent } from './status-events.js';
import { readPgSuppressions } from './suppression-store.js';

/**
 * Which stored campaign a reference means: its identity when known (a ledger header), else the one
 * campaign of that name (several: the one with the same campaign file hash). undefined: not stored.
 * A local ledger whose campaign the store lacks is refused (exit 2, with the import command): its
 * recipients were sent from files, and a store campaign would send them again.
 */
export async function resolveCampaign(conn: PgConnection, ref: CampaignRef): Promise<CampaignRow | undefined> {
  if (ref.campaignId) {
    const row = await findCampaign(conn, ref.campaignId);
    if (row) return row;
    if (ref.noted) {
      throw new InputError(`campaign ${ref.campaignId} of this file lives in the store ${ref.noted.store} (noted in ${ref.noted.path}), and ${conn.redacted} does not hold it: pass that store with --store`, {
        code: 'store-campaign-elsewhere',
        hint: `to start this campaign over in ${conn.redacted} instead, delete ${shellQuote(ref.noted.path)}`,
      });
    }
    const others = await campaignsNamed(conn, ref.name);
    const command = ref.importCommand ?? `wa-ops store import --campaign <the campaign file> --ledger ${shellQuote(ref.ledgerPath)}`;
    if (others.length > 0) {
      // Two identities for one name: sending would treat the other's recipients as new.
      throw new InputError(`the store holds campaign "${ref.name}" under another identity (${others.map((o) => o.campaign_id).join(', ')}) than the local ledger ${ref.ledgerPath} (${ref.campaignId})`, {
        code: 'store-campaign-mismatch',
        hint: `these are two different campaigns: move the local ledger aside to use the stored one, or keep both by importing it: ${command}${envNote(command)}`,
      });
    }
    throw new InputError(`the local ledger ${ref.ledgerPath} holds this campaign's sends (campaign ${ref.campaignId}) and the store ${conn.redacted} does not; import it first: ${command}`, {
      code: 'store-import-first',
      hint: envNote(command).replace(/^ \((.*)\)$/, '$1'),
    });
  }
  const named = await campaignsNamed(conn, ref.name);
  if (named.length <= 1) return named[0];
  const same = named.filter((r) => r.header.campaignHash === ref.campaignHash);
  if (same.length === 1) return same[0];
  throw new InputError(`the store holds ${named.length} campaigns named "${ref.name}" (${named.map((r) => r.campaign_id).join(', ')})`, {
    code: 'store-campaign-ambiguous',
    hint: 'this campaign file matches none of them, or several, by its content: use the campaign file (unchanged) that one of them was sent with, or give this campaign its own "name"',
  });
}

/** A printed command that reads the store URL from WA_OPS_STORE (its password is never printed) needs the variable set. */
function envNote(command: string): string {
  if (!command.includes('"$WA_OPS_STORE"') || process.env.WA_OPS_STORE) return '';
  return ' (that command reads the store URL from WA_OPS_STORE, as its password is never printed: export WA_OPS_STORE=<the --store URL> first)';
}

/** A reader over a stored campaign (or an empty one when the store does not hold it). */
export function pgReader(conn: PgConnection, row: CampaignRow | undefined, ref: CampaignRef): LedgerReader {
  return {
    location: `${conn.redacted} (campaign ${row?.campaign_id ?? ref.name})`,
    header: async () => row?.header as HeaderEvent | undefined,
    replay: async (onEvent: (e: LedgerEvent) => void): Promise<ReplayInfo> => {
      let events = 0;
      if (row) {
        for await (const { event } of readEvents(conn, row.campaign_id)) {
          events++;
          onEvent(event);
        }
        // The webhook statuses the store holds for it, as the files' readers fold the events file.
        events += await forEachStatusEvent(conn, row.campaign_id, onEvent);
      }
      return { events, tornBytes: 0 };
    },
    suppressions: () => readPgSuppressions(conn),
    inFlight: async () => (row ? claimsInFlight(conn, row.campaign_id) : 0),
  };
}

/** Campaigns in PostgreSQL; any number of writers (workers) per campaign, on any machines. */
export class PgCampaignStore implements CampaignStore {
  readonly kind = 'postgres' as const;

  constructor(readonly conn: PgConnection) {}

  /** Read a campaign's ledger from the store. */
  async reader(ref: CampaignRef): Promise<LedgerReader> {
    return pgReader(this.conn, await resolveCampaign(this.conn, ref), ref);
  }

  /** Register this run as a worker on the campaign (refused when its local ledger went on after the import: see refuseDiverged). */
  async writer(ref: CampaignRef, notice: (text: string) => void, opts: WriterOpenOptions = {}): Promise<LedgerWriter> {
    const resolve = async () => {
      const row = await resolveCampaign(this.conn, ref);
      if (row && ref.campaignId) await refuseDiverged(this.conn, row.campaign_id, ref);
      return row;
    };
    return PgLedgerWriter.open(this.conn, ref, resolve, notice, { interrupted: opts.interrupted });
  }

  /** Close the connection pool. */
  async close(): Promise<void> {
    await closePg();
  }
}
