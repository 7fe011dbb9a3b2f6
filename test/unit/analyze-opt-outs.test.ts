// analyze's opt-outs count people: a customer who types STOP again (because a message still came) is one opt-out.
import { describe, expect, it } from 'vitest';
import { DeliveryAnalyzer } from '../../src/core/webhook/analysis.js';
import { toRecords } from '../../src/core/webhook/records.js';
import { isOptOutButton, isStopMessage } from '../../src/core/webhook/stop-words.js';
import { deliveryHtml, renderDeliveryReport } from '../../src/ui/delivery-report.js';

const W = '210987654321098';
const meta = { display_phone_number: '4930123456789', phone_number_id: '109876543210987' };
const text = (id: string, from: string, body: string, ts: number) => ({ object: 'whatsapp_business_account', entry: [{ id: W, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: meta, contacts: [{ profile: { name: 'K' }, wa_id: from }], messages: [{ from, id, timestamp: String(ts), type: 'text', text: { body } }] } }] }] });
const pref = (waId: string, value: string, ts: number) => ({ object: 'whatsapp_business_account', entry: [{ id: W, changes: [{ field: 'user_preferences', value: { messaging_product: 'whatsapp', metadata: meta, user_preferences: [{ wa_id: waId, detail: 'x', category: 'marketing_messages', value, timestamp: ts }] } }] }] });

describe('analyze: opt-outs', () => {
  it('counts each person once per kind, however often they stop (and a BSUID-only sender as a person of their own)', () => {
    const a = new DeliveryAnalyzer(new Map(), undefined, isStopMessage, isOptOutButton);
    const bodies = [
      text('wamid.1', '491709999001', 'STOP', 1767225600),
      text('wamid.2', '491709999001', 'Abmelden', 1767229200),
      text('wamid.3', '491709999002', 'stop', 1767229300),
      pref('491709999003', 'stop', 1767225600),
      pref('491709999003', 'resume', 1767229200),
      pref('491709999003', 'stop', 1767232800),
    ];
    const bsuid = { object: 'whatsapp_business_account', entry: [{ id: W, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: meta, contacts: [{ profile: { name: 'K' }, user_id: 'DE.1' }], messages: [{ from_user_id: 'DE.1', id: 'wamid.4', timestamp: '1767229400', type: 'text', text: { body: 'Stopp' } }] } }] }] };
    for (const b of [...bodies, bsuid]) for (const r of toRecords(b, 1767240000)) a.add(r);
    const report = a.report();
    expect(report.optOuts).toEqual({ marketingStop: 1, marketingResume: 1, stopWords: 3 });
    expect(renderDeliveryReport(report)).toContain('opt-outs: 1 person stopped marketing, 1 resumed it, 3 typed a stop word');
    expect(deliveryHtml(report, 't')).toContain('<h2>Opt-outs</h2>\n<p>1 person stopped marketing, 1 resumed it, 3 typed a stop word</p>');
  });
});
