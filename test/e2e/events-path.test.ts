// status and send read the webhook events file: one that is not (a CSV, a folder) is refused with exit 2 naming it,
// as webhook analyze refuses it, instead of folding nothing and reporting success.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli, tempDir } from '../helpers.js';

describe('the events file given to status and send', () => {
  const dir = tempDir('wa-ops-events-path-');
  for (const f of ['spring-sale.json', 'spring-sale.csv']) copyFileSync(join(fixtures, 'campaigns', f), join(dir, f));
  writeFileSync(join(dir, 'list.csv'), 'phone,name\n+4917012345678,Ana\n');
  writeFileSync(join(dir, 'events.jsonl'), JSON.stringify({ kind: 'status', key: 's:wamid.x:sent', id: 'wamid.x', status: 'sent', ts: '1', recipient: '4917012345678' }) + '\n');
  mkdirSync(join(dir, 'folder'));
  const campaign = join(dir, 'spring-sale.json');

  it('status --events list.csv: exit 2, the file and line named', async () => {
    const r = await runCli(['status', '--campaign', campaign, '--events', 'list.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('list.csv:1: not an events file');
    expect(r.stdout).toBe('');
  });

  it('status --events <folder>: exit 2 naming the flag', async () => {
    const r = await runCli(['status', '--campaign', campaign, '--events', join(dir, 'folder')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--events ${join(dir, 'folder')} is a folder, not an events file`);
  });

  it('send --dry-run and status --watch refuse it too', async () => {
    const send = await runCli(['send', '--campaign', campaign, '--events', 'list.csv', '--dry-run'], { cwd: dir });
    expect(send.code).toBe(2);
    expect(send.stderr).toContain('list.csv:1: not an events file');
    const watch = await runCli(['status', '--campaign', campaign, '--events', 'list.csv', '--watch'], { cwd: dir });
    expect(watch.code).toBe(2);
  });

  it('a real events file, or one not written yet, is read as before', async () => {
    expect((await runCli(['status', '--campaign', campaign, '--events', 'events.jsonl'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['status', '--campaign', campaign, '--events', 'not-yet.jsonl'], { cwd: dir })).code).toBe(0);
  });
});
