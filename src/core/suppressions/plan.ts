/** What `suppressions add | remove | import` append: pure decisions over the folded list, with the time given. */

import type { SuppressionRecord, SuppressionScope } from './record.js';

export type { SuppressionRecord, SuppressionScope } from './record.js';

/** The folded list, as src/io/suppressions.ts gives it. */
export interface SuppressionList {
  isSuppressed(e164: string, category: string): { scope: SuppressionScope } | null;
  entries(): SuppressionRecord[];
}

/** The reasons a number can be on the suppression list. */
export const REASONS = ['stop-word', 'marketing-opt-out', '131050', 'manual', 'import'] as const;
/** The scopes of a suppression: every message, or marketing templates only. */
export const SCOPES: readonly SuppressionScope[] = ['all', 'marketing'];

/** What an add will write, and the numbers already suppressed in that scope. */
export interface AddPlan {
  records: SuppressionRecord[];
  /** Numbers already suppressed in that scope (or wider): nothing to add. */
  already: string[];
}

/** Add records for numbers not yet suppressed in the scope ("all" covers "marketing"); repeats in the input count once. */
export function planAdds(
  list: SuppressionList,
  numbers: readonly string[],
  base: { reason: string; scope: SuppressionScope; source: string; at: string; by?: string; note?: string },
): AddPlan {
  const records: SuppressionRecord[] = [];
  const already: string[] = [];
  const seen = new Set<string>();
  for (const e164 of numbers) {
    if (seen.has(e164)) continue;
    seen.add(e164);
    const hit = list.isSuppressed(e164, base.scope === 'marketing' ? 'MARKETING' : 'ANY');
    const covered = hit !== null && (hit.scope === 'all' || base.scope === 'marketing');
    if (covered) already.push(e164);
    else records.push(withOptional({ v: 2, op: 'add', e164, reason: base.reason, scope: base.scope, source: base.source, at: base.at }, base));
  }
  return { records, already };
}

/** What a remove will write, and the numbers that had no suppression to lift. */
export interface LiftPlan {
  records: SuppressionRecord[];
  /** Numbers with no active suppression in the scope(s) asked. */
  notSuppressed: string[];
}

/** Lift records for every active suppression of each number (only the given scope when one is given), naming who lifted it. */
export function planLifts(list: SuppressionList, numbers: readonly string[], o: { scope?: SuppressionScope; at: string; by: string; note?: string }): LiftPlan {
  const active = list.entries();
  const records: SuppressionRecord[] = [];
  const notSuppressed: string[] = [];
  for (const e164 of new Set(numbers)) {
    const hits = active.filter((r) => r.e164 === e164 && (!o.scope || r.scope === o.scope));
    if (hits.length === 0) notSuppressed.push(e164);
    for (const h of hits) records.push(withOptional({ v: 2, op: 'lift', e164, reason: h.reason, scope: h.scope, source: 'cli', at: o.at, by: o.by }, { note: o.note }));
  }
  return { records, notSuppressed };
}

function withOptional(r: SuppressionRecord, extra: { by?: string; note?: string }): SuppressionRecord {
  if (extra.by) r.by = extra.by;
  if (extra.note) r.note = extra.note;
  return r;
}
