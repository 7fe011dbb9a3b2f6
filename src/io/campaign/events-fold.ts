/** Fold the webhook events file (written only by webhook serve) into a campaign's state: statuses matched by callback data, else by wamid. */
import { errnoCode } from '../../core/caught.js';
import { parseCallbackData } from '../../core/campaign/render.js';
import { applyStatus, recipientOfWamid, type LedgerState } from '../../core/campaign/ledger-state.js';
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
      const cb = parseCallbackData(rec.cb);
      // Our callback data names the recipient; otherwise (another tool's data, none) a wamid we stored still matches.
      const who = cb && cb.campaignId === campaignId ? cb.e164 : recipientOfWamid(state, rec.id);
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
