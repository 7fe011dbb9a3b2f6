import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

// The suppression list is a file anyone may have put in place: it is read bounded, and only when it is a regular file.
describe('suppression list: bounded reads', () => {
  it('a FIFO or a device as the list is named for what it is (exit 2), never waited on or read forever', async () => {
    const dir = tempDir('wa-ops-list-bounds-');
    const fifo = join(dir, 'list.jsonl');
    execFileSync('mkfifo', [fifo]);
    for (const [args, what] of [
      [['suppressions', 'list', '--suppressions', fifo], /named pipe \(FIFO\)/],
      [['suppressions', 'add', '+491701234567', '--suppressions', fifo], /named pipe \(FIFO\)/],
      [['suppressions', 'list', '--suppressions', '/dev/zero'], /character device/],
    ] as const) {
      const started = Date.now();
      const r = await runCli([...args], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(what);
      expect(r.stderr).not.toMatch(/bad_alloc|\n\s+at /);
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  }, 60_000);

  it('refuses a --note that would make a huge line, and shows notes from the file cleaned and cut', async () => {
    const dir = tempDir('wa-ops-list-bounds-');
    const file = join(dir, 'list.jsonl');
    const long = await runCli(['suppressions', 'add', '+491701234567', '--note', 'x'.repeat(1001), '--suppressions', file], { cwd: dir });
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/--note is 1,001 characters long; at most 1,000/);
    expect(existsSync(file)).toBe(false);

    // A list written by someone else: an escape sequence and a 100,000-character note.
    const record = (e164: string, note: string) => JSON.stringify({ v: 2, op: 'add', e164, reason: 'manual', scope: 'all', source: 'cli', at: '2026-01-01T00:00:00Z', note });
    writeFileSync(file, `${record('+491701234567', '\u001b[2J\u001b]0;pwned\u0007wiped')}\n${record('+491701234568', 'y'.repeat(100_000))}\n`);
    const list = await runCli(['suppressions', 'list', '--suppressions', file], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(/\u001b|\u0007/);
    expect(list.stdout).toContain('wiped');
    expect(list.stdout).toContain(`${'y'.repeat(119)}…`);
    expect(list.stdout.length).toBeLessThan(5_000);
    // --json keeps the data as it is (escaped by JSON).
    const json = JSON.parse((await runCli(['suppressions', 'list', '--suppressions', file, '--json'], { cwd: dir })).stdout);
    expect(json.suppressions[1].note).toHaveLength(100_000);
  }, 60_000);

  it('export never writes where the list is kept, even before the list exists and with --force', async () => {
    const dir = tempDir('wa-ops-list-bounds-');
    const r = await runCli(['suppressions', 'export', '--out', 'wa-ops.suppressions.jsonl', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is where the suppression list .* is kept/);
    expect(existsSync(join(dir, 'wa-ops.suppressions.jsonl'))).toBe(false);
    // The list still works afterwards.
    expect((await runCli(['suppressions', 'add', '+491701234567'], { cwd: dir })).code).toBe(0);
  }, 60_000);

  it('a ledger or an events file named as the list is refused and left unchanged (one writer per file)', async () => {
    const dir = tempDir('wa-ops-list-bounds-');
    const ledger = join(dir, 'spring.ledger.jsonl');
    const events = join(dir, 'webhook-events.jsonl');
    const ledgerText = '{"t":"header","v":1,"campaignId":"spring-1a2b","name":"spring"}\n';
    const eventsText = '{"kind":"status","key":"k1","id":"wamid.1","status":"sent","ts":"1","recipient":"491701234567"}\n';
    writeFileSync(ledger, ledgerText);
    writeFileSync(events, eventsText);
    for (const [file, kind] of [[ledger, /looks like a campaign ledger/], [events, /looks like a webhook events file/]] as const) {
      for (const args of [['suppressions', 'add', '+491701234567'], ['suppressions', 'list']]) {
        const r = await runCli([...args, '--suppressions', file], { cwd: dir });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr.split('\n')[0]).toMatch(kind);
      }
    }
    expect(readFileSync(ledger, 'utf8')).toBe(ledgerText);
    expect(readFileSync(events, 'utf8')).toBe(eventsText);
  }, 60_000);
});
