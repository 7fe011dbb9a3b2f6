/** Bring a campaign's ledger up to date before a run: header (and list changes), skipped rows, media uploads. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { apply, replay, type LedgerState } from '../../core/campaign/ledger-state.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import type { GraphClient } from '../graph/client.js';
import type { Ledger } from '../ledger/ledger.js';
import type { CampaignFile } from './campaign-file.js';
import type { MediaCheck } from './media.js';
import type { RecipientList, SkippedRow } from './recipients.js';

/** Append an event and apply it to the state. */
export async function record(ledger: Ledger, state: LedgerState, e: LedgerEvent): Promise<void> {
  await ledger.append(e);
  apply(state, e);
}

/** Replay the ledger, then write a header when it is new or its campaign or list changed, and the skipped rows. */
export async function setUpLedger(
  ledger: Ledger,
  existing: LedgerEvent[],
  cf: CampaignFile,
  list: RecipientList,
  skipped: SkippedRow[],
  category: string,
  notice: (text: string) => void,
): Promise<LedgerState> {
  const state = replay(existing);
  const c = cf.campaign;
  const now = new Date().toISOString();
  if (!state.header || state.header.recipientsHash !== list.sha256 || state.header.campaignHash !== cf.sha256) {
    if (state.header) {
      const what = state.header.recipientsHash !== list.sha256 ? `the recipient list ${c.recipients} changed (${state.header.recipients} rows then, ${list.rows} now)` : 'the campaign file changed';
      notice(`${what} since this ledger began; recipients are matched by their E.164 number, so whoever was sent to is never sent to again`);
    }
    await record(ledger, state, { t: 'header', v: 1, campaign: c.name, campaignId: cf.campaignId, template: `${c.template.name}:${c.template.language}`, category, campaignHash: cf.sha256, recipientsHash: list.sha256, recipients: list.rows, at: now });
  }
  for (const s of skipped) {
    if (!state.recipients.has(s.key)) await record(ledger, state, { t: 'skipped', r: s.key, line: s.line, reason: s.reason, at: now });
  }
  return state;
}

/** Upload a local header medium once per sender, reusing ids the ledger holds (media ids live 30 days). */
export async function uploadOnce(client: GraphClient, ledger: Ledger, existing: LedgerEvent[], state: LedgerState, senders: string[], media: MediaCheck, notice: (text: string) => void): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const fresh = Date.now() - 29 * 86_400_000;
  for (const e of existing) {
    if (e.t === 'media' && e.sha256 === media.sha256 && Date.parse(e.at) > fresh) ids.set(e.sender, e.id);
  }
  for (const sender of senders) {
    if (ids.has(sender)) continue;
    const id = await client.uploadMedia(sender, readFileSync(media.path!), media.mime!, basename(media.path!));
    await record(ledger, state, { t: 'media', sender, sha256: media.sha256!, id, source: media.source, at: new Date().toISOString() });
    notice(`uploaded ${media.source} for sender ${sender}: media id ${id}`);
    ids.set(sender, id);
  }
  return ids;
}
