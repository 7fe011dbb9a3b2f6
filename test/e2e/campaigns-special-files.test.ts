// campaigns --dir reads only regular files: a FIFO or a symlink to /dev/zero named *.json must not hang the listing.
import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, root, tempDir } from '../helpers.js';

describe('campaigns --dir with special files', () => {
  const hasMkfifo = spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasMkfifo)('lists the campaigns and skips a FIFO and /dev/zero named *.json (and a FIFO as a lock)', () => {
    const dir = tempDir();
    spawnSync('mkfifo', [join(dir, 'pipe.json'), join(dir, 'c.ledger.jsonl.lock')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    writeFileSync(join(dir, 'list.csv'), 'phone\n+4915112345671\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'c', recipients: 'list.csv', template: { name: 'hello_world', language: 'en_US' } }));
    writeFileSync(join(dir, 'c.ledger.jsonl'), '');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'campaigns', '--dir', dir, '--json'], { env: cleanEnv(), encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).campaigns.map((c: { name: string }) => c.name)).toEqual(['c']);
  });
});
