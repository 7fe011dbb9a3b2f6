// The plan shown before a send: the unknown recipients of earlier runs are said to be sent again under --retry-unknown.
import { describe, expect, it } from 'vitest';
import { renderPlan, type Plan } from '../../src/ui/campaign-report.js';

const plan = (retryUnknown?: boolean): Plan => ({
  campaign: 'c',
  template: 'spring_sale:de',
  templateStatus: 'APPROVED',
  category: 'MARKETING',
  rows: 20,
  recipients: 20,
  skipped: {},
  alreadySent: 16,
  alreadyFailed: 0,
  unknown: 4,
  toSend: retryUnknown ? 4 : 0,
  senders: ['109876543210987'],
  intervalMs: 1000,
  ledger: 'c.ledger.jsonl',
  retryUnknown,
});

describe('renderPlan: unknown recipients', () => {
  it('without --retry-unknown: not resent', () => {
    expect(renderPlan(plan())).toContain('4 unknown (not resent without --retry-unknown)');
  });

  it('with --retry-unknown: sent again (never "not resent")', () => {
    const text = renderPlan(plan(true));
    expect(text).toContain('4 unknown (resent now: those who got it get it twice)');
    expect(text).not.toContain('not resent');
  });
});
