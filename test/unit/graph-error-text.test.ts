import { describe, expect, it } from 'vitest';
import { GraphError } from '../../src/core/graph/graph-error.js';

describe('GraphError message', () => {
  it("says Meta's code once when Meta's own message already starts with it", () => {
    const e = new GraphError({ code: 131000, title: '(#131000) Something went wrong', details: 'forced', httpStatus: 500 });
    expect(e.message).toBe('(#131000) Something went wrong: forced');
  });

  it('adds the code to a message that lacks it, and keeps another code in the text', () => {
    expect(new GraphError({ code: 190, title: 'Invalid OAuth access token', httpStatus: 401 }).message).toBe('(#190) Invalid OAuth access token');
    expect(new GraphError({ code: 100, title: '(#1009) nested', httpStatus: 400 }).message).toBe('(#100) (#1009) nested');
  });
});
