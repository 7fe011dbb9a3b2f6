// An unknown option that commander's edit distance cannot place still gets the option meant.
import { describe, expect, it } from 'vitest';
import { nearOption } from '../../src/ui/usage-error.js';
import { runCli } from '../helpers.js';

describe('did you mean, for options', () => {
  it.each([
    [['doctor', '--JSON'], '--json'],
    [['init', '--phone-id', '1'], '--phone-number-id'],
    [['doctor', '--webhook', 'https://x'], '--webhook-url'],
    [['send', '--campaign', 'x.json', '--dry'], '--dry-run'],
  ])('%j suggests %s, exit 2', async (args, meant) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`unknown option '${args.find((a) => !['doctor', 'init', 'send'].includes(a) && a.startsWith('--') && a !== '--campaign')}' \\(did you mean ${meant}\\?\\)$`));
  });

  it('names nothing when no option fits or several do', () => {
    expect(nearOption('--x-y', ['--json', '--webhook-url'])).toBeUndefined();
    expect(nearOption('--max', ['--max-line-length', '--max-field-length'])).toBeUndefined();
  });
});
