// The printed resume command keeps the flags without which the resumed run would be refused or behave differently.
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/core/campaign/resume.js';

describe('the printed resume command', () => {
  it('keeps --allow-full-budget (a pace over the throughput is refused without it) and --no-wait', () => {
    const cmd = resumeCommand({ campaign: 'c.json', intervalMs: 10, allowFullBudget: true, noWait: true, yes: true });
    expect(cmd).toBe('wa-ops send --campaign c.json --interval 10ms --allow-full-budget --no-wait --yes');
    expect(resumeCommand({ campaign: 'c.json' })).toBe('wa-ops send --campaign c.json --yes');
  });
});
