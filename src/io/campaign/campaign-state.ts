/** A campaign's state as every reader sees it: the ledger (from the store, streamed) with the webhook events folded in. */
import { randomBytes } from 'node:crypto';
import { apply, emptyState, stillToSend, type LedgerState } from '../../core/campaign/ledger-state.js';
import { foldEvents } from './events-fold.js';
import type { LedgerReader } from '../store/types.js';

/** A ledger replayed: its state and the campaign identity its header holds. */
export interface LoadedState {
  state: LedgerState;
  /** The identity from the ledger header, or undefined for a campaign never sent. */
  campaignId?: string;
  events: number;
  tornBytes: number;
}

/** Replay the ledger; yields to the event loop while streaming so that Ctrl-C is noticed. */
export async function loadState(reader: LedgerReader): Promise<LoadedState> {
  const state = emptyState();
  const r = await reader.replay((e) => apply(state, e));
  return { state, campaignId: state.header?.campaignId, events: r.events, tornBytes: r.tornBytes };
}

/** Fold the events file's statuses for this campaign into the state. */
export async function withEvents(state: LedgerState, eventsPath: string | undefined): Promise<number> {
  if (!eventsPath) return 0;
  return (await foldEvents(state, eventsPath, state.header?.campaignId)).matched;
}

/** A new campaign identity: created once, then kept in the ledger header (never derived from a path). */
export function newCampaignId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'campaign';
  return `${slug}-${randomBytes(5).toString('hex')}`;
}

/** The recipients of a list still to send according to a campaign's ledger (all of them when it has none), and the identity it holds. */
export async function pendingOf<T extends { e164: string }>(reader: LedgerReader, recipients: T[]): Promise<{ left: T[]; campaignId?: string; done: number }> {
  const { state, campaignId } = await loadState(reader);
  // As send decides it: a skip of an earlier version of the list no longer holds (an opt-out does).
  const left = recipients.filter((r) => stillToSend(state.recipients.get(r.e164), false));
  return { left, campaignId, done: recipients.length - left.length };
}
