import { describe, expect, it } from 'vitest';
import { actionFor, KNOWN_CODES, recipientBackoffMs } from '../../src/core/graph/actions.js';
import { waitFromHeaders } from '../../src/core/graph/response-waits.js';

describe('the Graph error action table', () => {
  it('stops the run on an object that does not exist (100, subcode 33) instead of failing every recipient with it', () => {
    expect(actionFor(100, 400, 33).action).toBe('abort-run');
    expect(actionFor(100, 400, undefined, "Unsupported post request. Object with ID '1' does not exist").action).toBe('abort-run');
    expect(actionFor(100, 400).action).toBe('fail-recipient');
  });

  it.each([
    [130429, 'cooldown'],
    [131048, 'cooldown'],
    [132015, 'abort-run'],
    [131056, 'recipient-backoff'],
    [4, 'retry-after'],
    [80007, 'retry-after'],
    [131057, 'retry-after'],
    [133015, 'retry-after'],
    [131026, 'fail-recipient'],
    [131047, 'fail-recipient'],
    [131049, 'fail-recipient'],
    [131050, 'fail-recipient'],
    [131053, 'fail-recipient'],
    [132018, 'fail-recipient'],
    [190, 'abort-run'],
    [0, 'abort-run'],
    [10, 'abort-run'],
    [250, 'abort-run'],
    [132000, 'abort-run'],
    [132001, 'abort-run'],
    [133010, 'abort-run'],
    [104, 'abort-run'],
    [131045, 'abort-run'],
    [131037, 'abort-run'],
    [132068, 'abort-run'],
    [2500, 'abort-run'],
    [131000, 'transient'],
    [2, 'transient'],
    [133004, 'transient'],
  ])('code %i -> %s', (code, action) => {
    expect(actionFor(code, 400).action).toBe(action);
  });

  it('covers every code of the reference table and decides on the code, not the HTTP status', () => {
    for (const code of [130429, 131056, 131048, 131049, 131026, 131047, 131050, 131051, 131052, 131053, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 132018, 133010, 190, 0, 3, 10, 131005, 4, 80007, 368, 131031, 130497, 131042, 131057, 131064, 133015, 133016, 100, 131008, 131009, 131021, 131030, 130472, 1, 2, 131000, 131016, 133004]) {
      expect(KNOWN_CODES).toContain(code);
    }
    expect(actionFor(130429, 400).action).toBe('cooldown'); // rate limits arrive with HTTP 400
    expect(actionFor(undefined, 503).action).toBe('transient');
    // A bare 429 (a gateway's, no Graph code) is throttling: wait (1 minute unless Retry-After says), never an outage.
    expect(actionFor(undefined, 429)).toMatchObject({ action: 'retry-after', waitMs: 60_000 });
    expect(actionFor(130429, 429).action).toBe('cooldown'); // a Graph code still decides
    // An error page without a Graph code (a proxy's, a firewall's, a wrong base URL's) says nothing about the recipient.
    for (const status of [400, 404, 405, 407, 413]) expect(actionFor(undefined, status).action).toBe('abort-run');
    expect(actionFor(undefined, 408).action).toBe('transient');
    expect(actionFor(131026, 400).action).toBe('fail-recipient');
    expect(actionFor(999999, 400).action).toBe('fail-recipient'); // a Graph code we do not know yet is still Graph's word
    // An id of the wrong kind (the phone number id given as the WABA id): stop, and say which ids to check.
    const swapped = actionFor(100, 400, undefined, '(#100) Tried accessing nonexisting field (message_templates) on node type (WhatsAppBusinessPhoneNumber)');
    expect(swapped.action).toBe('abort-run');
    expect(swapped.todo).toMatch(/the id in the request is a phone number, which has no "message_templates": check WA_OPS_WABA_ID and WA_OPS_PHONE_NUMBER_ID \(swapped\?\)/);
  });

  it('backs off a recipient 4^x seconds and reads waits from headers', () => {
    expect([0, 1, 2, 3].map(recipientBackoffMs)).toEqual([1000, 4000, 16000, 64000]);
    expect(waitFromHeaders('30', undefined, 0)).toBe(30_000);
    expect(waitFromHeaders(undefined, JSON.stringify({ '1': [{ estimated_time_to_regain_access: 12 }] }), 0)).toBe(720_000);
    expect(waitFromHeaders('30', 'not json', 0)).toBe(30_000);
    // An HTTP date in Retry-After: the wait is measured from the clock the caller passes.
    expect(waitFromHeaders('Thu, 01 Jan 2026 00:01:00 GMT', undefined, Date.parse('2026-01-01T00:00:00Z'))).toBe(60_000);
    // Bounded: a proxy asking for a day is answered with an hour; a header sent twice counts once; nonsense is no wait.
    expect(waitFromHeaders('86400', undefined, 0)).toBe(3_600_000);
    expect(waitFromHeaders(['5', '9'], undefined, 0)).toBe(5000);
    // "Retry-After: 0" (or a date already past) is "now": a second, not the minute of "no wait given".
    expect(waitFromHeaders('0', undefined, 0)).toBe(1000);
    expect(waitFromHeaders('Thu, 01 Jan 2026 00:00:00 GMT', undefined, Date.parse('2026-01-01T00:05:00Z'))).toBe(1000);
    expect(actionFor(undefined, 429).waitMs).toBe(60_000);
    expect(waitFromHeaders('soon', undefined, 0)).toBeUndefined();
  });
});
