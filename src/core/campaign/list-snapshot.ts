/**
 * Skipped rows are facts about one version of the recipient list: a row without a valid number, a duplicate or a value
 * Meta would refuse is skipped for as long as the list says so. An opt-out is the exception, a fact about a person:
 * once recorded it binds every later run, even one that does not name the suppression list (isOptOut).
 * Each run that finds the list, the campaign or the skips changed writes a new header, which starts a new snapshot:
 * the skips recorded before it no longer count (ledger-state.ts), and the skips of the list as it is now follow it.
 * So rows added, removed, reordered, fixed or duplicated between runs never leave a stale skip counted or sent around.
 */
import type { HeaderEvent, LedgerEvent } from './events.js';
import type { LedgerState, RecipientState } from './ledger-state.js';

/** A row the run skips: its key ("line:<n>" without a usable number, else the E.164) and why. */
export interface SkipFact {
  key: string;
  line: number;
  reason: string;
}

/** Only skipped: no attempt, no outcome. */
export function onlySkipped(x: RecipientState): boolean {
  return x.status === 'skipped';
}

/** A skip for an opt-out (reason "suppressed: ..."): it outlives list versions; the person is never sent to by a later run. */
export function isOptOut(x: RecipientState | undefined): boolean {
  return x?.skippedRow === true && (x.reason?.startsWith('suppressed') ?? false);
}

/** A new snapshot of the list begins (a header): every skip recorded before it is forgotten but opt-outs; outcomes stay. */
export function forgetSkips(s: LedgerState, derive: (x: RecipientState) => RecipientState['status']): void {
  for (const [key, x] of s.recipients) {
    if (!x.skippedRow || isOptOut(x)) continue;
    if (onlySkipped(x)) s.recipients.delete(key);
    else {
      x.skippedRow = false;
      x.reason = undefined;
      x.status = derive(x);
    }
  }
}

/** Whether the skips the ledger holds (since its latest header) differ from this run's (keys or reasons). */
export function skipsChanged(s: LedgerState, skipped: readonly SkipFact[]): boolean {
  const wanted = skipped.filter((k) => {
    const x = s.recipients.get(k.key);
    return !x || onlySkipped(x);
  });
  let held = 0;
  for (const x of s.recipients.values()) if (x.skippedRow) held++;
  if (held !== wanted.length) return true;
  return wanted.some((k) => {
    const x = s.recipients.get(k.key);
    return !x?.skippedRow || x.reason !== k.reason;
  });
}

/**
 * Recipients the ledger holds an outcome for (sent, failed, unknown, delivered, read) that the list no longer has, and
 * opt-outs kept from an earlier version of it (skipped): they stay in the counts.
 */
export function unlistedOutcomes(s: LedgerState, listed: ReadonlySet<string>): number {
  let n = 0;
  for (const x of s.recipients.values()) if (x.status !== 'pending' && (!onlySkipped(x) || isOptOut(x)) && !listed.has(x.r)) n++;
  return n;
}

/**
 * Read a ledger against a list that changed since its latest header (status --export): as the next send will see it.
 * The list's own skips (invalid, duplicate rows) replace the recorded ones; an opt-out or render skip of a recipient
 * still listed stays (only a send works those out again); the total is this list's rows plus the recipients with an
 * outcome it no longer has. So the counts and the export rows agree, one row per recipient of this list.
 */
export function readAgainstList(s: LedgerState, list: { rows: number; sha256: string; listed: ReadonlySet<string>; skipped: readonly SkipFact[] }): void {
  if (!s.header || s.header.recipientsHash === list.sha256) return;
  for (const [key, x] of s.recipients) if (onlySkipped(x) && !list.listed.has(key)) s.recipients.delete(key);
  s.header = { ...s.header, recipientsHash: list.sha256, recipients: list.rows, unlisted: unlistedOutcomes(s, list.listed) };
  for (const k of list.skipped) {
    if (s.recipients.has(k.key)) continue;
    s.recipients.set(k.key, { r: k.key, status: 'skipped', attempts: 0, skippedRow: true, reason: k.reason, line: k.line });
  }
}

/** What a run knows of the list before it sends: its header (without `unlisted`), whether the list or campaign file changed, the listed numbers, the skips. */
export interface ListVersion {
  header: Omit<HeaderEvent, 'unlisted'>;
  /** The list or the campaign file differs from the ledger's latest header (or there is none). */
  changed: boolean;
  listed: ReadonlySet<string>;
  skipped: readonly SkipFact[];
}

/**
 * The events a run writes before it sends: a header when the list, the campaign or the skips changed (a new snapshot,
 * with the recipients with an outcome the list no longer has), then the skips the ledger does not hold (one who was
 * sent to counts there). Apply them in order.
 */
export function snapshotEvents(s: LedgerState, v: ListVersion): LedgerEvent[] {
  const fresh = v.changed || s.header?.unlisted === undefined || skipsChanged(s, v.skipped);
  const out: LedgerEvent[] = [];
  if (fresh) out.push({ ...v.header, unlisted: unlistedOutcomes(s, v.listed) });
  for (const k of v.skipped) {
    const x = s.recipients.get(k.key);
    // After a new header the skips recorded before it are forgotten: they are written again if they still hold.
    if (!x || (fresh && onlySkipped(x))) out.push({ t: 'skipped', r: k.key, line: k.line, reason: k.reason, at: v.header.at });
  }
  return out;
}
