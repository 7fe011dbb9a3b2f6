/** Opt-outs a send learns from Meta's answer (131050 in the HTTP response): the same record webhook serve writes for the status. */
import type { LedgerEvent } from '../campaign/events.js';
import type { SuppressionRecord } from './record.js';

/** Meta: "this recipient has chosen to stop receiving marketing messages from your business". */
export const MARKETING_OPT_OUT_CODE = 131050;

/**
 * The suppression record a stored ledger event calls for, or null: a send refused with 131050 puts the number on the
 * list for MARKETING templates only (utility and authentication messages still go), so that no later campaign is
 * charged, refused and flagged for it again. `by` names the campaign (or send --to) for `suppressions list`.
 */
export function optOutFromSend(event: LedgerEvent, by: string): SuppressionRecord | null {
  if (event.t !== 'failed' || Number(event.code) !== MARKETING_OPT_OUT_CODE) return null;
  return { v: 2, op: 'add', e164: event.r, reason: '131050', scope: 'marketing', source: 'send', at: event.at, by, note: 'refused by Meta with 131050 when sent to' };
}
