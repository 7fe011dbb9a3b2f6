/**
 * A local ledger that went on after its import: attempts it records that the store does not hold. The store
 * counts those recipients as not yet tried, so sending from it would send them again.
 */
import { InputError } from '../../../core/errors.js';
import { shellQuote } from '../../../core/shell-quote.js';
import { replayLedger } from '../../ledger/ledger.js';
import type { CampaignRef } from '../types.js';
import type { PgConnection } from './connect.js';

/** How many of the local ledger's attempts the store lacks (an attempt: a recipient and its try number). */
export async function attemptsNotStored(conn: PgConnection, campaignId: string, ledgerPath: string): Promise<number> {
  const rows = await conn.query<{ r: string; n: number }>("SELECT r, max((event->>'n')::int) AS n FROM wa_ops.ledger_events WHERE campaign_id = $1 AND t = 'attempt' GROUP BY r", [campaignId]);
  const stored = new Map(rows.rows.map((row) => [row.r, Number(row.n)]));
  let missing = 0;
  await replayLedger(ledgerPath, (e) => {
    if (e.t === 'attempt' && (stored.get(e.r) ?? 0) < e.n) missing++;
  });
  return missing;
}

/** Refuse (exit 2) to send a stored campaign whose local ledger holds attempts the store lacks. */
export async function refuseDiverged(conn: PgConnection, campaignId: string, ref: CampaignRef): Promise<void> {
  const missing = await attemptsNotStored(conn, campaignId, ref.ledgerPath);
  if (missing === 0) return;
  throw new InputError(`the local ledger ${ref.ledgerPath} records ${missing} attempt${missing === 1 ? '' : 's'} of campaign ${campaignId} that the store ${conn.redacted} does not hold (sent from local files after the import): sending from the store could send them again`, {
    code: 'store-ledger-diverged',
    hint: `the two histories cannot be merged: compare them (wa-ops store export --campaign <file> --out stored.ledger.jsonl, then wa-ops status --campaign <file> --ledger stored.ledger.jsonl, and the same for ${shellQuote(ref.ledgerPath)}) and decide where to send the rest from`,
  });
}
