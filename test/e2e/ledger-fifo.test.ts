import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

// Opening a FIFO for reading waits for a writer: a FIFO where a ledger is read must be refused, never opened.
describe('a FIFO where a ledger is read', () => {
  it('--ledger naming a FIFO is exit 2 for send --dry-run and status; a FIFO with a ledger name in the folder does not hang campaigns or analyze', async () => {
    const dir = tempDir('wa-ops-ledger-fifo-');
    writeFileSync(join(dir, 'c.csv'), 'phone\n+491701234567\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 't', recipients: 'c.csv', template: { name: 'hello_world', language: 'en_US' } }));
    writeFileSync(join(dir, 'events.jsonl'), '');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    execFileSync('mkfifo', [join(dir, 'other.ledger.jsonl')]);
    const env = { WA_OPS_GRAPH_URL: 'http://127.0.0.1:9', WA_OPS_TOKEN: 't0ken-for-tests', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    for (const args of [
      ['send', '--campaign', 'c.json', '--ledger', 'pipe', '--dry-run'],
      ['status', '--campaign', 'c.json', '--ledger', 'pipe'],
    ]) {
      const r = await runCli(args, { cwd: dir, env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/the ledger .*pipe is not a regular file/);
    }
    const campaigns = await runCli(['campaigns', '--json'], { cwd: dir, env });
    expect(campaigns.code).toBe(0);
    const analyze = await runCli(['webhook', 'analyze', 'events.jsonl', '--campaigns', '.', '--json'], { cwd: dir, env });
    expect(analyze.signal).toBeNull();
    expect(analyze.stderr).not.toMatch(/internal error/);
  }, 60_000);

  it('a FIFO as --campaign is named, without the lists\' advice to pipe it into "-" (a campaign is read by name only)', async () => {
    const dir = tempDir('wa-ops-ledger-fifo-');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = await runCli(['send', '--campaign', 'pipe', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('wa-ops: pipe is a named pipe (FIFO), not a regular file');
  }, 30_000);
});
