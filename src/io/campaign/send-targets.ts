/** Who a campaign sends to: every valid row that is not suppressed and whose payload renders, optionally the pilot sample. */
import { callbackData } from '../../core/campaign/render.js';
import { zoneFor } from '../../core/campaign/timezones.js';
import { createRng, sampleSize, selectionSampler } from '../../core/numbers/sampling.js';
import type { LedgerState } from '../../core/campaign/ledger-state.js';
import { isOptOut } from '../../core/campaign/list-snapshot.js';
import type { SuppressionList } from '../../core/suppressions/fold.js';
import type { Target } from './prepared.js';
import type { RecipientList, SkippedRow } from './recipients.js';

/** A payload for one recipient, or why Meta would refuse it. */
export type RenderResult = { payload: Record<string, unknown> } | { problem: string };

/** What choosing the targets needs besides the list. */
export interface TargetOptions {
  campaignId: string;
  suppressions: SuppressionList;
  /** The template's category: a marketing-only opt-out skips only MARKETING sends. */
  category: string;
  render: (e164: string, values: string[], cb: string) => RenderResult;
  /** Keep only the 10 % pilot sample, drawn with this seed. */
  sampleSeed?: number;
}

/** The skip reason of an opt-out, as the ledger keeps it ("suppressed: ..."). */
export function optOutReason(hit: { reason: string; scope: string }): string {
  return `suppressed: ${hit.reason}${hit.scope === 'marketing' ? ' (marketing only)' : ''}`;
}

/** The targets in list order, and every skipped row with its reason (the list's own skips first). */
export function chooseTargets(list: RecipientList, o: TargetOptions): { targets: Target[]; skipped: SkippedRow[] } {
  const skipped = list.skipped.map((s) => ({ ...s }));
  let targets: Target[] = [];
  for (const r of list.recipients) {
    const opt = o.suppressions.isSuppressed(r.e164, o.category);
    if (opt) {
      skipped.push({ key: r.e164, line: r.line, reason: optOutReason(opt) });
      continue;
    }
    const cb = callbackData(o.campaignId, r.e164);
    const rendered = o.render(r.e164, r.values, cb);
    if ('problem' in rendered) skipped.push({ key: r.e164, line: r.line, reason: rendered.problem });
    else targets.push({ e164: r.e164, values: r.values, callbackData: cb, line: r.line, zone: zoneFor(r.region)?.zone ?? 'UTC', region: r.region });
  }
  if (o.sampleSeed !== undefined) {
    const take = selectionSampler(targets.length, sampleSize(targets.length, 10), createRng(o.sampleSeed));
    targets = targets.filter(() => take());
  }
  return { targets, skipped };
}

/** The skipped rows counted by kind of reason, in the words the plan prints. */
export function countReasons(skipped: SkippedRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of skipped) {
    const key = s.reason.startsWith('duplicate')
      ? 'duplicate rows'
      : s.reason.startsWith('invalid number')
        ? 'invalid numbers'
        : s.reason.startsWith('suppressed')
          ? `opted out (${s.reason.slice('suppressed: '.length)})`
          : 'rows with unusable parameter values';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/**
 * An opt-out the ledger recorded binds this run too, even without the suppression list that caused it: such a target
 * moves to the skipped rows with the recorded reason (so the plan, the queue and the snapshot agree).
 */
export function withLedgerOptOuts(chosen: { targets: Target[]; skipped: SkippedRow[] }, state: LedgerState | undefined): { targets: Target[]; skipped: SkippedRow[] } {
  if (!state || state.recipients.size === 0) return chosen;
  const targets: Target[] = [];
  const skipped = [...chosen.skipped];
  for (const t of chosen.targets) {
    const x = state.recipients.get(t.e164);
    if (x && isOptOut(x) && x.status === 'skipped') skipped.push({ key: t.e164, line: t.line, reason: x.reason ?? 'suppressed' });
    else targets.push(t);
  }
  return { targets, skipped };
}

/**
 * The skipped rows as the plan shows them on a campaign the ledger already holds: a row this run
 * would skip whose recipient already has an outcome (sent, failed, unknown) counts there, not as
 * skipped. Skips are facts about the list as it is now: one an earlier run recorded for a row that
 * is now a target (a number fixed, an opt-out lifted) no longer holds, and that recipient is sent.
 */
export function planSkipped(skipped: SkippedRow[], state: LedgerState | undefined): SkippedRow[] {
  if (!state || state.recipients.size === 0) return skipped;
  return skipped.filter((s) => {
    const status = state.recipients.get(s.key)?.status;
    return status === undefined || status === 'pending' || status === 'skipped';
  });
}
