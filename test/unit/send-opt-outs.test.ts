// The opt-outs a send learns from 131050: which events make one, and a list that stops answering never holds the run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { optOutFromSend } from '../../src/core/suppressions/from-send.js';
import { optOutSink, SendOptOuts } from '../../src/io/campaign/send-opt-outs.js';

const failed = (code: number | string) => ({ t: 'failed' as const, r: '+4917012345678', code, action: 'fail-recipient', at: '2026-12-03T07:00:00.000Z' });

describe('optOutFromSend', () => {
  it('a stored 131050 failure is a marketing-only opt-out by the campaign; anything else is none', () => {
    expect(optOutFromSend(failed(131050), 'campaign spring')).toMatchObject({ v: 2, op: 'add', e164: '+4917012345678', reason: '131050', scope: 'marketing', source: 'send', by: 'campaign spring', at: '2026-12-03T07:00:00.000Z' });
    expect(optOutFromSend(failed(131026), 'x')).toBeNull();
    expect(optOutFromSend({ t: 'sent', r: '+4917012345678', wamid: 'w', at: '' }, 'x')).toBeNull();
  });
});

describe('SendOptOuts', () => {
  afterEach(() => vi.useRealTimers());

  it('a list write that never answers is given up after 15 s with the command that adds it by hand', async () => {
    vi.useFakeTimers();
    const notices: string[] = [];
    const o = new SendOptOuts({ append: () => new Promise<void>(() => {}), flag: ' --suppressions list.jsonl' }, 'campaign c', (t) => notices.push(t));
    o.onRecorded(failed(131050));
    const settled = o.settle();
    await vi.advanceTimersByTimeAsync(15_000);
    await settled;
    expect(notices).toEqual([expect.stringMatching(/could not be written \(no answer from the list's store within 15 s\): add it with: wa-ops suppressions add \+4917012345678 --scope marketing --reason 131050 --suppressions list.jsonl$/)]);
  });

  it('writes one record per 131050 in order and says so', async () => {
    const written: string[] = [];
    const notices: string[] = [];
    const o = new SendOptOuts({ append: async (r) => void written.push(r[0].e164), flag: '' }, 'campaign c', (t) => notices.push(t));
    o.onRecorded(failed(131050));
    o.onRecorded(failed(131026));
    await o.settle();
    expect(written).toEqual(['+4917012345678']);
    expect(notices[0]).toMatch(/added to the suppression list/);
  });
});

// The printed `suppressions add` must reach the list the send honours: on a PostgreSQL store it used to name no
// --store, so copied as printed it added the number to a local file that no send on the store reads.
describe('optOutSink: the list the printed command edits', () => {
  const append = async () => {};
  it('a store given to the send is named (its password never: "$WA_OPS_STORE" then)', () => {
    expect(optOutSink(undefined, append, 'postgres://ops@db.example:5432/wa').flag).toBe(' --store postgres://ops@db.example:5432/wa');
    expect(optOutSink(undefined, append, 'postgres://ops:s3cret@db.example/wa').flag).toBe(' --store "$WA_OPS_STORE"');
  });
  it('a --suppressions file wins; without a store or file the default list needs no flag', () => {
    expect(optOutSink('my list.jsonl', append, 'postgres://db/wa').flag).toBe(" --suppressions 'my list.jsonl'");
    expect(optOutSink(undefined, undefined, undefined).flag).toBe('');
  });
});
