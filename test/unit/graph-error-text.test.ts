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

  it('says a bare HTTP status once (a proxy\'s 429 without a Graph error was "HTTP 429: HTTP 429")', () => {
    expect(new GraphError({ title: 'HTTP 429', httpStatus: 429 }).message).toBe('HTTP 429');
    expect(new GraphError({ title: 'Too Many Requests', httpStatus: 429 }).message).toBe('HTTP 429: Too Many Requests');
  });
});
