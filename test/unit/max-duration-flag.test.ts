// --max-duration 0s stopped every run before its first message, and its printed resume command did the same forever.
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/commands/send-flags.js';

describe('send --max-duration', () => {
  it('refuses a zero duration with exit 2 and the --help hint', () => {
    expect(() => parseOptions({ campaign: 'c.json', maxDuration: '0s' }, 'ev.jsonl', undefined)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/--max-duration/) }));
  });

  it('takes a positive duration', () => {
    expect(parseOptions({ campaign: 'c.json', maxDuration: '50m' }, 'ev.jsonl', undefined).maxDurationMs).toBe(3_000_000);
  });
});
