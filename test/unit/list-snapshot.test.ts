// Skips are facts about the list as it is now: rows added, removed, reordered, fixed or duplicated between runs never
// leave a stale skip counted, and the counts add up to the list (sent + failed + pending + unknown + skipped = total).
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { apply, replay, stillToSend, summarise, type LedgerState } from '../../src/core/campaign/ledger-state.js';
import { readAgainstList, snapshotEvents, type SkipFact } from '../../src/core/campaign/list-snapshot.js';

const at = '2026-12-02T09:00:00.000Z';
/** A list as the send reads it: rows are numbers or "bad" (no valid number); duplicates are rows seen before. */
function listOf(rows: string[], optedOut: string[] = []): { rows: number; sha256: string; listed: Set<string>; skipped: SkipFact[]; targets: string[] } {
  const listed = new Set<string>();
  const skipped: SkipFact[] = [];
  const targets: string[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    if (r === 'bad') skipped.push({ key: `line:${line}`, line, reason: 'invalid number: invalid-characters' });
    else if (listed.has(r)) skipped.push({ key: `line:${line}`, line, reason: 'duplicate of an earlier line' });
    else {
      listed.add(r);
      if (optedOut.includes(r)) skipped.push({ key: r, line, reason: 'suppressed: stop-word' });
      else targets.push(r);
    }
  });
  // The file's hash: the rows only (opt-outs live in the suppression list, not in the file).
  return { rows: rows.length, sha256: rows.join('|'), listed, skipped, targets };
}

/** One run as send does it: the snapshot events, then up to `limit` sends of the targets still to send. */
function run(s: LedgerState, l: ReturnType<typeof listOf>, limit = Infinity): string[] {
  const header = { t: 'header' as const, v: 1 as const, campaign: 'c', campaignId: 'c-1', campaignHash: 'h', recipientsHash: l.sha256, recipients: l.rows, at };
  for (const e of snapshotEvents(s, { header, changed: s.header?.recipientsHash !== l.sha256, listed: l.listed, skipped: l.skipped })) apply(s, e);
  const sent = l.targets.filter((t) => stillToSend(s.recipients.get(t), false)).slice(0, limit);
  for (const r of sent) {
    const events: LedgerEvent[] = [{ t: 'attempt', r, n: 1, sender: 's', cb: r, at }, { t: 'sent', r, wamid: `w${r}`, at }];
    for (const e of events) apply(s, e);
  }
  return sent;
}

function counts(s: LedgerState) {
  const c = summarise(s, 'c', Date.parse(at));
  expect(c.sent + c.failed + c.pending + c.unknown + c.skipped).toBe(c.total);
  return { total: c.total, sent: c.sent, pending: c.pending, skipped: c.skipped };
}

describe('skips follow the list', () => {
  it('a row added on top shifts the lines: the old line skip no longer counts, the recipient after it is still pending', () => {
    const s = replay([]);
    run(s, listOf(['+1', 'bad', '+3']), 1);
    expect(counts(s)).toEqual({ total: 3, sent: 1, pending: 1, skipped: 1 });
    expect(run(s, listOf(['+9', '+1', 'bad', '+3']), 1)).toEqual(['+9']);
    expect(counts(s)).toEqual({ total: 4, sent: 2, pending: 1, skipped: 1 });
    expect(run(s, listOf(['+9', '+1', 'bad', '+3']))).toEqual(['+3']);
    expect(counts(s)).toEqual({ total: 4, sent: 3, pending: 0, skipped: 1 });
  });

  it('a row fixed between runs becomes pending and is sent; a row broken after its send stays sent, off the list', () => {
    const s = replay([]);
    run(s, listOf(['+1', 'bad']), 1);
    const fixed = listOf(['+1', '+2']);
    expect(run(s, fixed, 0)).toEqual([]);
    expect(counts(s)).toEqual({ total: 2, sent: 1, pending: 1, skipped: 0 });
    expect(run(s, fixed)).toEqual(['+2']);
    // +1 re-exported without a usable number: its row is skipped, and its message (sent) still counts.
    run(s, listOf(['bad', '+2']));
    expect(counts(s)).toEqual({ total: 3, sent: 2, pending: 0, skipped: 1 });
  });

  it('rows removed and reordered: skips of rows gone vanish, sent recipients no longer listed still count', () => {
    const s = replay([]);
    run(s, listOf(['+1', 'bad', '+3', 'bad', '+5']), 2);
    expect(counts(s)).toEqual({ total: 5, sent: 2, pending: 1, skipped: 2 });
    // +1 removed, the invalid rows removed, the rest reordered.
    run(s, listOf(['+5', '+3']), 0);
    expect(counts(s)).toEqual({ total: 3, sent: 2, pending: 1, skipped: 0 });
    expect(run(s, listOf(['+5', '+3']))).toEqual(['+5']);
    expect(counts(s)).toEqual({ total: 3, sent: 3, pending: 0, skipped: 0 });
  });

  it('duplicates are skipped per row; a duplicate of someone sent to is a skipped row, never a second send', () => {
    const s = replay([]);
    run(s, listOf(['+1', '+2']), 1);
    expect(run(s, listOf(['+1', '+1', '+2', '+2']))).toEqual(['+2']);
    expect(counts(s)).toEqual({ total: 4, sent: 2, pending: 0, skipped: 2 });
  });

  it('an opt-out is a fact about a person: it outlives list changes and binds a run that does not name the list', () => {
    const s = replay([]);
    run(s, listOf(['+1', 'bad', '+2'], ['+2']));
    expect(counts(s)).toEqual({ total: 3, sent: 1, pending: 0, skipped: 2 });
    // The list changes (the invalid row fixed, rows moved): the line skip goes, the opt-out stays, +2 is never a send.
    expect(run(s, listOf(['+2', '+3', '+1']))).toEqual(['+3']);
    expect(stillToSend(s.recipients.get('+2'), false)).toBe(false);
    expect(counts(s)).toEqual({ total: 3, sent: 2, pending: 0, skipped: 1 });
    // An opt-out of someone already sent to: the message counts, the skip is not recorded.
    run(s, listOf(['+2', '+3', '+1'], ['+1', '+2']));
    expect(counts(s)).toEqual({ total: 3, sent: 2, pending: 0, skipped: 1 });
    // The opted-out person removed from the list still counts once (skipped), never as pending.
    run(s, listOf(['+3', '+1']));
    expect(counts(s)).toEqual({ total: 3, sent: 2, pending: 0, skipped: 1 });
  });

  it('a value Meta would refuse, fixed in the list, makes that recipient pending again', () => {
    const s = replay([]);
    const l = listOf(['+1', '+2']);
    // The run skips +2 for its parameter value (keyed by number, like an opt-out, but a fact about the list).
    const header = { t: 'header' as const, v: 1 as const, campaign: 'c', campaignId: 'c-1', campaignHash: 'h', recipientsHash: 'v1', recipients: 2, at };
    for (const e of snapshotEvents(s, { header, changed: true, listed: l.listed, skipped: [{ key: '+2', line: 3, reason: 'body parameter 1 is empty' }] })) apply(s, e);
    expect(counts(s)).toEqual({ total: 2, sent: 0, pending: 1, skipped: 1 });
    for (const e of snapshotEvents(s, { header: { ...header, recipientsHash: 'v2' }, changed: true, listed: l.listed, skipped: [] })) apply(s, e);
    expect(stillToSend(s.recipients.get('+2'), false)).toBe(true);
    expect(counts(s)).toEqual({ total: 2, sent: 0, pending: 2, skipped: 0 });
  });

  it('an unchanged list writes nothing again (no header, no skips twice)', () => {
    const s = replay([]);
    const l = listOf(['+1', 'bad', '+3']);
    run(s, l, 1);
    const header = { t: 'header' as const, v: 1 as const, campaign: 'c', campaignId: 'c-1', campaignHash: 'h', recipientsHash: l.sha256, recipients: l.rows, at };
    expect(snapshotEvents(s, { header, changed: false, listed: l.listed, skipped: l.skipped })).toEqual([]);
  });

  it('replays ledgers written before snapshots: a later header forgets the earlier line skips', () => {
    const h = (rows: number, hash: string): LedgerEvent => ({ t: 'header', v: 1, campaign: 'c', campaignId: 'c-1', campaignHash: 'h', recipientsHash: hash, recipients: rows, at });
    const s = replay([
      h(3, 'a'), { t: 'skipped', r: 'line:3', line: 3, reason: 'invalid number: x', at }, { t: 'attempt', r: '+1', n: 1, sender: 's', cb: '', at }, { t: 'sent', r: '+1', wamid: 'w1', at },
      h(4, 'b'), { t: 'skipped', r: 'line:4', line: 4, reason: 'invalid number: x', at }, { t: 'attempt', r: '+9', n: 1, sender: 's', cb: '', at }, { t: 'sent', r: '+9', wamid: 'w9', at },
    ]);
    expect(counts(s)).toEqual({ total: 4, sent: 2, pending: 1, skipped: 1 });
  });

  it('status reads a ledger against a list changed since the last send: the counts are of the list as it is now', () => {
    const s = replay([]);
    run(s, listOf(['+1', 'bad', '+3']), 1);
    readAgainstList(s, listOf(['+9', 'bad', 'bad', '+3']));
    // +1 is off the list but was sent (counted); two invalid rows now; +9 and +3 pending.
    expect(counts(s)).toEqual({ total: 5, sent: 1, pending: 2, skipped: 2 });
  });
});
