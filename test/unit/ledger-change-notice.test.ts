import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/campaign/ledger-state.js';
import type { CampaignFile } from '../../src/io/campaign/campaign-file.js';
import { ledgerChangeNotice } from '../../src/io/campaign/ledger-setup.js';
import type { RecipientList } from '../../src/io/campaign/recipients.js';

const state = replay([{ t: 'header', v: 1, campaign: 'spring', campaignId: 'spring-ab', template: 'spring_sale:de', category: 'MARKETING', campaignHash: 'c1', recipientsHash: 'r1', recipients: 2, at: '2026-01-01T00:00:00Z' }]);
const cf = (template: { name: string; language: string }) => ({ sha256: 'c2', campaign: { recipients: 'list.csv', template } }) as unknown as CampaignFile;
const list = { sha256: 'r1', rows: 2 } as unknown as RecipientList;

describe('ledgerChangeNotice', () => {
  it('names a template changed since the ledger began', () => {
    expect(ledgerChangeNotice(state, cf({ name: 'summer_sale', language: 'de' }), list)).toBe(
      'the campaign file changed since this ledger began; its template is now summer_sale:de (was spring_sale:de: those sent before got that one); recipients are matched by their E.164 number, so whoever was sent to is never sent to again',
    );
  });

  it('says only that the file changed when the template is the same', () => {
    expect(ledgerChangeNotice(state, cf({ name: 'spring_sale', language: 'de' }), list)).toMatch(/^the campaign file changed since this ledger began; recipients/);
  });
});
