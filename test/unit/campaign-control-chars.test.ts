import { describe, expect, it } from 'vitest';
import { CampaignProblem, parseCampaign } from '../../src/core/campaign/schema.js';

const base = { name: 'spring-sale', recipients: 'customers.csv', template: { name: 'spring_sale', language: 'de' } };

// A campaign file is someone else's data: its strings are printed by send, status, campaigns and doctor.
describe('campaign strings with control characters', () => {
  it.each([
    ['name', { ...base, name: 'evil\u001b]0;pwned\u0007\u001b[2J' }],
    ['name', { ...base, name: 'two\nlines' }],
    ['name', { ...base, name: 'bidi\u202eevil' }],
    ['recipients', { ...base, recipients: 'list\u001b[1A.csv' }],
    ['template.name', { ...base, template: { name: 'x\u009b2J', language: 'de' } }],
    ['phoneColumn', { ...base, phoneColumn: 'phone\u0000' }],
  ])('"%s" holding one is refused, naming the field', (key, campaign) => {
    expect(() => parseCampaign(campaign)).toThrow(CampaignProblem);
    expect(() => parseCampaign(campaign)).toThrow(new RegExp(`^"${key.replace('.', '\\.')}" holds a control character`));
  });

  it('ordinary names, including non-Latin ones and emoji, are kept', () => {
    expect(parseCampaign({ ...base, name: 'Frühling – 春季促销 🌸' }).name).toBe('Frühling – 春季促销 🌸');
  });
});
