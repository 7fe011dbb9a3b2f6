import { readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanExternal } from '../../src/core/webhook/external-text.js';
import { describeManagement, latestManagement, stopReasons } from '../../src/core/webhook/management.js';
import { optOutOf } from '../../src/core/webhook/opt-outs.js';
import { toRecords, type ManagementRecord } from '../../src/core/webhook/records.js';
import { repairTail } from '../../src/webhook/events-file.js';
import { fixtures, tempDir } from '../helpers.js';

const fixture = (name: string) => toRecords(JSON.parse(readFileSync(join(fixtures, 'webhooks', `${name}.json`), 'utf8')), 1767230000);

describe('management events in operator terms', () => {
  const cases: [string, RegExp, 'stop' | 'warn' | 'info', RegExp | ''][] = [
    ['template-status-paused', /status PAUSED: FIRST_PAUSE/, 'stop', /132015/],
    ['template-status-disabled', /status DISABLED/, 'stop', /create a new template/],
    ['template-status-rejected', /status REJECTED \(INCORRECT_CATEGORY\)/, 'stop', /lint-template/],
    ['template-status-approved', /status APPROVED/, 'info', ''],
    ['template-quality-update', /quality GREEN → YELLOW/, 'warn', /going down/],
    ['template-category-update', /category UTILITY → MARKETING/, 'warn', /billed as marketing/],
    ['phone-number-quality-flagged', /FLAGGED, messaging limit TIER_10K/, 'warn', /quality is low/],
    ['phone-number-quality-downgrade', /DOWNGRADE, messaging limit TIER_10K → TIER_2K/, 'warn', /dailyLimit/],
    ['phone-number-throughput-upgrade', /THROUGHPUT_UPGRADE/, 'info', ''],
    ['account-update-restriction', /restricted: RESTRICTED_BIZ_INITIATED_MESSAGING until/, 'stop', /restricted/],
    ['account-update-verified', /VERIFIED_ACCOUNT/, 'info', ''],
    ['phone-number-name-update-declined', /"Frühling GmbH" DECLINED/, 'warn', /declined/],
    ['business-capability-update', /messaging limit 2000/, 'info', /2000 unique users/],
    ['account-alerts', /OBA_APPROVED \(CRITICAL\)/, 'warn', /alert/],
    ['account-review-update', /account review APPROVED/, 'info', ''],
    ['security-pin-changed', /security: PIN_CHANGED/, 'warn', /PIN/],
  ];
  for (const [name, change, severity, action] of cases) {
    it(name, () => {
      const [r] = fixture(name);
      const e = describeManagement(r as ManagementRecord);
      expect(e.change).toMatch(change);
      expect(e.severity).toBe(severity);
      if (action) expect(e.action).toMatch(action);
      else expect(e.action).toBe('');
      expect(e.wabaId).toBe('210987654321098');
    });
  }

  it('names the template or the number it concerns', () => {
    expect(describeManagement(fixture('template-status-paused')[0] as ManagementRecord)).toMatchObject({ subject: 'spring_sale:de', template: { name: 'spring_sale', language: 'de' } });
    expect(describeManagement(fixture('phone-number-quality-flagged')[0] as ManagementRecord)).toMatchObject({ subject: '+4930123456789', phoneNumber: '4930123456789' });
  });

  it('the latest event per subject wins: paused then approved again is no stop reason; another template does not count', () => {
    const ev = (name: string, time: number) => {
      const raw = JSON.parse(readFileSync(join(fixtures, 'webhooks', `${name}.json`), 'utf8'));
      raw.entry[0].time = time;
      return describeManagement(toRecords(raw, 1)[0] as ManagementRecord);
    };
    const paused = ev('template-status-paused', 1000);
    const approved = ev('template-status-approved', 2000);
    const f = { template: { name: 'spring_sale', language: 'de' } };
    expect(stopReasons([paused], f)).toHaveLength(1);
    expect(stopReasons([paused, approved], f)).toHaveLength(0);
    expect(stopReasons([approved, paused], f)).toHaveLength(0);
    expect(stopReasons([paused], { template: { name: 'other' } })).toHaveLength(0);
    expect(stopReasons([paused], { ...f, since: new Date(2000 * 1000).toISOString() })).toHaveLength(0);
    expect(latestManagement([paused, approved], f)[0].change).toMatch(/APPROVED/);
  });
});

describe('shapes nobody documented', () => {
  it('keeps a change whose value is not an object, instead of dropping it', () => {
    const records = toRecords({ object: 'whatsapp_business_account', entry: [{ id: '1', time: 1767225600, changes: [{ field: 'account_update', value: 'RESTRICTED' }, { field: 'messages' }] }] }, 1767230000);
    expect(records).toEqual([{ kind: 'other', key: expect.stringMatching(/^o:account_update:/), field: 'account_update', ts: '1767225600', wabaId: '1', value: 'RESTRICTED' }]);
  });
});

describe('dedupe keys from the whole content', () => {
  it('a template paused again 14 days later and a second error in the same second get new keys; a retry keeps its key', () => {
    const a = fixture('template-status-paused')[0];
    const b = fixture('template-status-paused-again')[0];
    expect(a.key).not.toBe(b.key);
    expect(fixture('template-status-paused')[0].key).toBe(a.key);
    const [e1, e2] = fixture('value-errors-two-131000');
    expect(e1.key).not.toBe(e2.key);
  });
});

describe('opt-outs', () => {
  it('typed STOP is a full opt-out, a tapped "Cancel" or "Stop" title is not', () => {
    expect(optOutOf(fixture('inbound-text-stop')[0])).toMatchObject({ op: 'add', e164: '+491709999002', scope: 'all', reason: 'stop-word', userId: 'DE.22222222222222222222' });
    expect(optOutOf(fixture('inbound-button-cancel')[0])).toBeNull();
    expect(optOutOf(fixture('inbound-list-reply-stop')[0])).toBeNull();
  });
  it('131050 is a marketing opt-out keyed by the number in the callback data; without a number it says so', () => {
    expect(optOutOf(fixture('status-failed-131050')[0])).toMatchObject({ op: 'add', e164: '+491705550009', scope: 'marketing', reason: '131050' });
    expect(optOutOf(fixture('status-failed-131050-bsuid')[0])).toMatchObject({ e164: undefined, userId: 'DE.13491208655302741918' });
    expect(optOutOf(fixture('status-failed-131026')[0])).toBeNull();
  });
  it('131050 of a send --to message to a user known only by a BSUID is keyed by the number in its callback data', () => {
    const r = { kind: 'status' as const, key: 'k', id: 'wamid.X', status: 'failed', ts: '1767225602', recipient: 'DE.13491208655302741918', userId: 'DE.13491208655302741918', cb: 'wa-ops-to:+491705550042', errors: [{ code: 131050 }] };
    expect(optOutOf(r)).toMatchObject({ op: 'add', e164: '+491705550042', userId: 'DE.13491208655302741918', reason: '131050', scope: 'marketing' });
    expect(optOutOf({ ...r, cb: 'wa-ops-to:not-a-number' })?.e164).toBeUndefined();
  });

  it('user_preferences stop adds and resume lifts a marketing suppression', () => {
    expect(optOutOf(fixture('user-preferences-stop')[0])).toMatchObject({ op: 'add', e164: '+491709999011', scope: 'marketing', reason: 'marketing-opt-out' });
    expect(optOutOf(fixture('user-preferences-resume')[0])).toMatchObject({ op: 'lift', e164: '+491709999011', scope: 'marketing' });
  });
});

describe('external text', () => {
  it('strips terminal escapes, control characters and bidi overrides, and caps the length', () => {
    expect(cleanExternal('hi \u001b[2J\u001b]0;owned\u0007 there\r\n')).toBe('hi  there  ');
    expect(cleanExternal('a\u202eb')).toBe('a b');
    expect(cleanExternal('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('repairTail', () => {
  const run = (content: string) => {
    const path = join(tempDir(), 'e.jsonl');
    writeFileSync(path, content);
    const fd = openSync(path, 'r+');
    const result = repairTail(fd);
    closeSync(fd);
    return { result, text: readFileSync(path, 'utf8') };
  };
  it('keeps a complete last record that lacks its newline, cuts an unfinished one, leaves a clean file alone', () => {
    expect(run('{"a":1}\n{"b":2}')).toEqual({ result: 'kept', text: '{"a":1}\n{"b":2}\n' });
    expect(run('{"a":1}\n{"b":')).toEqual({ result: 'dropped', text: '{"a":1}\n' });
    expect(run('{"b":')).toEqual({ result: 'dropped', text: '' });
    expect(run('{"a":1}\n')).toEqual({ result: null, text: '{"a":1}\n' });
    expect(run('')).toEqual({ result: null, text: '' });
  });
});

describe('analyze: one state per message, whatever the order', () => {
  it('read > delivered > failed > sent; sent and failed are disjoint', async () => {
    const { DeliveryAnalyzer } = await import('../../src/core/webhook/analysis.js');
    const a = new DeliveryAnalyzer();
    const st = (id: string, status: string, ts: number, code?: number) => ({ kind: 'status' as const, key: `s:${id}:${status}`, id, status, ts: String(ts), recipient: '491701234567', cb: 'wa-ops:c1:+491701234567', errors: code ? [{ code }] : undefined });
    // failed, then a late delivered: delivered wins
    a.add(st('w1', 'sent', 1));
    a.add(st('w1', 'failed', 2, 131000));
    a.add(st('w1', 'delivered', 3));
    // sent then failed: failed only
    a.add(st('w2', 'sent', 1));
    a.add(st('w2', 'failed', 2, 131026));
    // read without delivered
    a.add(st('w3', 'read', 5));
    // sent only
    a.add(st('w4', 'sent', 1));
    const f = a.report().funnels[0];
    expect(f).toMatchObject({ campaign: 'c1', accepted: 4, sent: 3, delivered: 2, read: 1, failed: 1, failures: { '131026': 1 } });
    expect(f.sent + f.failed).toBe(f.accepted);
    expect(f).toMatchObject({ total: 4, pending: 0, unknown: 0, skipped: 0 });
  });

  it('with the campaign ledger, counts its recipients exactly as status does (failed beats sent, delivery beats failed)', async () => {
    const { DeliveryAnalyzer } = await import('../../src/core/webhook/analysis.js');
    const { replay, summarise } = await import('../../src/core/campaign/ledger-state.js');
    const at = '2026-11-25T10:00:00.000Z';
    const r = (n: number) => `+4917012345${n}0`;
    const state = replay([
      { t: 'header', v: 1, campaign: 'c', campaignId: 'c1', campaignHash: 'h', recipientsHash: 'r', recipients: 5, at },
      { t: 'attempt', r: r(1), n: 1, sender: 's', cb: `wa-ops:c1:${r(1)}`, at },
      { t: 'sent', r: r(1), wamid: 'w1', at },
      { t: 'attempt', r: r(2), n: 1, sender: 's', cb: `wa-ops:c1:${r(2)}`, at },
      { t: 'sent', r: r(2), wamid: 'w2', at },
      { t: 'attempt', r: r(3), n: 1, sender: 's', cb: `wa-ops:c1:${r(3)}`, at },
      { t: 'skipped', r: 'line:6', line: 6, reason: 'invalid number: too-short', at },
    ]);
    const a = new DeliveryAnalyzer(new Map([['c1', { accepted: new Set(['w1', 'w2']), state, name: 'c' }]]));
    const st = (id: string, who: string, status: string, code?: number) => ({ kind: 'status' as const, key: `s:${id}:${status}`, id, status, ts: '1764064800', recipient: who.slice(1), cb: `wa-ops:c1:${who}`, errors: code ? [{ code }] : undefined });
    a.add(st('w1', r(1), 'failed', 131026));
    a.add(st('w1', r(1), 'sent'));
    a.add(st('w2', r(2), 'read'));
    const f = a.report().funnels[0];
    expect(f).toMatchObject({ total: 5, sent: 1, delivered: 1, read: 1, failed: 1, unknown: 1, skipped: 1, pending: 1, failures: { '131026': 1 } });
    expect(f.sent + f.failed + f.pending + f.unknown + f.skipped).toBe(f.total);
    const s = summarise(state, 'c', 0);
    expect([s.sent, s.failed, s.pending, s.unknown, s.skipped]).toEqual([f.sent, f.failed, f.pending, f.unknown, f.skipped]);
  });
});

describe('analyze: countries of failures and costs', () => {
  it('takes the number the business sent to; a recipient known only by a BSUID has no country', async () => {
    const { DeliveryAnalyzer } = await import('../../src/core/webhook/analysis.js');
    const a = new DeliveryAnalyzer();
    const failed = { status: 'failed', ts: '2', errors: [{ code: 131050 }] };
    a.add({ kind: 'status', key: 'a', id: 'w1', recipient: 'DE.13491208655302741918', ...failed });
    a.add({ kind: 'status', key: 'b', id: 'w2', recipient: 'DE.13491208655302741918', cb: 'wa-ops:c1:+33612345678', ...failed });
    a.add({ kind: 'status', key: 'c', id: 'w3', recipient: '491701234567', ...failed });
    expect(a.report().failuresByCountry).toEqual({ unknown: 1, FR: 1, DE: 1 });
  });
});

describe('analyze: a message reported failed twice, with another code the second time', () => {
  it('is one failed message under the last code in the campaign funnel (as status counts it) and the failure table; errors has each code once', async () => {
    const { DeliveryAnalyzer } = await import('../../src/core/webhook/analysis.js');
    const { replay, summarise } = await import('../../src/core/campaign/ledger-state.js');
    const at = '2026-11-25T10:00:00.000Z';
    const who = '+491701234510';
    const state = replay([
      { t: 'header', v: 1, campaign: 'c', campaignId: 'c1', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at },
      { t: 'attempt', r: who, n: 1, sender: 's', cb: `wa-ops:c1:${who}`, at },
      { t: 'sent', r: who, wamid: 'w1', at },
    ]);
    const a = new DeliveryAnalyzer(new Map([['c1', { accepted: new Set(['w1']), state, name: 'c' }]]));
    const failed = (ts: string, codes: number[]) => ({ kind: 'status' as const, key: `s:w1:failed:${codes.join(',')}`, id: 'w1', status: 'failed', ts, recipient: who.slice(1), cb: `wa-ops:c1:${who}`, errors: codes.length ? codes.map((code) => ({ code })) : undefined });
    a.add(failed('1764064800', [131049]));
    a.add(failed('1764068400', [131026]));
    a.add(failed('1764068400', [131026])); // stored twice (an older file's key and a new one)
    a.add(failed('1764072000', [])); // a later failure without a code keeps the known one
    const report = a.report();
    expect(report.funnels[0]).toMatchObject({ total: 1, failed: 1, failures: { '131026': 1 } });
    expect(summarise(state, 'c', 0).failures).toEqual({ '131026': 1 });
    expect(report.failures.map((f) => [f.code, f.count])).toEqual([['131026', 1]]);
    expect(report.errors).toEqual({ '131049': 1, '131026': 1 });
  });
});

describe('analyze: a recipient whose first attempt and its resend both failed', () => {
  it('is one failure in the failure table, as in the campaign funnel (and status), not one per message', async () => {
    const { DeliveryAnalyzer } = await import('../../src/core/webhook/analysis.js');
    const { replay } = await import('../../src/core/campaign/ledger-state.js');
    const at = '2026-11-25T10:00:00.000Z';
    const who = '+491701234520';
    const cb = `wa-ops:c1:${who}`;
    // The first attempt's answer never came (unknown), --retry-unknown sent it again: two wamids, one recipient.
    const state = replay([
      { t: 'header', v: 1, campaign: 'c', campaignId: 'c1', campaignHash: 'h', recipientsHash: 'r', recipients: 1, at },
      { t: 'attempt', r: who, n: 1, sender: 's', cb, at },
      { t: 'attempt', r: who, n: 2, sender: 's', cb, at },
      { t: 'sent', r: who, wamid: 'w2', at },
    ]);
    const a = new DeliveryAnalyzer(new Map([['c1', { accepted: new Set(['w2']), state, name: 'c' }]]));
    for (const id of ['w1', 'w2']) a.add({ kind: 'status', key: `s:${id}:failed:codes=131026`, id, status: 'failed', ts: '1764064800', recipient: who.slice(1), cb, errors: [{ code: 131026 }] });
    const report = a.report();
    expect(report.funnels[0]).toMatchObject({ total: 1, failed: 1, failures: { '131026': 1 } });
    expect(report.failures.map((f) => [f.code, f.count])).toEqual([['131026', 1]]);
    expect(report.failuresByCountry).toEqual({ DE: 1 });
  });
});
