/** The contract's summary of a campaign (CONTRACT §7, §11): counts as a funnel from each recipient's one state. */
import type { LedgerState } from './ledger-state.js';

/** A campaign's counts as a funnel (CONTRACT §7): every recipient in exactly one state. */
export interface CampaignSummary {
  campaign: string;
  total: number;
  sent: number;
  failed: number;
  pending: number;
  unknown: number;
  skipped: number;
  delivered: number;
  read: number;
  cooldownUntil: string | null;
  failures: Record<string, number>;
}

/** The summary document of CONTRACT §7: a funnel (read within delivered within sent), sent + failed + pending + unknown + skipped = total. */
export function summarise(s: LedgerState, campaign: string, now: number): CampaignSummary {
  const out: CampaignSummary = { campaign, total: 0, sent: 0, failed: 0, pending: 0, unknown: 0, skipped: 0, delivered: 0, read: 0, cooldownUntil: null, failures: {} };
  for (const x of s.recipients.values()) {
    switch (x.status) {
      case 'read':
        out.read++;
      // falls through
      case 'delivered':
        out.delivered++;
      // falls through
      case 'sent':
        out.sent++;
        break;
      case 'failed': {
        out.failed++;
        const code = String(x.code ?? 'unknown');
        out.failures[code] = (out.failures[code] ?? 0) + 1;
        break;
      }
      case 'unknown':
        out.unknown++;
        break;
      case 'skipped':
        out.skipped++;
        break;
    }
  }
  // The list's rows and the recipients with an outcome it no longer has (headers before `unlisted`: the larger count).
  const counted = out.sent + out.failed + out.unknown + out.skipped;
  const h = s.header;
  out.total = h?.unlisted !== undefined ? Math.max(h.recipients + h.unlisted, counted) : Math.max(h?.recipients ?? 0, s.recipients.size);
  out.pending = out.total - out.sent - out.failed - out.unknown - out.skipped;
  if (s.cooldownUntil && Date.parse(s.cooldownUntil) > now) out.cooldownUntil = s.cooldownUntil;
  return out;
}
