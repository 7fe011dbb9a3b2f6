// Counts a person reads: the right plural for one, thousands separators for many, in the lines several commands print.
import { describe, expect, it } from 'vitest';
import { skipCount } from '../../src/ui/campaign-report.js';
import { stopSummary, tailLine } from '../../src/ui/webhook-tail.js';
import type { WebhookRecord } from '../../src/core/webhook/records.js';

const stats = { received: 0, recorded: 0, duplicates: 0, badSignature: 0, tooLarge: 0, badJson: 0, storageErrors: 0, suppressed: 0, lifted: 0, unresolvedOptOuts: 0, forwarded: 0, forwardRetries: 0, deadLetters: 0, fsyncs: 0 };

describe('counts in human output', () => {
  it('the plan names one skipped row in the singular, many in the plural with separators', () => {
    expect(skipCount('duplicate rows', 1)).toBe('1 duplicate row');
    expect(skipCount('invalid numbers', 1)).toBe('1 invalid number');
    expect(skipCount('rows with unusable parameter values', 1)).toBe('1 row with unusable parameter values');
    expect(skipCount('duplicate rows', 1634)).toBe('1,634 duplicate rows');
    expect(skipCount('opted out (stop-word)', 2)).toBe('2 opted out (stop-word)');
  });

  it('the webhook serve summary sentence', () => {
    expect(stopSummary({ ...stats, recorded: 1, duplicates: 1, badSignature: 1, suppressed: 1, fsyncs: 1 }, 3_000)).toBe(
      'stopped after 3s: 1 event stored, 1 duplicate delivery ignored, 1 refused (1 bad signature), 1 opt-out suppressed, 0 lifted (1 disk sync).',
    );
    expect(stopSummary({ ...stats, recorded: 1634, duplicates: 2, fsyncs: 20 }, 3_000)).toBe('stopped after 3s: 1,634 events stored, 2 duplicate deliveries ignored (20 disk syncs).');
  });

  it('the live tail keeps the end of a long wamid, where two messages differ', () => {
    const line = (id: string) => tailLine({ kind: 'status', key: `${id}:sent`, id, status: 'sent', ts: '1', recipient: '491701234567' } as WebhookRecord, false);
    const a = line('wamid.HBgLMTA5ODc2NTQzMjEwOTg3OjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMTox');
    const b = line('wamid.HBgLMTA5ODc2NTQzMjEwOTg3OjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMjox');
    expect(a).not.toBe(b);
    expect(a).toMatch(/wamid\.HBgLMTA5…\S*MTox/);
  });
});
