// A ledger write that fails halfway (a full disk) must leave the file as it was acknowledged: no torn fragment for the
// next batch to glue onto, no complete line that was reported as failed.
import { mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableAppender, type AppendIo } from '../../src/io/ledger/appender.js';

function file() {
  const path = join(mkdtempSync(join(tmpdir(), 'wa-ops-full-')), 'l.jsonl');
  return { fd: openSync(path, 'ax+', 0o600), read: () => readFileSync(path, 'utf8') };
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** Real writes, except while `full` is set: then one write puts half its bytes on disk and the next throws ENOSPC, as Linux does. */
function diskThatFills() {
  const state = { full: false, half: false };
  const io: AppendIo = {
    write: async (fd, buf, off, len) => {
      if (state.full && state.half) throw enospc();
      const n = state.full ? Math.max(1, Math.floor(len / 2)) : len;
      if (state.full) state.half = true;
      return { bytesWritten: writeSync(fd, buf, off, n) };
    },
    writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, len),
    fdatasync: async () => {},
  };
  return { io, state };
}

const line = (i: number) => JSON.stringify({ t: 'attempt', r: `+4917100000${i}` });
const settle = (p: Promise<void>) => p.then(() => 'ok', (e: NodeJS.ErrnoException) => e.code ?? e.message);

describe('DurableAppender on a disk that fills up', () => {
  it('a batch cut short is removed again; the next batch after space came back is appended cleanly', async () => {
    const f = file();
    const disk = diskThatFills();
    const a = new DurableAppender(f.fd, undefined, disk.io);
    expect(await settle(a.append(line(1)))).toBe('ok');
    disk.state.full = true;
    const failed = await Promise.all([2, 3, 4].map((i) => settle(a.append(line(i)))));
    expect(failed).toEqual(['ENOSPC', 'ENOSPC', 'ENOSPC']);
    expect(f.read()).toBe(line(1) + '\n');
    disk.state.full = false;
    expect(await settle(a.append(JSON.stringify({ t: 'end' })))).toBe('ok');
    const lines = f.read().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ t: 'attempt', r: '+49171000001' }, { t: 'end' }]);
  });

  it('a failed sync refuses every later batch (the disk may have lost more than this batch)', async () => {
    const f = file();
    let failSync = true;
    const io: AppendIo = {
      write: async (fd, buf, off, len) => ({ bytesWritten: writeSync(fd, buf, off, len) }),
      writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, len),
      fdatasync: async () => {
        if (failSync) throw Object.assign(new Error('EIO'), { code: 'EIO' });
      },
    };
    const a = new DurableAppender(f.fd, undefined, io);
    expect(await settle(a.append(line(1)))).toBe('EIO');
    failSync = false;
    expect(await settle(a.append(line(2)))).toBe('EIO');
    expect(f.read()).toBe('');
  });

  it('flushSync writes everything even when each write takes only part of it', () => {
    const f = file();
    const io: AppendIo = { write: async () => ({ bytesWritten: 0 }), writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, Math.min(len, 7)), fdatasync: async () => {} };
    const a = new DurableAppender(f.fd, undefined, io);
    const done = a.append(line(1));
    void a.append(line(2));
    a.flushSync();
    expect(f.read()).toBe(`${line(1)}\n${line(2)}\n`);
    return done;
  });
});
