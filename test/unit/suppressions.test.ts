import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendSuppressions, readSuppressions, suppressionRecord } from '../../src/io/suppressions.js';
import { tempDir } from '../helpers.js';

describe('suppression list', () => {
  it('folds adds and lifts per number and scope; a marketing scope blocks MARKETING only', () => {
    const path = join(tempDir(), 's.jsonl');
    appendSuppressions(path, [
      suppressionRecord({ e164: '+491701111111', reason: 'marketing-opt-out', scope: 'marketing', source: 'webhook', waId: '491701111111', userId: 'DE.123' }),
      suppressionRecord({ e164: '+491702222222', reason: 'stop-word', scope: 'all', source: 'webhook' }),
      suppressionRecord({ e164: '+491703333333', reason: '131050', scope: 'marketing', source: 'webhook' }),
      suppressionRecord({ e164: '+491703333333', reason: 'marketing-opt-out', scope: 'marketing', op: 'lift', source: 'webhook' }),
    ]);
    const list = readSuppressions(path);
    expect(list.isSuppressed('+491701111111', 'MARKETING')).toMatchObject({ reason: 'marketing-opt-out', scope: 'marketing' });
    expect(list.isSuppressed('+491701111111', 'UTILITY')).toBeNull();
    expect(list.isSuppressed('+491702222222', 'AUTHENTICATION')).toMatchObject({ reason: 'stop-word', scope: 'all' });
    expect(list.isSuppressed('+491703333333', 'MARKETING')).toBeNull();
    expect(list.entries().map((e) => e.e164)).toEqual(['+491701111111', '+491702222222']);
    expect(list.entries()[0]).toMatchObject({ waId: '491701111111', userId: 'DE.123' });
    expect(list.history()).toHaveLength(4);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('reads old records as all-scope adds and ignores {"e164":"+"} and torn lines', () => {
    const path = join(tempDir(), 's.jsonl');
    writeFileSync(path, '{"e164":"+491704444444","reason":"opted out: \\"STOP\\"","at":"2026-01-01T00:00:00Z"}\n{"e164":"+","reason":"131050"}\n{"e164":"+4917055');
    const list = readSuppressions(path);
    expect(list.size).toBe(1);
    expect(list.isSuppressed('+491704444444', 'UTILITY')).toMatchObject({ scope: 'all' });
    expect(list.get('+491704444444')?.reason).toMatch(/STOP/);
  });

  it('terminates a torn tail before appending, so the new line is not glued to it', () => {
    const path = join(tempDir(), 's.jsonl');
    writeFileSync(path, '{"v":2,"op":"add","e164":"+4917');
    appendSuppressions(path, [suppressionRecord({ e164: '+491705555555', reason: 'manual', scope: 'all' })]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    expect(readSuppressions(path).isSuppressed('+491705555555', 'MARKETING')).not.toBeNull();
  });

  it('refuses a record without a number', () => {
    expect(() => appendSuppressions(join(tempDir(), 's.jsonl'), [suppressionRecord({ e164: '+', reason: '131050', scope: 'marketing' })])).toThrow(/E\.164/);
  });
});
