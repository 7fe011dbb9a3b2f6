import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mattersToOptOuts, optOutOf } from '../../src/core/webhook/opt-outs.js';
import { toRecords, type WebhookRecord } from '../../src/core/webhook/records.js';
import { readSuppressions } from '../../src/io/suppressions.js';
import { OptOutWriter } from '../../src/webhook/opt-out-writer.js';

const stopAt = (sec: number, id: string): WebhookRecord => ({ kind: 'message', key: `m:${id}`, id, from: '491701234567', waId: '491701234567', type: 'text', text: 'STOP', ts: String(sec) });

function writer(path: string) {
  return new OptOutWriter(path, [], { suppressed: 0, lifted: 0, unresolvedOptOuts: 0 }, () => undefined);
}

describe('opt-outs out of order', () => {
  it('a STOP is never judged stale against a record that holds only the time it was written (older versions)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wa-ops-optout-')), 'suppressions.jsonl');
    // An older version wrote a lift late (at = write time, no event time).
    writeFileSync(path, JSON.stringify({ v: 2, op: 'lift', e164: '+491701234567', reason: 'stop-word', scope: 'all', source: 'webhook', at: '2026-12-01T12:00:00.000Z' }) + '\n');
    writer(path).handle([stopAt(Date.parse('2026-12-01T11:00:00Z') / 1000, 'wamid.a')]);
    expect(readSuppressions(path).isSuppressed('+491701234567', 'UTILITY')).not.toBeNull();
  });

  it('a STOP older than a recorded event of the same number is left out; the record keeps its event time', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wa-ops-optout-')), 'suppressions.jsonl');
    const w = writer(path);
    w.handle([stopAt(Date.parse('2026-12-01T11:00:00Z') / 1000, 'wamid.b')]);
    w.handle([stopAt(Date.parse('2026-12-01T10:00:00Z') / 1000, 'wamid.c')]);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].eventAt).toBe('2026-12-01T11:00:00.000Z');
  });
});

describe('mattersToOptOuts: the records the receiver hands to the opt-out writer', () => {
  it('includes every record of the webhook corpus that is an opt-out or ties a user id to a number', () => {
    const dir = join(__dirname, '../../fixtures/webhooks');
    let optOuts = 0;
    let skipped = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      for (const r of toRecords(JSON.parse(readFileSync(join(dir, f), 'utf8')), 1767225600)) {
        const needed = optOutOf(r) !== null || (r.kind === 'status' && r.userId !== undefined);
        if (needed) expect(mattersToOptOuts(r), `${f}: ${r.key}`).toBe(true);
        if (optOutOf(r)) optOuts++;
        if (!mattersToOptOuts(r)) skipped++;
      }
    }
    // The corpus holds opt-outs and plain statuses both, so the filter is exercised either way.
    expect(optOuts).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
  });
});
