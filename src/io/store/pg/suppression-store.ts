/** The suppression list in PostgreSQL: the same records and fold as the JSON Lines file, shared by every worker and receiver. */
import { foldSuppressions, normaliseSuppression, type SuppressionList } from '../../../core/suppressions/fold.js';
import type { SuppressionRecord } from '../../../core/suppressions/record.js';
import { whatsAppKey } from '../../../core/numbers/same-wa-number.js';
import type { Queryable } from './connect.js';
import { allSuppressions, insertSuppressions } from './tables/suppressions.js';

/**
 * Read and fold the whole list (latest record per number and scope wins; "lift" removes). Several receivers append
 * in arrival order, so a webhook opt-out or resume older (by its event time) than one already stored for that number
 * and scope (a duplicate delivery committed late by another receiver) is stale and skipped, as the file's writer does.
 */
export async function readPgSuppressions(q: Queryable): Promise<SuppressionList> {
  const records: SuppressionRecord[] = [];
  const latestEvent = new Map<string, string>();
  for (const raw of await allSuppressions(q)) {
    const r = normaliseSuppression(raw);
    if (!r) continue;
    if (r.source === 'webhook' && r.at) {
      const key = `${r.scope}|${whatsAppKey(r.e164)}`;
      const seen = latestEvent.get(key);
      if (seen !== undefined && r.at < seen) continue;
      latestEvent.set(key, r.at);
    }
    records.push(r);
  }
  return foldSuppressions(records);
}

/** Append records; committed when this resolves. */
export async function appendPgSuppressions(q: Queryable, records: readonly SuppressionRecord[]): Promise<void> {
  for (const r of records) if (!normaliseSuppression(r)) throw new Error(`suppression record without a valid E.164 number: ${JSON.stringify(r.e164)}`);
  await insertSuppressions(q, records);
}
