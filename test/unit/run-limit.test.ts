// What a run used of --limit, read from the ledger: the same rule after Ctrl-C, a pause and kill -9 (no end event).
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { replay } from '../../src/core/campaign/ledger-state.js';
import { limitLeft, unfinishedRunOptions, usedByRun } from '../../src/core/campaign/run-limit.js';

const at = '2026-12-02T09:00:00.000Z';
const run = (id: string | undefined, limit: number | undefined): LedgerEvent => ({ t: 'run', pid: 1, at, mode: 'all', options: { limit, intervalMs: 200 }, ...(id ? { id } : {}) });
const attempt = (r: string, runId?: string, n = 1): LedgerEvent => ({ t: 'attempt', r, n, sender: 's', cb: `cb-${r}`, at, ...(runId ? { run: runId } : {}) });
const sent = (r: string): LedgerEvent => ({ t: 'sent', r, wamid: `w-${r}`, at });
const failed = (r: string): LedgerEvent => ({ t: 'failed', r, code: 131026, action: 'fail', at });
const retry = (r: string): LedgerEvent => ({ t: 'retry-at', r, until: at, code: 'network', at });

describe('run limit', () => {
  it('a run killed without an end resumes with its limit less what it sent, failed or left unknown', () => {
    const s = replay([run('a', 20), attempt('+1', 'a'), sent('+1'), attempt('+2', 'a'), failed('+2'), attempt('+3', 'a'), attempt('+4', 'a'), retry('+4')]);
    // +1 sent, +2 failed, +3 unknown (no answer before the kill) count; +4 never left (pending again) does not.
    expect(usedByRun(s, 'a')).toBe(3);
    expect(unfinishedRunOptions(s)).toEqual({ limit: 17, intervalMs: 200 });
  });

  it('counts only the attempts of that run: earlier runs and other workers of a shared store do not use its limit', () => {
    const s = replay([
      run('old', 5), attempt('+1', 'old'), sent('+1'), { t: 'end', outcome: 'done', at, options: { limit: 4 } },
      run('w1', 10), run('w2', 10), attempt('+2', 'w1'), attempt('+3', 'w2'), sent('+2'), sent('+3'), attempt('+4', 'w2'), sent('+4'),
    ]);
    expect(usedByRun(s, 'w1')).toBe(1);
    expect(usedByRun(s, 'w2')).toBe(2);
    // The latest run (w2) is the one a plain rerun resumes: its 10 less its own 2.
    expect(unfinishedRunOptions(s)?.limit).toBe(8);
  });

  it('a recipient retried by a later run (--retry-unknown) counts for the run that made its latest attempt', () => {
    const s = replay([run('a', 3), attempt('+1', 'a'), run('b', 3), attempt('+1', 'b', 2), sent('+1')]);
    expect([usedByRun(s, 'a'), usedByRun(s, 'b')]).toEqual([0, 1]);
  });

  it('reads ledgers written before runs had ids: attempts belong to the run event before them', () => {
    const s = replay([run(undefined, 5), attempt('+1'), sent('+1'), { t: 'end', outcome: 'interrupted', at, options: { limit: 4 } }, run(undefined, 4), attempt('+2'), sent('+2'), attempt('+3')]);
    expect(unfinishedRunOptions(s)?.limit).toBe(2);
  });

  it('an ended run keeps the remainder its end event recorded; a done run is not resumed; no limit stays none', () => {
    expect(unfinishedRunOptions(replay([run('a', 20), attempt('+1', 'a'), sent('+1'), { t: 'end', outcome: 'interrupted', at, options: { limit: 19 } }]))?.limit).toBe(19);
    expect(unfinishedRunOptions(replay([run('a', 1), attempt('+1', 'a'), sent('+1'), { t: 'end', outcome: 'done', at, options: { limit: 0 } }]))).toBeUndefined();
    expect(unfinishedRunOptions(replay([run('a', undefined), attempt('+1', 'a')]))).toEqual({ intervalMs: 200 });
    expect(limitLeft(replay([run('a', 2), attempt('+1', 'a'), attempt('+2', 'a'), attempt('+3', 'a')]), 'a', 2)).toBe(0);
  });
});
