/** The suppression list's line format (v2), shared by the list's reader/writer and the pure decisions of the suppressions command. */

/** all: every message; marketing: MARKETING templates only. */
export type SuppressionScope = 'all' | 'marketing';
/** Why a number is on the list. */
export type SuppressionReason = 'stop-word' | 'marketing-opt-out' | '131050' | 'manual' | 'import';
/** Who wrote the record. */
export type SuppressionSource = 'webhook' | 'cli' | 'import' | 'send';

/** One line of the list (v2). "add" suppresses, "lift" removes an earlier add of the same number and scope. */
export interface SuppressionRecord {
  v: 2;
  op: 'add' | 'lift';
  /** The number the business sends to, E.164 with "+". */
  e164: string;
  /** The WhatsApp id Meta reported (digits), when it differs from or confirms e164. */
  waId?: string;
  /** The business-scoped user id (BSUID), where Meta sent one. */
  userId?: string;
  reason: SuppressionReason | string;
  scope: SuppressionScope;
  source: SuppressionSource | string;
  at: string;
  /** When the webhook event behind it happened (Meta's timestamp): what out-of-order deliveries are judged by. */
  eventAt?: string;
  by?: string;
  note?: string;
}
