import { describe, expect, it } from 'vitest';
import { otherCampaignsLedger } from '../../src/core/campaign/ledger-owner.js';
import { replay } from '../../src/core/campaign/ledger-state.js';
import type { LedgerEvent } from '../../src/core/campaign/events.js';

const header = (campaign: string, at: string): LedgerEvent => ({ t: 'header', v: 1, campaign, campaignId: `${campaign}-abc`, template: 't:de', category: 'MARKETING', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at });

describe('otherCampaignsLedger', () => {
  it('accepts a new ledger and one whose latest header names this campaign', () => {
    expect(otherCampaignsLedger(replay([]), 'spring', 'l.jsonl')).toBeUndefined();
    expect(otherCampaignsLedger(replay([header('spring', '2026-01-01T00:00:00Z')]), 'spring', 'l.jsonl')).toBeUndefined();
  });

  it('refuses a ledger of another campaign, naming it, with the way out for a new campaign and for a rename', () => {
    const err = otherCampaignsLedger(replay([header('spring', '2026-01-01T00:00:00Z')]), 'summer', 'c.ledger.jsonl')!;
    expect(err.exitCode).toBe(2);
    expect(err.code).toBe('ledger-of-another-campaign');
    expect(err.message).toBe('the ledger c.ledger.jsonl belongs to the campaign "spring" (spring-abc), not to "summer": nothing was sent');
    expect(err.hint).toContain('set "name" back to "spring"');
  });
});
