// The printed resume command keeps the flags without which the resumed run would be refused or behave differently.
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/core/campaign/resume.js';
import { resumeLine } from '../../src/commands/send-finish.js';
import { parseFlags } from '../../src/commands/flags.js';
import { SEND_FLAGS, type SendFlags } from '../../src/commands/send-flags.js';
import type { SendOptions } from '../../src/io/campaign/send-options.js';

describe('the printed resume command', () => {
  it('keeps --allow-full-budget (a pace over the throughput is refused without it) and --no-wait', () => {
    const cmd = resumeCommand({ campaign: 'c.json', intervalMs: 10, allowFullBudget: true, noWait: true, yes: true });
    expect(cmd).toBe('wa-ops send --campaign c.json --interval 10ms --allow-full-budget --no-wait --yes');
    expect(resumeCommand({ campaign: 'c.json' })).toBe('wa-ops send --campaign c.json --yes');
  });

  it('keeps the global --allow-insecure-graph-url and --allow-internal-media the run was given (without them the copy stops with exit 2)', () => {
    // As commander hands them over (optsWithGlobals): the global flags next to send's own.
    const f = parseFlags<SendFlags>({ campaign: 'my c.json', yes: true, json: true, allowInsecureGraphUrl: true, allowInternalMedia: true }, SEND_FLAGS);
    const o: SendOptions = { campaign: 'my c.json', dryRun: false, yes: true, sample: false, noWait: false, cooldownMs: 300_000, retryUnknown: false, allowFullBudget: false };
    expect(resumeLine(o, f, undefined)).toBe("wa-ops send --campaign 'my c.json' --allow-insecure-graph-url --allow-internal-media --yes");
    expect(resumeLine(o, parseFlags<SendFlags>({ campaign: 'my c.json' }, SEND_FLAGS), undefined)).toBe("wa-ops send --campaign 'my c.json' --yes");
  });
});
