// Commander's options become a command's typed flags through one checked function (no casts in commands).
import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSchema } from '../../src/commands/flags.js';

interface Flags {
  campaign: string;
  ledger?: string;
  yes?: boolean;
  graphUrl?: string[];
  window?: string | false;
}
const SCHEMA: FlagSchema<Flags> = { campaign: 'required', ledger: 'string', yes: 'boolean', graphUrl: 'list', window: 'string-or-false' };

describe('parseFlags', () => {
  it('keeps the declared flags of the right kind and nothing else', () => {
    expect(parseFlags<Flags>({ campaign: 'c.json', yes: true, graphUrl: ['https://a'], window: false, json: true }, SCHEMA)).toEqual({ campaign: 'c.json', yes: true, graphUrl: ['https://a'], window: false });
  });

  it('names a flag that is missing or of another kind', () => {
    expect(() => parseFlags<Flags>({}, SCHEMA)).toThrow(expect.objectContaining({ exitCode: 2, message: '--campaign is required' }));
    expect(() => parseFlags<Flags>({ campaign: 'c.json', ledger: true }, SCHEMA)).toThrow(/--ledger takes a value/);
    expect(() => parseFlags<Flags>({ campaign: 'c.json', graphUrl: [1] }, SCHEMA)).toThrow(/--graph-url/);
  });
});
