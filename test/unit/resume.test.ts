import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/core/campaign/duration.js';
import { exactDuration, resumeCommand } from '../../src/core/campaign/resume.js';
import { adoptResumed, type SendOptions } from '../../src/io/campaign/send-options.js';

const base: SendOptions = { campaign: 'c.json', dryRun: false, yes: true, sample: false, noWait: false, cooldownMs: 300_000, retryUnknown: false, allowFullBudget: false };

describe('resume command', () => {
  it.each([
    { o: { campaign: 'fruehling.json', sample: true, intervalMs: 1000 }, cmd: 'wa-ops send --campaign fruehling.json --sample --interval 1s --yes' },
    { o: { campaign: 'my campaign.json', ledger: "it's.jsonl", limit: 37 }, cmd: "wa-ops send --campaign 'my campaign.json' --ledger 'it'\\''s.jsonl' --limit 37 --yes" },
    { o: { campaign: 'c.json', config: 'ci.json', events: 'ev.jsonl', window: false as const, graphUrls: ['http://127.0.0.1:1'], maxDuration: '50m', cooldownMs: 60_000 }, cmd: 'wa-ops send --campaign c.json --config ci.json --events ev.jsonl --cooldown 1m --window off --graph-url http://127.0.0.1:1 --max-duration 50m --yes' },
    // A list that needed raised caps needs them on resume too.
    { o: { campaign: 'c.json', csvLimitArgs: ['--max-field-length', '200000'] }, cmd: 'wa-ops send --campaign c.json --max-field-length 200000 --yes' },
    // The resumed run skips the same people: the suppression list it honoured goes with it.
    { o: { campaign: 'c.json', suppressions: 'crm opt-outs.jsonl', limit: 5 }, cmd: "wa-ops send --campaign c.json --suppressions 'crm opt-outs.jsonl' --limit 5 --yes" },
  ])('$cmd', ({ o, cmd }) => expect(resumeCommand(o)).toBe(cmd));

  it.each([250, 6000, 60_000, 3_600_000, 1500, 333.3333333])('%d ms prints as a duration that parses back', (ms) => {
    expect(Math.abs(parseDuration(exactDuration(ms))! - ms)).toBeLessThan(1);
  });

  it('the plain command adopts what an unfinished run kept; flags given win', () => {
    const kept = { sample: true, intervalMs: 1000, limit: 12 };
    expect(adoptResumed(base, kept, { interval: false, limit: false }).options).toMatchObject({ sample: true, intervalMs: 1000, limit: 12 });
    expect(adoptResumed({ ...base, intervalMs: 250, limit: 3 }, kept, { interval: true, limit: true }).options).toMatchObject({ sample: true, intervalMs: 250, limit: 3 });
    const cooled = { ...kept, cooldownMs: 60_000 };
    expect(adoptResumed(base, cooled, { interval: false, limit: false })).toMatchObject({ options: { cooldownMs: 60_000 }, adopted: expect.arrayContaining(['--cooldown 1m']) });
    expect(adoptResumed({ ...base, cooldownMs: 10_000 }, cooled, { interval: false, limit: false, cooldown: true }).options.cooldownMs).toBe(10_000);
  });

  it('--no-sample turns an interrupted pilot run into a run to the whole list (no flag could before)', () => {
    const r = adoptResumed({ ...base, noSample: true }, { sample: true, intervalMs: 1000 }, { interval: false, limit: false });
    expect(r.options.sample).toBe(false);
    expect(r.adopted).not.toContain('--sample');
    expect(r.adopted.join()).toMatch(/the pace/);
  });

  it('a limit used up (0 left) is not adopted: the plain command sends the rest, like the printed resume command', () => {
    const r = adoptResumed(base, { intervalMs: 1000, limit: 0 }, { interval: false, limit: false });
    expect(r.options.limit).toBe(base.limit);
    expect(r.adopted.join()).not.toMatch(/--limit/);
  });
});
