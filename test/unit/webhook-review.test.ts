// Findings of the webhook review: bounded dedupe sets that stay O(1), group statuses, fields kept, bodies with nothing known, opt-out words, out-of-order sent.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { applyStatus, replay } from '../../src/core/campaign/ledger-state.js';
import { DeliveryAnalyzer } from '../../src/core/webhook/analysis.js';
import { BoundedSet } from '../../src/core/webhook/bounded-set.js';
import { toRecords, type StatusRecord } from '../../src/core/webhook/records.js';
import { optOutOf } from '../../src/core/webhook/opt-outs.js';
import { isOptOutButton, isStopMessage } from '../../src/core/webhook/stop-words.js';
import { suppressionRecord } from '../../src/io/suppressions.js';
import { foldSuppressions } from '../../src/core/suppressions/fold.js';
import { holdsEvents } from '../../src/webhook/events-file-check.js';
import { tailLine } from '../../src/ui/webhook-tail.js';
import { tempDir } from '../helpers.js';

afterEach(() => vi.restoreAllMocks());

describe('BoundedSet', () => {
  it('forgets exactly the oldest key past its size, and a known key evicts nothing', () => {
    const s = new BoundedSet(3);
    for (const k of ['a', 'b', 'c']) expect(s.add(k)).toBe(true);
    expect(s.add('a')).toBe(false);
    s.add('d');
    expect([s.has('a'), s.has('b'), s.has('c'), s.has('d'), s.size]).toEqual([false, true, true, true, 3]);
    s.add('e');
    s.add('f');
    s.add('g');
    expect(['d', 'e', 'f', 'g'].map((k) => s.has(k))).toEqual([false, true, true, true]);
  });

  it('never walks the set to find its oldest key (that made a full set quadratic: 600 k adds past 200 k took 52 s)', () => {
    const s = new BoundedSet(1000);
    const values = vi.spyOn(Set.prototype, 'values');
    const keys = vi.spyOn(Set.prototype, 'keys');
    for (let i = 0; i < 5000; i++) s.add(`k${i}`);
    expect(values).not.toHaveBeenCalled();
    expect(keys).not.toHaveBeenCalled();
    expect(s.size).toBe(1000);
    expect(s.has('k3999')).toBe(false);
    expect(s.has('k4000')).toBe(true);
  });
});

const body = (statuses: object[]) => ({ object: 'whatsapp_business_account', entry: [{ id: '210987654321098', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '109876543210987' }, statuses } }] }] });

describe('status records', () => {
  it("a group message's statuses, one per participant under one wamid, are different events", () => {
    const st = (p: string) => ({ id: 'wamid.G1', status: 'delivered', timestamp: '1767225600', recipient_id: 'GROUP-1', recipient_type: 'group', recipient_participant_id: p });
    const [a, b] = toRecords(body([st('491700000001'), st('491700000002')]), 1767230000);
    expect(a.key).not.toBe(b.key);
    // A retry of one keeps its key; a status outside a group keeps the key it always had.
    expect(toRecords(body([st('491700000001')]), 1767239999)[0].key).toBe(a.key);
    expect(toRecords(body([{ id: 'wamid.X', status: 'read', timestamp: '1', recipient_id: '491700000003' }]), 1)[0].key).toBe('s:wamid.X:read');
  });

  it('keeps the conversation, the group fields and any field Meta adds', () => {
    const conversation = { id: 'CONV-1', expiration_timestamp: '1767312000', origin: { type: 'marketing' } };
    const [r] = toRecords(body([{ id: 'wamid.O1', status: 'sent', timestamp: '1767225600', recipient_id: '491701234567', conversation, recipient_type: 'individual', brand_new: { x: 1 } }]), 1) as StatusRecord[];
    expect(r.extra).toEqual({ conversation, recipient_type: 'individual', brand_new: { x: 1 } });
    const [plain] = toRecords(body([{ id: 'wamid.O2', status: 'sent', timestamp: '1', recipient_id: '491701234567' }]), 1) as StatusRecord[];
    expect(plain.extra).toBeUndefined();
  });
});

describe('a signed body with nothing known in it', () => {
  it('is kept whole as one record (an entry without changes, a list), with a key its retry repeats', () => {
    const odd = { object: 'whatsapp_business_account', entry: [{ id: '1', time: 1767225600, messaging: [{ x: 1 }] }] };
    const [r] = toRecords(odd, 1767230000);
    expect(r).toMatchObject({ kind: 'other', field: 'body', value: odd, ts: '1767230000' });
    expect(toRecords(odd, 1767239999)[0].key).toBe(r.key);
    expect(toRecords([], 1)[0]).toMatchObject({ kind: 'other', value: [] });
  });
});

describe('opt-out words', () => {
  it.each(['STOP', 'Abmelden', 'BAJA', 'Arrêt', 'Afmelden', 'uitschrijven', 'СТОП', 'Отписаться', 'إيقاف', 'الغاء الاشتراك', 'Wypisz', 'रोकें', '配信停止', '수신거부', 'Stop!', ' stop. '])('%s is an opt-out', (w) => {
    expect(isStopMessage(w)).toBe(true);
  });
  it.each(['stop sending me the wrong size', 'Is my order on the way?', 'Stopover in Dubai', 'dank je'])('%s is not', (w) => {
    expect(isStopMessage(w)).toBe(false);
  });
});

describe('a sent status after its delivered (out of order)', () => {
  it('dates the send by the earliest evidence, not by the status that came first', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const events: LedgerEvent[] = [
      { t: 'header', v: 1, campaign: 'c', campaignId: 'camp-1', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at },
      { t: 'attempt', r: '+491709998801', n: 1, sender: '1', cb: 'wa-ops:camp-1:+491709998801', at },
    ];
    const s = replay(events);
    applyStatus(s, '+491709998801', 'wamid.A', 'delivered', '1767225650');
    applyStatus(s, '+491709998801', 'wamid.A', 'sent', '1767225600');
    const x = s.recipients.get('+491709998801')!;
    expect([x.sentAt, x.deliveredAt, x.status]).toEqual([1767225600_000, 1767225650_000, 'delivered']);
  });
});

describe('holdsEvents', () => {
  it('reads a first record longer than 64 KB whole (a history sync), and still refuses a CSV', () => {
    const dir = tempDir('wa-ops-first-line-');
    const big = join(dir, 'events.jsonl');
    const value = { history: [{ threads: [{ messages: Array.from({ length: 800 }, (_, i) => ({ id: `wamid.H${i}`, text: { body: 'Grüße '.repeat(20) } })) }] }] };
    const line = JSON.stringify({ kind: 'management', key: 'g:history:x', field: 'history', at: '2026-01-01T00:00:00.000Z', value });
    expect(line.length).toBeGreaterThan(64 * 1024);
    writeFileSync(big, `\n${line}\n{"kind":"other","key":"o:y","field":"x","ts":"1"}\n`);
    expect(holdsEvents(big)).toBe(true);
    const body = join(dir, 'bodies.jsonl');
    writeFileSync(body, JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'history', value }] }] }) + '\n');
    expect(holdsEvents(body, { payloads: true })).toBe(true);
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, `phone,name\n${'+491701234567,x\n'.repeat(10_000)}`);
    expect(holdsEvents(csv)).toBe(false);
    const torn = join(dir, 'torn.jsonl');
    writeFileSync(torn, line.slice(0, 100_000));
    expect(holdsEvents(torn)).toBe(true);
  });
});

describe('analyze: a message with a status per group participant', () => {
  it('counts one message and times each stage by its earliest status, whatever order they came in', () => {
    const a = new DeliveryAnalyzer();
    const st = (status: string, ts: string, p: string) => toRecords(body([{ id: 'wamid.G1', status, timestamp: ts, recipient_id: 'GROUP-1', recipient_type: 'group', recipient_participant_id: p }]), 1)[0];
    for (const r of [st('sent', '100', '1'), st('delivered', '190', '2'), st('delivered', '130', '1'), st('read', '400', '2'), st('read', '200', '1')]) a.add(r);
    const rep = a.report();
    expect(rep.messages).toBe(1);
    expect(rep.funnels[0]).toMatchObject({ accepted: 1, sent: 1, delivered: 1, read: 1 });
    expect([rep.latency.sentToDelivered.p50, rep.latency.deliveredToRead.p50, rep.latency.sentToRead.p50]).toEqual([30, 70, 100]);
  });
});

describe('an opt-out keyed by a wa_id spelled without the mobile digit the business dials', () => {
  it('suppresses the number as the campaign spells it (Brazil, Mexico, Argentina), and no other', () => {
    const list = foldSuppressions([
      suppressionRecord({ e164: '+551187654321', reason: 'stop-word', scope: 'all' }),
      suppressionRecord({ e164: '+5215512345678', reason: 'marketing-opt-out', scope: 'marketing' }),
    ]);
    expect(list.isSuppressed('+5511987654321', 'UTILITY')).toMatchObject({ reason: 'stop-word' });
    expect(list.isSuppressed('+525512345678', 'MARKETING')).toMatchObject({ reason: 'marketing-opt-out' });
    expect(list.isSuppressed('+525512345678', 'UTILITY')).toBeNull();
    expect(list.isSuppressed('+5511987654322', 'UTILITY')).toBeNull();
    expect(list.isSuppressed('+491701234567', 'MARKETING')).toBeNull();
  });

  it('a resume (lift) under one spelling lifts an opt-out recorded under the other', () => {
    const list = foldSuppressions([
      suppressionRecord({ e164: '+5511987654321', reason: '131050', scope: 'marketing' }),
      suppressionRecord({ e164: '+551187654321', reason: 'marketing-opt-out', scope: 'marketing', op: 'lift' }),
    ]);
    expect(list.isSuppressed('+5511987654321', 'MARKETING')).toBeNull();
    expect(list.size).toBe(0);
  });
});

describe('nothing in a messages change is dropped beside the events read from it', () => {
  it('keeps a new list and a status without id as one other record, the sender\'s contact, and a preference\'s new fields', () => {
    const v = { messaging_product: 'whatsapp', metadata: { phone_number_id: '1' }, statuses: [{ id: 'wamid.A', status: 'sent', timestamp: '1' }, { status: 'sent' }], calls: [{ id: 'call-1' }] };
    const out = toRecords({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: v }] }] }, 1);
    expect(out.map((r) => r.kind)).toEqual(['status', 'other']);
    expect(out[1]).toMatchObject({ field: 'messages', value: { metadata: { phone_number_id: '1' }, statuses: [{ status: 'sent' }], calls: [{ id: 'call-1' }] } });
    const contact = { profile: { name: 'Zoë', username: '@zoe' }, wa_id: '491709999001' };
    const [m] = toRecords({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { contacts: [contact], messages: [{ from: '491709999001', id: 'wamid.I', timestamp: '1', type: 'text', text: { body: 'hi' } }] } }] }] }, 1);
    expect(m).toMatchObject({ kind: 'message', contact });
    const [p] = toRecords({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'user_preferences', value: { user_preferences: [{ wa_id: '491709999001', category: 'marketing_messages', value: 'stop', timestamp: 1, channel: 'settings' }] } }] }] }, 1);
    expect(p).toMatchObject({ kind: 'preference', value: 'stop', extra: { channel: 'settings' } });
  });
});

describe('a field named __proto__ in a status', () => {
  it('is kept as a field, not taken for the prototype of the record', () => {
    const [r] = toRecords(JSON.parse('{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"sent","timestamp":"1","__proto__":{"polluted":true}}]}}]}]}'), 1) as StatusRecord[];
    expect(JSON.stringify(r.extra)).toBe('{"__proto__":{"polluted":true}}');
    expect((r.extra as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe("a template's marketing opt-out button", () => {
  const tap = (type: 'button' | 'interactive', label: string) => {
    const m = type === 'button' ? { type, button: { text: label, payload: label } } : { type, interactive: { type: 'button_reply', button_reply: { id: 'b', title: label } } };
    const contacts = [{ profile: { name: 'Q' }, wa_id: '491709999051' }];
    return toRecords({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { contacts, messages: [{ from: '491709999051', id: `wamid.${label}`, timestamp: '1767225600', ...m }] } }] }] }, 1)[0];
  };
  it('"Stop promotions" (Meta\'s default label) or "Unsubscribe" tapped is a marketing opt-out', () => {
    expect(optOutOf(tap('button', 'Stop promotions'))).toMatchObject({ op: 'add', e164: '+491709999051', scope: 'marketing', reason: 'marketing-opt-out' });
    expect(optOutOf(tap('button', 'Unsubscribe'))).toMatchObject({ scope: 'marketing' });
    expect(optOutOf(tap('interactive', 'Stop promotions'))).toMatchObject({ scope: 'marketing' });
  });
  it('analyze counts a tap with the marketing stops', () => {
    const a = new DeliveryAnalyzer(undefined, undefined, isStopMessage, isOptOutButton);
    for (const r of [tap('button', 'Stop promotions'), tap('button', 'Cancel')]) a.add(r);
    expect(a.report().optOuts).toEqual({ marketingStop: 1, marketingResume: 0, stopWords: 0 });
  });
  it('a button titled "Stop" or "Cancel" answers a question', () => {
    expect(optOutOf(tap('button', 'Stop'))).toBeNull();
    expect(optOutOf(tap('button', 'Cancel'))).toBeNull();
    expect(optOutOf(tap('interactive', 'Stop'))).toBeNull();
  });
});

describe('the live tail of a group status', () => {
  it('names the participant beside the group', () => {
    const [r] = toRecords(body([{ id: 'wamid.G1', status: 'read', timestamp: '1', recipient_id: 'GROUP-1', recipient_type: 'group', recipient_participant_id: '491700000002' }]), 1);
    expect(tailLine(r, false)).toMatch(/read\s+GROUP-1 \+491700000002\s+wamid\.G1/);
  });
});
