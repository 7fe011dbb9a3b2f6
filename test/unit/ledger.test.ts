import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/core/campaign/events.js';
import { replay, rollingWindow, summarise } from '../../src/core/campaign/ledger-state.js';
import { Ledger, readLedger } from '../../src/io/ledger/ledger.js';
import { tempDir } from '../helpers.js';

const at = '2026-11-25T10:00:00.000Z';
const header: LedgerEvent = { t: 'header', v: 1, campaign: 'c', campaignId: 'c-1', campaignHash: 'h', recipientsHash: 'r', recipients: 5, at };

describe('ledger state machine', () => {
  it('replays events into recipient states and the contract summary', () => {
    const s = replay([
      header,
      { t: 'skipped', r: 'line:3', line: 3, reason: 'duplicate of line 2', at },
      { t: 'attempt', r: '+491', n: 1, sender: 'p', cb: 'x', at },
      { t: 'sent', r: '+491', wamid: 'wamid.1', at },
      { t: 'attempt', r: '+492', n: 1, sender: 'p', cb: 'x', at },
      { t: 'failed', r: '+492', code: 131026, action: 'fail-recipient', at },
      { t: 'attempt', r: '+493', n: 1, sender: 'p', cb: 'x', at },
      { t: 'status', wamid: 'wamid.1', status: 'delivered', ts: '1767225600', at },
      { t: 'status', wamid: 'wamid.1', status: 'read', ts: '1767225660', at },
    ]);
    expect(summarise(s, 'c', Date.parse(at))).toEqual({
      campaign: 'c', total: 5, sent: 1, failed: 1, pending: 1, unknown: 1, skipped: 1, delivered: 1, read: 1, cooldownUntil: null, failures: { '131026': 1 },
    });
  });

  it('turns an unknown attempt into sent when its status webhook arrives', () => {
    const s = replay([header, { t: 'attempt', r: '+493', n: 1, sender: 'p', cb: 'x', at }, { t: 'status', r: '+493', wamid: 'wamid.3', status: 'delivered', ts: '1767225600', at }]);
    expect(s.recipients.get('+493')).toMatchObject({ status: 'delivered', wamid: 'wamid.3', deliveredAt: Date.parse('2026-01-01T00:00:00.000Z') });
  });

  it('keeps the latest cooldown and counts unique first attempts in the rolling 24 h', () => {
    const now = Date.parse(at);
    const s = replay([
      header,
      { t: 'attempt', r: '+491', n: 1, sender: 'p', cb: 'x', at: new Date(now - 25 * 3600_000).toISOString() },
      { t: 'attempt', r: '+492', n: 1, sender: 'p', cb: 'x', at: new Date(now - 3600_000).toISOString() },
      { t: 'attempt', r: '+492', n: 2, sender: 'p', cb: 'x', at: new Date(now - 60_000).toISOString() },
      { t: 'cooldown-until', until: new Date(now + 60_000).toISOString(), code: 130429, reason: 'x', at },
    ]);
    expect(rollingWindow(s, now)).toMatchObject({ used: 1 });
    expect(summarise(s, 'c', now).cooldownUntil).toBe(new Date(now + 60_000).toISOString());
  });
});

describe('ledger file', () => {
  it('ignores and trims a torn last line, and appends after it cleanly', async () => {
    const path = join(tempDir(), 'c.ledger.jsonl');
    const torn = '{"t":"attempt","r":"+49';
    writeFileSync(path, JSON.stringify(header) + '\n' + torn);
    expect(readLedger(path)).toMatchObject({ tornBytes: torn.length });
    const ledger = Ledger.open(path);
    expect(ledger.tornBytes).toBe(torn.length);
    await ledger.append({ t: 'end', outcome: 'done', at });
    await ledger.drain();
    ledger.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.t)).toEqual(['header', 'end']);
  });

  it('creates the file only when the first event is stored (opened and closed unused: nothing left behind)', async () => {
    const dir = tempDir();
    const path = join(dir, 'c.ledger.jsonl');
    Ledger.open(path).close();
    expect(readdirSync(dir)).toEqual([]);
    const ledger = Ledger.open(path);
    await ledger.append(header);
    ledger.close();
    expect(readdirSync(dir)).toEqual(['c.ledger.jsonl']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('names the problem when --ledger is a folder or in a folder that does not exist', () => {
    const dir = tempDir();
    expect(() => Ledger.open(dir)).toThrow(`${dir} is a folder, not a ledger file`);
    expect(() => Ledger.open(join(dir, 'nope', 'c.ledger.jsonl'))).toThrow(/the folder .*nope does not exist/);
  });

  it('refuses a corrupt line in the middle, naming it', () => {
    const path = join(tempDir(), 'c.ledger.jsonl');
    writeFileSync(path, JSON.stringify(header) + '\nnot json\n' + JSON.stringify({ t: 'end', outcome: 'done', at }) + '\n');
    expect(() => readLedger(path)).toThrow(/c\.ledger\.jsonl:2: corrupt ledger line/);
  });

  it('locks out a second process and takes over a dead one\'s lock', () => {
    const path = join(tempDir(), 'c.ledger.jsonl');
    const first = Ledger.open(path);
    expect(() => Ledger.open(path)).toThrow(/locked by another wa-ops process/);
    first.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at }));
    const second = Ledger.open(path);
    expect(second.tookOverLock?.pid).toBe(2 ** 22 + 12345);
    second.close();
  });
});
