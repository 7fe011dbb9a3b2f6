import { describe, expect, it } from 'vitest';
import { actionFor } from '../../src/core/graph/actions.js';
import { GraphError } from '../../src/core/graph/graph-error.js';

describe('code 100 with subcode 33 (the phone number id in the URL is unknown)', () => {
  it('stops the run instead of failing the recipient: every send to that sender would fail alike', () => {
    expect(actionFor(100, 400, 33).action).toBe('abort-run');
    expect(new GraphError({ code: 100, subcode: 33, title: "Unsupported post request. Object with ID '9' does not exist", httpStatus: 400 }).action).toBe('abort-run');
  });

  it('leaves other 100s (an invalid parameter for this recipient) as they were', () => {
    expect(actionFor(100, 400).action).toBe('fail-recipient');
    expect(actionFor(100, 400, 2494010).action).toBe('fail-recipient');
  });
});
