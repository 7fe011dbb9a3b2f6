/** Bring a campaign's ledger up to date before a run: header (identity kept, list changes noted), skipped rows, media uploads. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { apply, type LedgerState } from '../../core/campaign/ledger-state.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import { snapshotEvents } from '../../core/campaign/list-snapshot.js';
import type { GraphClient } from '../graph/client.js';
import type { LedgerWriter } from '../store/types.js';
import type { CampaignFile } from './campaign-file.js';
import type { MediaCheck } from './media.js';
import type { RecipientList, SkippedRow } from './recipients.js';

/** Append an event and apply it to the state. */
export async function record(writer: LedgerWriter, state: LedgerState, e: LedgerEvent): Promise<void> {
  await writer.append(e);
  apply(state, e);
}

/** Whether the list or the campaign file changed since the ledger's latest header (or it has none). */
function needsHeader(state: LedgerState, cf: CampaignFile, list: RecipientList): boolean {
  return !state.header || state.header.recipientsHash !== list.sha256 || state.header.campaignHash !== cf.sha256;
}

/** What changed since the ledger began (said before the prompt), or undefined. */
export function ledgerChangeNotice(state: LedgerState, cf: CampaignFile, list: RecipientList): string | undefined {
  if (!state.header || !needsHeader(state, cf, list)) return undefined;
  const what = state.header.recipientsHash !== list.sha256 ? `the recipient list ${cf.campaign.recipients} changed (${state.header.recipients} rows then, ${list.rows} now)` : 'the campaign file changed';
  // A new template is the change an operator most needs to see: those sent before got the old one.
  const template = `${cf.campaign.template.name}:${cf.campaign.template.language}`;
  const templateChange = state.header.template && state.header.template !== template ? `; its template is now ${template} (was ${state.header.template}: those sent before got that one)` : '';
  return `${what} since this ledger began${templateChange}; recipients are matched by their E.164 number, so whoever was sent to is never sent to again`;
}

/**
 * Write a header (keeping the identity) when the ledger is new or its list, campaign or skips changed: it starts a new
 * snapshot of the list (skips recorded before it no longer count), with the list's rows and the recipients with an
 * outcome the list no longer has; then this run's skipped rows (list-snapshot.ts).
 */
export async function setUpLedger(writer: LedgerWriter, state: LedgerState, campaignId: string, cf: CampaignFile, list: RecipientList, skipped: SkippedRow[], category: string): Promise<void> {
  const c = cf.campaign;
  const now = new Date().toISOString();
  const header = { t: 'header' as const, v: 1 as const, campaign: c.name, campaignId, template: `${c.template.name}:${c.template.language}`, category, campaignHash: cf.sha256, recipientsHash: list.sha256, recipients: list.rows, at: now };
  const events = snapshotEvents(state, { header, changed: needsHeader(state, cf, list), listed: new Set(list.recipients.map((r) => r.e164)), skipped });
  for (const e of events) await record(writer, state, e);
}

/** Upload a local header medium once per sender, reusing ids the ledger holds (media ids live 30 days). */
export async function uploadOnce(client: GraphClient, writer: LedgerWriter, state: LedgerState, senders: string[], media: MediaCheck, notice: (text: string) => void): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const fresh = Date.now() - 29 * 86_400_000;
  for (const m of state.media) if (m.sha256 === media.sha256 && Date.parse(m.at) > fresh) ids.set(m.sender, m.id);
  for (const sender of senders) {
    if (ids.has(sender)) continue;
    const id = await client.uploadMedia(sender, readFileSync(media.path!), media.mime!, basename(media.path!));
    await record(writer, state, { t: 'media', sender, sha256: media.sha256!, id, source: media.source, at: new Date().toISOString() });
    notice(`uploaded ${media.source} for sender ${sender}: media id ${id}`);
    ids.set(sender, id);
  }
  return ids;
}
