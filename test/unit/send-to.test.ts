import { describe, expect, it } from 'vitest';
import { explainFailure, foldDelivery, windowOpenFrom } from '../../src/core/send-to/delivery.js';
import { parseTemplateRef, templateMessage } from '../../src/core/send-to/message.js';
import { parseParamFlags, templateSlots } from '../../src/core/send-to/params.js';

const named = {
  name: 'welcome',
  language: 'en',
  parameter_format: 'NAMED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}' },
    { type: 'BODY', text: 'Hello {{first_name}}, your code is {{code}}.' },
  ],
};

describe('send --to parameters', () => {
  it('orders positional variables by number and names NAMED ones', () => {
    expect(templateSlots({ components: [{ type: 'BODY', text: '{{2}} then {{1}}' }] }).body).toEqual(['1', '2']);
    const payload = templateMessage(named, '+491701234567', parseParamFlags(['header.first_name=Ana', 'first_name=Ana', 'code=a=b']));
    const components = (payload.template as { components: { type: string; parameters: unknown[] }[] }).components;
    expect(components).toEqual([
      { type: 'header', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'first_name' }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'first_name' }, { type: 'text', text: 'a=b', parameter_name: 'code' }] },
    ]);
  });

  it('refuses a header value given only as a bare key shared with the body', () => {
    expect(() => templateMessage(named, '+491701234567', parseParamFlags(['first_name=Ana', 'code=1']))).toThrow(/needs --param for header\.first_name/);
  });

  it('refuses values Meta would refuse (newlines), duplicate keys and bad template refs', () => {
    expect(() => templateMessage(named, '+491701234567', parseParamFlags(['header.first_name=Ana', 'first_name=A\nB', 'code=1']))).toThrow(/newline/);
    expect(() => parseParamFlags(['1=a', '1=b'])).toThrow(/twice/);
    expect(() => parseParamFlags(['=a'])).toThrow(/key=value/);
    expect(parseTemplateRef('order_shipped:pt_BR')).toEqual({ name: 'order_shipped', language: 'pt_BR' });
    expect(() => parseTemplateRef('order_shipped')).toThrow(/name:language/);
  });
});

describe('delivery fold', () => {
  const rec = (status: string, extra = {}) => ({ id: 'w1', status, ts: '1', ...extra });
  it('keeps the highest state whatever the arrival order, ignoring other messages', () => {
    expect(foldDelivery('w1', [rec('read'), rec('sent'), rec('delivered'), { ...rec('failed'), id: 'w2' }]).state).toBe('read');
    expect(foldDelivery('w1', [rec('sent')]).state).toBe('sent');
    const failed = foldDelivery('w1', [rec('failed', { errors: [{ code: 131047, title: 'Re-engagement message' }] })]);
    expect(failed.state).toBe('failed');
    expect(explainFailure(failed.errors)).toMatch(/24 h customer service window is closed.*--template/);
  });
});

describe('24 h window from inbound messages', () => {
  it('is open for 24 h after the customer last wrote', () => {
    const inbound = [{ from: '491701234567', ts: '1000' }];
    expect(windowOpenFrom(inbound, '+491701234567', 1000 + 23 * 3600)).toBe(true);
    expect(windowOpenFrom(inbound, '+491701234567', 1000 + 24 * 3600)).toBe(false);
    expect(windowOpenFrom(inbound, '+491709999999', 1001)).toBe(false);
  });
});
