/** The suppression list in PostgreSQL: the same records and fold as the JSON Lines file, shared by every worker and receiver. */
import { foldSuppressions, normaliseSuppression, type SuppressionList, type SuppressionRecord } from '../../suppressions.js';
import type { Queryable } from './connect.js';
import { allSuppressions, insertSuppressions } from './tables/suppressions.js';

/** Read and fold the whole list (latest record per number and scope wins; "lift" removes). */
export async function readPgSuppressions(q: Queryable): Promise<SuppressionList> {
  const records: SuppressionRecord[] = [];
  for (const raw of await allSuppressions(q)) {
    const r = normaliseSuppression(raw);
    if (r) records.push(r);
  }
  return foldSuppressions(records);
}

/** Append records; committed when this resolves. */
export async function appendPgSuppressions(q: Queryable, records: readonly SuppressionRecord[]): Promise<void> {
  for (const r of records) if (!normaliseSuppression(r)) throw new Error(`suppression record without a valid E.164 number: ${JSON.stringify(r.e164)}`);
  await insertSuppressions(q, records);
}
