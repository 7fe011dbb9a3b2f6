/** Ledger events: one JSON object per line, append-only. */

export type LedgerEvent =
  | { t: 'header'; v: 1; campaign: string; campaignId: string; template?: string; category?: string; campaignHash: string; recipientsHash: string; recipients: number; at: string }
  | { t: 'run'; pid: number; at: string; mode: string }
  | { t: 'attempt'; r: string; n: number; sender: string; cb: string; at: string }
  | { t: 'sent'; r: string; wamid: string; at: string }
  | { t: 'failed'; r: string; code: number | string; details?: string; action: string; at: string }
  | { t: 'retry-at'; r: string; until: string; code: number | string; at: string }
  | { t: 'cooldown-until'; until: string; code: number | string; reason: string; at: string }
  | { t: 'skipped'; r: string; line: number; reason: string; at: string }
  | { t: 'status'; r?: string; wamid: string; status: string; code?: number; ts: string; at: string }
  | { t: 'media'; sender: string; sha256: string; id: string; source: string; at: string }
  | { t: 'end'; outcome: string; at: string };
