/** The suppression list as records fold into it: the latest record per number and scope wins, "lift" removes. */
import { isObject } from '../is-object.js';
import { whatsAppKey } from '../numbers/same-wa-number.js';
import type { SuppressionRecord, SuppressionScope } from './record.js';

/** Why a number is suppressed for a category. */
export interface SuppressionHit {
  reason: string;
  scope: SuppressionScope;
  at: string;
  record: SuppressionRecord;
}

/** The folded list: the latest record per number and scope wins, "lift" removes. */
export interface SuppressionList {
  /** null when the number may receive a template of this category; a "marketing" scope blocks MARKETING only. */
  isSuppressed(e164: string, category: string): SuppressionHit | null;
  /** The active suppressions (latest "add" per number and scope), in file order. */
  entries(): SuppressionRecord[];
  /** Every valid record in file order (for audit: who lifted what, when). */
  history(): SuppressionRecord[];
  /** Any active suppression of the number, whatever its scope (all-scope first). Kept for callers that predate scopes. */
  get(e164: string): SuppressionHit | undefined;
  /** Number of active suppressions. */
  readonly size: number;
}

/** A number a suppression record may hold: E.164 with its +. */
export const SUPPRESSION_E164 = /^\+[1-9]\d{5,14}$/;

/** A record from one parsed line: v2 as is, v1 (`{e164, reason, at, source?}`) as an all-scope add; null if unusable. */
export function normaliseSuppression(raw: unknown): SuppressionRecord | null {
  if (!isObject(raw)) return null;
  const r = raw;
  const e164 = typeof r.e164 === 'string' ? r.e164.trim() : '';
  // `{"e164":"+"}` and other junk from older versions suppress nobody.
  if (!SUPPRESSION_E164.test(e164)) return null;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const op = r.op === 'lift' ? 'lift' : 'add';
  const scope: SuppressionScope = r.v === 2 && r.scope === 'marketing' ? 'marketing' : 'all';
  const rec: SuppressionRecord = { v: 2, op, e164, reason: str(r.reason) ?? 'manual', scope, source: r.v === 2 ? (str(r.source) ?? 'cli') : 'webhook', at: str(r.at) ?? '' };
  for (const k of ['waId', 'userId', 'eventAt', 'by', 'note'] as const) if (str(r[k])) rec[k] = str(r[k]);
  return rec;
}

/**
 * Fold records (in file order) into a list. Numbers are keyed by WhatsApp account: an opt-out from a webhook carries the
 * customer's wa_id, which in Brazil, Mexico and Argentina may lack (or have) the extra mobile digit the business dials;
 * either spelling is the same customer, for an add, a lift and a lookup alike.
 */
export function foldSuppressions(records: SuppressionRecord[]): SuppressionList {
  const active = new Map<string, SuppressionRecord>();
  const keyOf = (scope: SuppressionScope, e164: string) => `${scope}|${whatsAppKey(e164)}`;
  for (const r of records) {
    const key = keyOf(r.scope, r.e164);
    // Re-insert so entries() keeps the order of the latest add.
    active.delete(key);
    if (r.op === 'add') active.set(key, r);
  }
  const hit = (r: SuppressionRecord | undefined): SuppressionHit | null => (r ? { reason: r.reason, scope: r.scope, at: r.at, record: r } : null);
  return {
    isSuppressed(e164, category) {
      const all = active.get(keyOf('all', e164));
      if (all) return hit(all);
      return String(category).toUpperCase() === 'MARKETING' ? hit(active.get(keyOf('marketing', e164))) : null;
    },
    entries: () => [...active.values()],
    history: () => [...records],
    get: (e164) => hit(active.get(keyOf('all', e164)) ?? active.get(keyOf('marketing', e164))) ?? undefined,
    get size() {
      return active.size;
    },
  };
}
