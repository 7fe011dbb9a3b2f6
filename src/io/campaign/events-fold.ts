/** Fold the webhook events file (written only by webhook serve) into a campaign's state: statuses matched by callback data, else by wamid. */
import { errnoCode } from '../../core/caught.js';
import { applyStatus, statusOwner, type LedgerState } from '../../core/campaign/ledger-state.js';
import { forEachLine } from '../ledger/lines.js';

/** What folding the webhook events into a ledger state matched and skipped. */
export interface EventsFolded {
  /** Status events that belonged to this campaign. */
  matched: number;
  /** Lines skipped: torn (cut short by a crash) or not JSON. */
  skipped: number;
}

interface StatusLike {
  kind?: string;
  id?: string;
  status?: string;
  ts?: string;
  cb?: string;
  recipient?: string;
  errors?: { code?: number }[];
}

/** Stream the events file (a missing one has nothing) and apply this campaign's statuses; unknown kinds are ignored. */
export async function foldEvents(state: LedgerState, path: string, campaignId: string | undefined): Promise<EventsFolded> {
  const out: EventsFolded = { matched: 0, skipped: 0 };
  let r: Awaited<ReturnType<typeof forEachLine>>;
  try {
    r = await forEachLine(path, (line) => {
      if (!line.includes('"status"')) return; // cheap pre-filter: most lines of a busy file are other kinds
      let rec: StatusLike;
      try {
        rec = JSON.parse(line) as StatusLike;
      } catch {
        out.skipped++;
        return;
      }
      if (rec.kind !== 'status' || typeof rec.id !== 'string' || typeof rec.status !== 'string') return;
      // Our callback data names the recipient; another send's never counts; otherwise a wamid we stored, for the same number.
      const who = statusOwner(state, campaignId, { wamid: rec.id, cb: typeof rec.cb === 'string' ? rec.cb : undefined, recipient: typeof rec.recipient === 'string' ? rec.recipient : undefined });
      if (!who) return;
      applyStatus(state, who, rec.id, rec.status, String(rec.ts ?? ''), rec.errors?.[0]?.code);
      out.matched++;
    });
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EISDIR') return out;
    throw err;
  }
  if (r.tornBytes > 0) out.skipped++;
  return out;
}
