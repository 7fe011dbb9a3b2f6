/** Which account and template events matter to a campaign: the latest per subject, and those that should stop it. */
import type { ManagementEvent } from './management.js';

/** What to look for: a campaign's template and its senders, and events since when. */
export interface ManagementFilter {
  template?: { name: string; language?: string };
  /** Phone numbers (display digits, any format) or phone number ids of the senders. */
  phoneNumbers?: string[];
  wabaId?: string;
  /** ISO time: only events at or after it. */
  since?: string;
}

/** Does an event concern this template, these senders or (account-wide) this WABA? */
export function concerns(e: ManagementEvent, f: ManagementFilter): boolean {
  if (f.since && e.at < f.since) return false;
  if (f.wabaId && e.wabaId && e.wabaId !== f.wabaId) return false;
  if (e.template) return !!f.template && e.template.name === f.template.name && (!f.template.language || !e.template.language || e.template.language === f.template.language);
  if (e.phoneNumber) return !f.phoneNumbers?.length || f.phoneNumbers.some((p) => p.replace(/\D/g, '') === e.phoneNumber);
  return true;
}

/** The latest event per field and subject that concerns the filter, newest first. */
export function latestManagement(events: Iterable<ManagementEvent>, f: ManagementFilter): ManagementEvent[] {
  const latest = new Map<string, ManagementEvent>();
  for (const e of events) {
    if (!concerns(e, f)) continue;
    const k = `${e.field}|${e.subject}`;
    const prev = latest.get(k);
    if (!prev || prev.at <= e.at) latest.set(k, e);
  }
  return [...latest.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Stop reasons for a campaign: a template paused, disabled or rejected, or an account restricted, since the campaign started. */
export function stopReasons(events: Iterable<ManagementEvent>, f: ManagementFilter): ManagementEvent[] {
  return latestManagement(events, f).filter((e) => e.severity === 'stop');
}
