// Meta's error codes mid-campaign, one row each: what happens to the recipient that got it and to the run (fake clock).
import { describe, expect, it } from 'vitest';
import { replay, summarise } from '../../src/core/campaign/ledger-state.js';
import { config, graphError, ok, simulate, T0, type Answer } from './engine-sim.js';
import { escalatedCooldown, recentCooldowns } from '../../src/core/campaign/cooldown-escalation.js';

const N = 10;
/** The recipient that meets the error (the 4th): three were sent before it. */
const HIT = `+4917000000${'03'}`;
const MIN = 60_000;

type Kind =
  /** The whole run is at fault (token, template, number, policy): stop at once, exit 3, nobody failed, the rest pending. */
  | 'abort'
  /** This recipient cannot get the message: failed, tried once, the run goes on. */
  | 'fail'
  /** The run (or the number) is throttled: a cooldown of at least minWaitMs, nothing sent during it, then everyone sent once. */
  | 'cooldown'
  /** This recipient only waits: the others go on without a cooldown. */
  | 'recipient-wait'
  /** Not the recipient's fault: left pending for the next run (tried once), the run goes on. */
  | 'defer'
  /** A temporary fault at Meta: the recipient is tried again after a backoff, the run goes on. */
  | 'transient';

const ROWS: { code: number; kind: Kind; minWaitMs?: number }[] = [
  { code: 130429, kind: 'cooldown', minWaitMs: 5 * MIN },
  { code: 131056, kind: 'recipient-wait' },
  { code: 4, kind: 'cooldown', minWaitMs: 5 * MIN },
  { code: 80007, kind: 'cooldown', minWaitMs: 15 * MIN },
  // Meta: no hot retry after a spam-rate refusal; an hour at least, whatever --cooldown says.
  { code: 131048, kind: 'cooldown', minWaitMs: 60 * MIN },
  { code: 368, kind: 'abort' },
  { code: 131026, kind: 'fail' },
  { code: 131047, kind: 'fail' },
  { code: 131049, kind: 'fail' },
  { code: 131050, kind: 'fail' },
  { code: 132000, kind: 'abort' },
  { code: 132001, kind: 'abort' },
  // The text with that row's values is too long: that recipient fails (5 in a row stop the run, below).
  { code: 132005, kind: 'fail' },
  { code: 132007, kind: 'abort' },
  { code: 132012, kind: 'abort' },
  { code: 132015, kind: 'abort' },
  { code: 132016, kind: 'abort' },
  { code: 133010, kind: 'abort' },
  { code: 190, kind: 'abort' },
  { code: 131000, kind: 'transient' },
  { code: 1, kind: 'transient' },
  { code: 2, kind: 'transient' },
  // Our medium refused: not the recipient's fault, so it stays pending (five in a row stop the run: send.test.ts).
  { code: 131053, kind: 'defer' },
  // "Generic user error": the request's parameters, alike for everyone: no verdict on the recipient.
  { code: 135000, kind: 'abort' },
];

/** Accepted messages per recipient: never more than one. */
function accepted(sends: { r: string }[], answers: Map<string, Answer[]>): Map<string, number> {
  const m = new Map<string, number>();
  for (const [r, list] of answers) m.set(r, list.filter((a) => 'wamid' in a).length);
  void sends;
  return m;
}

describe.each(ROWS)('error $code mid-campaign', ({ code, kind, minWaitMs }) => {
  it(`is handled as ${kind}`, () => {
    let runBroken = false;
    const answers = new Map<string, Answer[]>();
    const answer = (r: string, nth: number): Answer => {
      let a: Answer;
      if (kind === 'abort') {
        // A run-level problem stays: everyone after the first refusal gets it too.
        if (r === HIT) runBroken = true;
        a = runBroken ? graphError(code) : ok(r);
      } else if (kind === 'fail') a = r === HIT ? graphError(code) : ok(r);
      else a = r === HIT && nth === 1 ? graphError(code) : ok(r);
      answers.set(r, [...(answers.get(r) ?? []), a]);
      return a;
    };
    const res = simulate(config(N), answer, { maxSteps: 20_000 });
    const s = summarise(replay(res.records), 'c', res.now);
    for (const n of accepted(res.sends, answers).values()) expect(n).toBeLessThanOrEqual(1);
    const cooldowns = res.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until');
    const hitSends = res.sends.filter((x) => x.r === HIT);
    switch (kind) {
      case 'abort':
        expect(res.stop).toMatchObject({ outcome: 'aborted', exit: 3, code: `graph-${code}` });
        expect(s).toMatchObject({ sent: 3, failed: 0, unknown: 0, pending: s.total - 3 });
        expect(hitSends).toHaveLength(1);
        break;
      case 'fail':
        expect(res.stop.outcome).toBe('done');
        expect(s).toMatchObject({ sent: N - 1, failed: 1, unknown: 0, pending: 0 });
        expect(s.failures).toEqual({ [code]: 1 });
        expect(hitSends).toHaveLength(1);
        break;
      case 'defer':
        expect(res.stop.outcome).toBe('done');
        expect(s).toMatchObject({ sent: N - 1, failed: 0, unknown: 0, pending: 1 });
        expect(hitSends).toHaveLength(1);
        break;
      case 'cooldown': {
        expect(res.stop.outcome).toBe('done');
        expect(s).toMatchObject({ sent: N, failed: 0, unknown: 0, pending: 0 });
        expect(cooldowns).toHaveLength(1);
        const [from, until] = [Date.parse(cooldowns[0].at), Date.parse(cooldowns[0].until)];
        expect(until - from).toBeGreaterThanOrEqual(minWaitMs!);
        expect(res.sends.some((x) => x.at > from && x.at < until)).toBe(false);
        // Under --no-wait the same refusal pauses the run (exit 75), nobody failed.
        let first = true;
        const paused = simulate(config(N, { noWait: true }), (r) => (r === HIT && first ? ((first = false), graphError(code)) : ok(r)), { maxSteps: 20_000 });
        expect(paused.stop.outcome).toBe('paused');
        expect(summarise(replay(paused.records), 'c', paused.now)).toMatchObject({ sent: 3, failed: 0, unknown: 0 });
        break;
      }
      case 'recipient-wait':
        expect(res.stop.outcome).toBe('done');
        expect(s).toMatchObject({ sent: N, failed: 0, unknown: 0, pending: 0 });
        expect(cooldowns).toHaveLength(0);
        expect(hitSends).toHaveLength(2);
        // The others were not held up behind it: the run's 5th recipient went out before the retry.
        expect(res.sends.findIndex((x) => x.r === HIT && x !== hitSends[0])).toBeGreaterThan(4);
        break;
      case 'transient':
        expect(res.stop.outcome).toBe('done');
        expect(s).toMatchObject({ sent: N, failed: 0, unknown: 0, pending: 0 });
        expect(cooldowns).toHaveLength(0);
        expect(hitSends).toHaveLength(2);
        expect(hitSends[1].at - hitSends[0].at).toBeGreaterThanOrEqual(2000);
        break;
    }
  });
});

describe('a transient error that does not pass', () => {
  it('leaves the recipient pending for the next run (not failed), and the run goes on', () => {
    const res = simulate(config(N), (r) => (r === HIT ? graphError(131000) : ok(r)));
    expect(res.stop.outcome).toBe('done');
    expect(summarise(replay(res.records), 'c', res.now)).toMatchObject({ sent: N - 1, failed: 0, pending: 1 });
  });
});

describe('131048 twice within the hour', () => {
  it('waits at least the hour floor again the second time, whatever --cooldown says', () => {
    const res = simulate(config(N, { cooldownMs: MIN }), (r, nth) => (r === HIT && nth <= 2 ? graphError(131048) : ok(r)));
    const cds = res.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until');
    expect(cds).toHaveLength(2);
    const len = cds.map((c) => Date.parse(c.until) - Date.parse(c.at));
    expect(len[0]).toBeGreaterThanOrEqual(60 * MIN);
    expect(len[1]).toBeGreaterThanOrEqual(len[0]);
  });

  it('escalates: refused again right after the hour ends, the next cooldown is 2 h, then 4 h, 8 h, and stays capped at 8 h', () => {
    const res = simulate(config(N, { cooldownMs: MIN }), (r, nth) => (r === HIT && nth <= 5 ? graphError(131048) : ok(r)), { maxSteps: 50_000 });
    const cds = res.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until');
    expect(cds.map((c) => (Date.parse(c.until) - Date.parse(c.at)) / (60 * MIN))).toEqual([1, 2, 4, 8, 8]);
    expect(res.stop.outcome).toBe('done');
  });
});

describe('escalation forgets', () => {
  it('a 131048 long after the last cooldown ended starts again at the hour', () => {
    // Refused once; much later (after everyone else) refused again: the first cooldown is long over.
    const res = simulate(config(N, { cooldownMs: MIN, intervalMs: 20 * MIN }), (r, nth) => ((r === HIT && nth === 1) || (r === `+4917000000${'09'}` && nth === 1) ? graphError(131048) : ok(r)), { maxSteps: 50_000 });
    const cds = res.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until');
    expect(cds.map((c) => (Date.parse(c.until) - Date.parse(c.at)) / (60 * MIN))).toEqual([1, 1]);
  });
});

describe('190 (token expired) with several requests in flight', () => {
  it('stops with exit 3; the answers still coming in leave their recipients pending, nobody failed or sent twice', () => {
    let broken = false;
    const res = simulate(config(30, { intervalMs: 5 }), (r) => {
      if (r === HIT) broken = true;
      return broken ? graphError(190) : ok(r);
    }, { latencyMs: 60, maxSteps: 20_000 });
    expect(res.stop).toMatchObject({ outcome: 'aborted', exit: 3, code: 'graph-190' });
    const s = summarise(replay(res.records), 'c', res.now);
    expect(s).toMatchObject({ failed: 0, unknown: 0 });
    expect(s.sent + s.pending).toBe(s.total);
    expect(new Set(res.sends.map((x) => x.r)).size).toBe(res.sends.length);
  });
});

describe('recentCooldowns (pure, fake times)', () => {
  const H = 60 * MIN;
  const cd = (at: number, until: number, code: number | string = 131048) => ({ at, until, code });
  it('counts a chain of cooldowns each begun within an hour of the previous end; a gap of an hour or more ends the chain', () => {
    expect(recentCooldowns([], 0)).toBe(0);
    expect(recentCooldowns([cd(0, H)], H)).toBe(1);
    expect(recentCooldowns([cd(0, H)], 2 * H - 1)).toBe(1);
    expect(recentCooldowns([cd(0, H)], 2 * H)).toBe(0);
    expect(recentCooldowns([cd(0, H), cd(H, 3 * H), cd(3 * H, 7 * H)], 7 * H)).toBe(3);
    expect(recentCooldowns([cd(0, H), cd(3 * H, 4 * H)], 4 * H)).toBe(1);
    // Waits the run worked out itself (send window, budget) are not the API's.
    expect(recentCooldowns([cd(0, H, 'budget')], H)).toBe(0);
    expect(escalatedCooldown(H, 3)).toBe(8 * H);
    expect(escalatedCooldown(H, 9)).toBe(8 * H);
  });
});

describe('parameter refusals (132018): per recipient, unless many in a row', () => {
  const run = (refused: (r: string) => boolean, code = 132018) => {
    const res = simulate(config(N), (r) => (refused(r) ? graphError(code) : ok(r)), { maxSteps: 20_000 });
    return { res, s: summarise(replay(res.records), 'c', res.now) };
  };
  const idx = (r: string) => Number(r.slice(-2));

  it('one recipient refused: that one failed with the code, the run goes on and ends done', () => {
    const { res, s } = run((r) => r === HIT);
    expect(res.stop.outcome).toBe('done');
    expect(s).toMatchObject({ sent: N - 1, failed: 1, pending: 0, failures: { 132018: 1 } });
  });

  it('three in a row, then an accepted one: the three failed (their own values), everyone else sent', () => {
    const { res, s } = run((r) => idx(r) >= 3 && idx(r) <= 5);
    expect(res.stop.outcome).toBe('done');
    expect(s).toMatchObject({ sent: N - 3, failed: 3, pending: 0 });
  });

  it('the last recipients refused as the run ends: failed, not left pending', () => {
    const { res, s } = run((r) => idx(r) >= N - 2);
    expect(res.stop.outcome).toBe('done');
    expect(s).toMatchObject({ sent: N - 2, failed: 2, pending: 0 });
  });

  it.each([132018, 132005, 131009, 100])('%i for everyone: stops after 5 in a row, exit 3, nobody failed, everyone pending', (code) => {
    const { res, s } = run(() => true, code);
    expect(res.stop).toMatchObject({ outcome: 'aborted', exit: 3, code: 'parameter-refusals' });
    expect(res.stop.message).toMatch(/5 recipients in a row refused for their parameter values/);
    expect(s).toMatchObject({ sent: 0, failed: 0, unknown: 0 });
    expect(s.pending).toBe(s.total);
    expect(res.sends.length).toBe(5);
  });

  it('a code wa-ops does not know: one recipient failed; the same for everyone stops after 5 (repeated-refusals), nobody failed', () => {
    expect(run((r) => r === HIT, 139999).s).toMatchObject({ sent: N - 1, failed: 1, failures: { 139999: 1 } });
    const { res, s } = run(() => true, 139999);
    expect(res.stop).toMatchObject({ outcome: 'aborted', exit: 3, code: 'repeated-refusals' });
    expect(res.stop.message).toMatch(/5 recipients in a row refused with error 139999, a code wa-ops does not know/);
    expect(s).toMatchObject({ sent: 0, failed: 0, unknown: 0 });
  });
});

describe('131056 that never lets up', () => {
  it('the recipient waits 4^x seconds 6 times, then is left pending (its wait stored) and the run ends instead of sleeping hour after hour', () => {
    let hits = 0;
    const res = simulate(config(N), (r) => (r === HIT ? (hits++, graphError(131056)) : ok(r)), { maxSteps: 20_000 });
    expect(res.stop.outcome).toBe('done');
    expect(hits).toBe(7);
    const s = summarise(replay(res.records), 'c', res.now);
    expect(s).toMatchObject({ sent: N - 1, failed: 0, pending: 1 });
    expect(res.notices.join('\n')).toMatch(/refused 7 times for the pair rate limit.*left pending for the next run/);
    expect(res.now - T0).toBeLessThan(60 * MIN);
  });
});

describe('a burst of 130429 answers (requests in flight when the first came)', () => {
  it('starts one cooldown of the base length, not one doubled per request in flight; a refusal after it ends doubles', () => {
    const res = simulate(config(20, { intervalMs: 10, concurrency: 16 }), (r, nth) => (nth === 1 && Number(r.slice(-2)) < 16 ? graphError(130429) : ok(r)), { latencyMs: 200, maxSteps: 50_000 });
    const cds = res.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until');
    expect(cds.map((c) => (Date.parse(c.until) - Date.parse(c.at)) / MIN)).toEqual([5]);
    expect(summarise(replay(res.records), 'c', res.now)).toMatchObject({ sent: 20, pending: 0 });
    const again = simulate(config(20, { intervalMs: 10, concurrency: 16 }), (r, nth) => (nth === 1 ? graphError(130429) : ok(r)), { latencyMs: 200, maxSteps: 50_000 });
    const lens = again.records.filter((e): e is Extract<typeof e, { t: 'cooldown-until' }> => e.t === 'cooldown-until').map((c) => (Date.parse(c.until) - Date.parse(c.at)) / MIN);
    expect(lens[0]).toBe(5);
    expect(lens[1]).toBe(10);
  });
});
