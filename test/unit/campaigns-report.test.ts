import { describe, expect, it } from 'vitest';
import type { OverviewRow } from '../../src/core/campaign/overview.js';
import { renderCampaigns } from '../../src/ui/campaigns-report.js';

const row = (o: Partial<OverviewRow>): OverviewRow => ({
  name: 'spring-sale', file: '', ledger: '', state: 'done', progress: 1, total: 2, sent: 2, delivered: 0, read: 0, failed: 0,
  pending: 0, unknown: 0, skipped: 0, cooldownUntil: null, lastActivity: null, ...o,
});

describe('campaigns file column', () => {
  it('a ledger whose campaign file is gone is named by its ledger, never as a store campaign (it has an identity too)', () => {
    const text = renderCampaigns([row({ ledger: 'old.ledger.jsonl', campaignId: 'spring-sale-8e6c5ca8d6' })]);
    expect(text).toContain('(ledger only) old.ledger.jsonl');
    expect(text).not.toContain('(store)');
  });

  it('a campaign of a store (no file, no ledger file) shows its identity', () => {
    expect(renderCampaigns([row({ campaignId: 'spring-sale-8e6c5ca8d6' })])).toContain('(store) spring-sale-8e6c5ca8d6');
  });
});
