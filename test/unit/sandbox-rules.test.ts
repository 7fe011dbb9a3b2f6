// Pure decisions of the sandbox, driven by a fake clock: pair rate, 24 h window, PMP pricing, Meta's JSON escaping.
import { describe, expect, it } from 'vitest';
import { metaJson } from '../../src/sandbox/meta-json.js';
import { boundaryOf, parseMultipart } from '../../src/sandbox/multipart.js';
import { PAIR_BURST, pairReadyAt, takePairToken, type PairBucket } from '../../src/sandbox/pair-rate.js';
import { conversationFor, pricingFor } from '../../src/sandbox/pricing.js';
import { SERVICE_WINDOW_MS, windowOpen } from '../../src/sandbox/service-window.js';
import { reviewTemplate, sameContent } from '../../src/sandbox/template-review.js';

/** Send `n` messages at `now`; how many went through. */
function burst(b: { bucket: PairBucket | undefined }, n: number, now: number): number {
  let sent = 0;
  for (let i = 0; i < n; i++) {
    const r = takePairToken(b.bucket, now);
    b.bucket = r.bucket;
    if (r.ok) sent++;
  }
  return sent;
}

describe('pair rate (token bucket, fake clock)', () => {
  it('allows a burst of 45 to one person at once, then refuses the 46th', () => {
    const b = { bucket: undefined as PairBucket | undefined };
    expect(burst(b, 46, 0)).toBe(PAIR_BURST);
  });

  it('refills one message per 6 s after a burst, not sooner', () => {
    const b = { bucket: undefined as PairBucket | undefined };
    burst(b, 45, 0);
    expect(burst(b, 1, 5999)).toBe(0);
    expect(burst(b, 1, 6000)).toBe(1);
    expect(burst(b, 1, 6001)).toBe(0);
    expect(pairReadyAt(b.bucket!, 6001)).toBe(12000);
  });

  it('lets a reply and a reaction through in the same second (the everyday flow)', () => {
    const b = { bucket: undefined as PairBucket | undefined };
    expect(burst(b, 2, 1000)).toBe(2);
  });

  it('sustains one message per 6 s for ever, and refuses a steady 1 per 5 s once the burst is spent', () => {
    const steady = { bucket: undefined as PairBucket | undefined };
    for (let i = 0; i < 200; i++) expect(burst(steady, 1, i * 6000)).toBe(1);
    const fast = { bucket: undefined as PairBucket | undefined };
    let refused = 0;
    for (let i = 0; i < 400; i++) refused += 1 - burst(fast, 1, i * 5000);
    expect(refused).toBeGreaterThan(0);
  });

  it('mints nothing when the clock steps back', () => {
    const b = { bucket: undefined as PairBucket | undefined };
    burst(b, 45, 100_000);
    expect(burst(b, 1, 50_000)).toBe(0);
  });
});

describe('24 h customer service window (fake clock)', () => {
  it('is closed for someone who never wrote in', () => expect(windowOpen(undefined, 0)).toBe(false));
  it('is open for 24 h after their last message, closed from then on', () => {
    const t = 1_000_000;
    expect(windowOpen(t, t)).toBe(true);
    expect(windowOpen(t, t + SERVICE_WINDOW_MS - 1)).toBe(true);
    expect(windowOpen(t, t + SERVICE_WINDOW_MS)).toBe(false);
  });
});

describe('PMP pricing objects (v23 and later)', () => {
  it('prices free-form replies as free service messages', () => {
    expect(pricingFor({ windowOpen: true, apiVersion: 'v23.0' })).toEqual({ billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' });
  });
  it('charges marketing and authentication templates, even inside the window', () => {
    expect(pricingFor({ templateCategory: 'MARKETING', windowOpen: true, apiVersion: 'v23.0' })).toEqual({ billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' });
    expect(pricingFor({ templateCategory: 'AUTHENTICATION', windowOpen: false, apiVersion: 'v23.0' })).toMatchObject({ billable: true, type: 'regular', category: 'authentication' });
  });
  it('makes utility templates free inside an open window only', () => {
    expect(pricingFor({ templateCategory: 'UTILITY', windowOpen: true, apiVersion: 'v23.0' })).toMatchObject({ billable: false, type: 'free_customer_service', category: 'utility' });
    expect(pricingFor({ templateCategory: 'UTILITY', windowOpen: false, apiVersion: 'v23.0' })).toMatchObject({ billable: true, type: 'regular', category: 'utility' });
  });
  it('sends the conversation object up to v23 and drops it from v24.0 on', () => {
    const m = { templateCategory: 'MARKETING', windowOpen: false };
    expect(conversationFor({ ...m, apiVersion: 'v23.0' }, 'c1', 1700000000)).toEqual({ id: 'c1', expiration_timestamp: '1700000000', origin: { type: 'marketing' } });
    expect(conversationFor({ ...m, apiVersion: 'v24.0' }, 'c1', 1700000000)).toBeUndefined();
  });
});

describe('Meta-style JSON for webhook bodies', () => {
  it('escapes every non-ASCII character as \\uXXXX (surrogate pairs for emoji) and "/" as "\\/"', () => {
    const text = metaJson({ cb: 'Müller 🚀', url: 'https://x/y' });
    expect(text).toBe('{"cb":"M\\u00fcller \\ud83d\\ude80","url":"https:\\/\\/x\\/y"}');
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ cb: 'Müller 🚀', url: 'https://x/y' });
  });
});

describe('multipart reader', () => {
  it('reads fields and a binary file with its type', () => {
    const b = 'XyZ';
    const bin = Buffer.from([0, 255, 13, 10, 45, 45]);
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      bin,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    expect(boundaryOf(`multipart/form-data; boundary=${b}`)).toBe(b);
    const parts = parseMultipart(body, b)!;
    expect(parts.map((p) => p.name)).toEqual(['messaging_product', 'file']);
    expect(parts[1]).toMatchObject({ filename: 'a.png', contentType: 'image/png' });
    expect([...parts[1].data]).toEqual([...bin]);
    expect(parseMultipart(Buffer.from('garbage'), b)).toBeUndefined();
  });
  // Graph reads uploads with PHP's rfc1867 parser (split on "\n--boundary", a "\r" before it dropped): bare LF passes there.
  it('reads a body with bare LF line ends as Graph does, and keeps a file ending in CR LF whole', () => {
    const b = 'XyZ';
    const lf = Buffer.from(`--${b}\nContent-Disposition: form-data; name="messaging_product"\n\nwhatsapp\n--${b}\nContent-Disposition: form-data; name="file"; filename="a.txt"\nContent-Type: text/plain\n\nline\r\n\n--${b}--\n`);
    const parts = parseMultipart(lf, b)!;
    expect(parts.map((p) => [p.name, p.data.toString()])).toEqual([['messaging_product', 'whatsapp'], ['file', 'line\r\n']]);
    expect(parts[1].contentType).toBe('text/plain');
    const empty = parseMultipart(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n--${b}\nContent-Disposition: form-data; name="c"\n\n\n--${b}--`), b)!;
    expect(empty.map((p) => [p.name, p.data.length])).toEqual([['a', 0], ['c', 0]]);
  });
});

describe('template review (the lint rules decide, with Meta\'s reasons)', () => {
  const t = (text: string, category = 'UTILITY') => ({ name: 'x_y', language: 'en_US', category, components: [{ type: 'BODY', text }] });
  it('approves a clean utility template with reason NONE', () => {
    expect(reviewTemplate(t('Your parcel is ready for pickup at the counter.'))).toEqual({ status: 'APPROVED', reason: 'NONE' });
  });
  it('rejects promotion in a utility template as TAG_CONTENT_MISMATCH, naming the rule', () => {
    expect(reviewTemplate(t('Your parcel is ready. Buy now and get a free gift!'))).toMatchObject({ status: 'REJECTED', reason: 'TAG_CONTENT_MISMATCH', rule: 'promotional-in-utility' });
  });
  it('rejects a shape the rules cannot read as INVALID_FORMAT instead of failing', () => {
    expect(reviewTemplate({ name: 'x', language: 'en', category: 'UTILITY', components: null as never })).toMatchObject({ status: 'REJECTED', reason: 'INVALID_FORMAT' });
  });
  it('sees an edit that changes nothing as the same content', () => {
    expect(sameContent(t('a'), t('a'))).toBe(true);
    expect(sameContent(t('a'), t('b'))).toBe(false);
    expect(sameContent(t('a', 'UTILITY'), t('a', 'MARKETING'))).toBe(false);
  });
});

describe('Graph fields lists', () => {
  it('applies nested selections to their field, modifiers left out', async () => {
    const { pickFields } = await import('../../src/sandbox/account.js');
    expect(pickFields({ id: '1', a: 1, health_status: { x: 1, y: 2 }, b: 2 }, 'health_status{x},a.limit(2)')).toEqual({ id: '1', health_status: { x: 1 }, a: 1 });
  });
});

describe('pair rate per (business number, user) pair', () => {
  it('a second sender has a bucket of its own for the same user', async () => {
    const { SandboxState } = await import('../../src/sandbox/state.js');
    const { SANDBOX_DEFAULTS } = await import('../../src/sandbox/server.js');
    const s = new SandboxState({ ...SANDBOX_DEFAULTS, extraPhoneNumberIds: ['222'] });
    for (let i = 0; i < PAIR_BURST; i++) expect(s.takePair('111', '+491701234567', 0)).toBe(true);
    expect(s.takePair('111', '+491701234567', 0)).toBe(false);
    expect(s.takePair('222', '+491701234567', 0)).toBe(true);
    expect(s.takePair('111', '+491709999999', 0)).toBe(true);
  });
});
