import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { applyStatus, replay } from '../../src/core/campaign/ledger-state.js';

const at = '2026-12-01T10:00:00.000Z';
const ledger = (): LedgerEvent[] => [
  { t: 'header', v: 1, campaign: 'times', campaignId: 'camp-t', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at },
  { t: 'attempt', r: '+491709998801', n: 1, sender: '1', cb: 'wa-ops:camp-t:+491709998801', at },
  { t: 'sent', r: '+491709998801', wamid: 'wamid.A', at },
];

describe('status times from webhooks in any order', () => {
  it('keeps the earliest delivered and read times, whatever order the statuses come in', () => {
    const orders: [string, string][][] = [
      [['delivered', '1000'], ['read', '1100']],
      [['read', '1100'], ['delivered', '1000']],
      [['read', '1100'], ['read', '1200'], ['delivered', '1000'], ['delivered', '1050']],
    ];
    for (const order of orders) {
      const s = replay(ledger());
      for (const [status, ts] of order) applyStatus(s, '+491709998801', 'wamid.A', status, ts);
      const x = s.recipients.get('+491709998801')!;
      expect(x.status).toBe('read');
      expect(x.deliveredAt).toBe(1_000_000);
      expect(x.readAt).toBe(1_100_000);
    }
  });
});
