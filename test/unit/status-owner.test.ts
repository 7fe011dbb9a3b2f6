import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { apply, applyStatus, replay, statusOwner, summarise } from '../../src/core/campaign/ledger-state.js';
import { sameWhatsAppNumber } from '../../src/core/numbers/same-wa-number.js';

const at = '2026-12-01T10:00:00.000Z';
const ledger = (): LedgerEvent[] => [
  { t: 'header', v: 1, campaign: 'rehearsal2', campaignId: 'camp-2', campaignHash: 'h', recipientsHash: 'r', recipients: 2, at },
  { t: 'attempt', r: '+491709998801', n: 1, sender: '1', cb: 'wa-ops:camp-2:+491709998801', at },
  { t: 'sent', r: '+491709998801', wamid: 'wamid.A', at },
  { t: 'attempt', r: '+491709998802', n: 1, sender: '1', cb: 'wa-ops:camp-2:+491709998802', at },
  { t: 'sent', r: '+491709998802', wamid: 'wamid.B', at },
];

describe('statusOwner: which recipient a status webhook is evidence for (CONTRACT §7)', () => {
  it('matches our callback data first, whatever the wamid', () => {
    const s = replay(ledger());
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.unknown', cb: 'wa-ops:camp-2:+491709998802', recipient: '491709998802' })).toBe('+491709998802');
  });

  it('falls back to the wamid when there is no callback data, or another tool wrote it', () => {
    const s = replay(ledger());
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.A' })).toBe('+491709998801');
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.A', cb: 'crm:order-17', recipient: '491709998801' })).toBe('+491709998801');
  });

  it('never counts a status whose callback data names another send, even when the wamid matches', () => {
    const s = replay(ledger());
    // A send --to test message of an earlier rehearsal whose sandbox handed out the same wamid.
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.A', cb: 'wa-ops-to:+491701112201', recipient: '491701112201' })).toBeUndefined();
    // Another campaign's message.
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.A', cb: 'wa-ops:camp-1:+491709998801', recipient: '491709998801' })).toBeUndefined();
  });

  it('ignores a wamid match whose recipient is another number, and accepts Meta spellings of the same one', () => {
    const s = replay(ledger());
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.A', recipient: '491701112201' })).toBeUndefined();
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.A', recipient: '+491709998801' })).toBe('+491709998801');
    // A BSUID-only status says nothing about the number: the wamid decides.
    expect(statusOwner(s, 'camp-2', { wamid: 'wamid.B', recipient: 'DE.1234567890123' })).toBe('+491709998802');
  });

  it('without the campaign id, a campaign callback still has to name the same number', () => {
    const s = replay(ledger());
    expect(statusOwner(s, undefined, { wamid: 'wamid.A', cb: 'wa-ops:camp-9:+491701112201' })).toBeUndefined();
    expect(statusOwner(s, undefined, { wamid: 'wamid.A', cb: 'wa-ops:camp-9:+491709998801' })).toBe('+491709998801');
  });

  it('store status events (matched by wamid) are checked against the recipient too', () => {
    const s = replay(ledger());
    apply(s, { t: 'status', to: '491701112201', wamid: 'wamid.A', status: 'read', ts: '1767225600', at });
    apply(s, { t: 'status', to: '491709998802', wamid: 'wamid.B', status: 'delivered', ts: '1767225600', at });
    const sum = summarise(s, 'rehearsal2', 0);
    expect(sum.delivered).toBe(1);
    expect(sum.read).toBe(0);
  });
});

describe('sameWhatsAppNumber', () => {
  it.each([
    ['+491701234567', '491701234567', true],
    ['+491701234567', '491701234568', false],
    ['+5511987654321', '551187654321', true], // Brazil: wa_id without the mobile 9
    ['+525512345678', '5215512345678', true], // Mexico: wa_id with the old 1
    ['+5491123456789', '541123456789', true], // Argentina
    ['+441234567890', '44123456789', false],
    ['', '491701234567', false],
  ])('%s vs %s -> %s', (a, b, same) => {
    expect(sameWhatsAppNumber(a, b)).toBe(same);
  });

  it('dates a status with an unreadable timestamp by the last attempt, not by a clock', () => {
    const s = replay(ledger());
    applyStatus(s, '+491709998801', 'wamid.A', 'delivered', 'not-a-time');
    const x = s.recipients.get('+491709998801')!;
    expect(x.status).toBe('delivered');
    expect(x.deliveredAt).toBe(x.lastAttemptAt ?? x.firstAttemptAt);
    expect(x.deliveredAt).toBe(Date.parse(at));
  });
});
