// Cooldowns other campaigns of the folder met (local files): read from their ledgers' cooldown lines, real files.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siblingCooldown } from '../../src/io/campaign/sibling-cooldowns.js';
import { tempDir } from '../helpers.js';

const NOW = Date.parse('2026-12-03T07:00:00.000Z');
const cd = (until: string, code: number | string, sender?: string) => JSON.stringify({ t: 'cooldown-until', until, code, reason: `${code}: why`, at: '2026-12-03T06:30:00.000Z', ...(sender ? { sender } : {}) });

describe('siblingCooldown', () => {
  it('the latest cooldown in force on one of the senders, from other ledgers only; skips torn lines, other senders, waits the run worked out, a FIFO', async () => {
    const dir = tempDir('wa-ops-siblings-');
    writeFileSync(join(dir, 'own.ledger.jsonl'), cd('2026-12-03T09:00:00.000Z', 131048, 's1') + '\n');
    writeFileSync(join(dir, 'a.ledger.jsonl'), [cd('2026-12-03T07:30:00.000Z', 131048, 's1'), '{"t":"cooldown-until","unt', cd('2026-12-03T08:30:00.000Z', 'budget', 's1')].join('\n') + '\n');
    writeFileSync(join(dir, 'b.ledger.jsonl'), [cd('2026-12-03T08:00:00.000Z', 130429, 's2'), cd('2026-12-03T06:59:00.000Z', 131048, 's1')].join('\n') + '\n');
    execFileSync('mkfifo', [join(dir, 'fifo.ledger.jsonl')]);
    const found = await siblingCooldown(join(dir, 'own.ledger.jsonl'), ['s1'], NOW);
    expect(found).toMatchObject({ code: 131048, sender: 's1', until: Date.parse('2026-12-03T07:30:00.000Z'), ledger: join(dir, 'a.ledger.jsonl') });
    expect(await siblingCooldown(join(dir, 'own.ledger.jsonl'), ['s1', 's2'], NOW)).toMatchObject({ code: 130429, sender: 's2' });
    expect(await siblingCooldown(join(dir, 'own.ledger.jsonl'), ['s3'], NOW)).toBeUndefined();
  });
});
