import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptiveSync } from '../../src/webhook/disk-sync.js';

/** A clock that returns the given times in turn, then stays at the last. */
function clock(times: number[]) {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)];
}

function openFile() {
  const fd = openSync(join(mkdtempSync(join(tmpdir(), 'wa-ops-disk-sync-')), 'events.jsonl'), 'a');
  writeSync(fd, 'x\n');
  return fd;
}

/** Runs one sync; says whether it finished before returning (this thread) and with what error. */
function once(sync: ReturnType<typeof adaptiveSync>, fd: number) {
  let finished = false;
  const done = new Promise<Error | null>((resolve) =>
    sync(fd, (err) => {
      finished = true;
      resolve(err);
    }),
  );
  return { here: finished, done };
}

describe('adaptiveSync: the executor of the sync policy', () => {
  it('syncs on this thread while fast, on the thread pool after a slow one, and tries this thread again later', async () => {
    const fd = openFile();
    // Calls: [decide, start, end] per sync on this thread, [decide] per sync on the pool.
    const sync = adaptiveSync(clock([0, 0, 1, 10, 10, 30, 40, 500, 1_030, 1_030, 1_031]));
    const fast = once(sync, fd);
    expect(fast.here).toBe(true);
    expect(await fast.done).toBeNull();
    const slow = once(sync, fd); // took 20 ms
    expect(slow.here).toBe(true);
    const pooled = once(sync, fd); // at 40 ms: on the pool
    expect(pooled.here).toBe(false);
    expect(await pooled.done).toBeNull();
    expect(once(sync, fd).here).toBe(false); // at 500 ms: still the pool
    expect(once(sync, fd).here).toBe(true); // at 1,030 ms: the wait is over, tried here
    closeSync(fd);
  });

  it('hands the error of a failed sync to the caller, on either thread', async () => {
    expect((await once(adaptiveSync(), 987_654).done)?.message).toMatch(/EBADF/);
    const sync = adaptiveSync(clock([0, 0, 50, 60]));
    once(sync, 987_654);
    const pooled = once(sync, 987_654);
    expect(pooled.here).toBe(false);
    expect((await pooled.done)?.message).toMatch(/EBADF/);
  });
});
