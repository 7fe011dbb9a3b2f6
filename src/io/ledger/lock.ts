/**
 * A lock file beside the ledger: one sending process at a time.
 * Why not pid checks alone: pids are reused (a container restarts as pid 1) and mean nothing on
 * another host. The owner refreshes the file's mtime every second (a heartbeat); a lock is stale
 * when its heartbeat is older than STALE_MS, or at once when its owner is a dead process on this
 * host (never our own pid). The file is created complete (written aside, then hard-linked into
 * place, which fails atomically if one exists), so an empty lock is never ours in the making.
 * A stale lock is taken over under a guard file by exactly one process; the owner checks on
 * every heartbeat, and before every ledger commit, that the lock is still its own.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { hostname } from 'node:os';
import { PausedError } from '../../core/errors.js';
import { createComplete, isStale, readLock, STALE_MS, takeOver, type LockInfo } from './lock-file.js';

export { isStale, STALE_MS, type LockInfo } from './lock-file.js';

const BEAT_MS = 1000;

/** A lock taken: whether it is still ours, and how to release it. */
export interface HeldLock {
  /** A stale lock that was taken over, if any. */
  tookOver?: LockInfo;
  /** Why the lock is no longer ours (deleted, emptied, replaced), or undefined while it is. */
  lost(): string | undefined;
  /** Stop the heartbeat and delete the lock if it is still ours. */
  release(): void;
}

function lockedError(path: string, info: LockInfo | undefined): PausedError {
  const who = info ? `pid ${info.pid} on ${info.host}, since ${info.at}` : 'its content is unreadable';
  return new PausedError(`the ledger is locked by another wa-ops process (${who})`, {
    code: 'ledger-locked',
    hint: `wait for it to finish (or stop it), then run the same command again; a lock whose owner is gone is taken over by itself after ${STALE_MS / 1000} s without a heartbeat (${path})`,
  });
}

/** Take the lock or throw PausedError; the heartbeat runs until release(). */
export function acquireLock(path: string): HeldLock {
  const info: LockInfo = { pid: process.pid, host: hostname(), at: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const mine = JSON.stringify(info);
  let tookOver: LockInfo | undefined;
  let held = createComplete(path, mine);
  if (!held) {
    const found = readLock(path);
    if (found && !isStale(found)) throw lockedError(path, found.info);
    tookOver = found?.info ?? { pid: 0, host: 'unknown', at: 'unknown' };
    held = found ? takeOver(path, found, mine) : createComplete(path, mine);
    if (!held) throw lockedError(path, readLock(path)?.info);
  }
  const fd = openSync(path, 'r');
  const { ino, size } = fstatSync(fd);
  closeSync(fd);
  let lostWhy: string | undefined;
  const check = (): string | undefined => {
    if (lostWhy) return lostWhy;
    try {
      const st = statSync(path);
      if (st.ino !== ino) lostWhy = `the lock ${path} was replaced by another process`;
      else if (st.size !== size) lostWhy = `the lock ${path} was emptied or changed`;
      // A deleted lock recreated by another process can get the same inode number back: the content (with our random token) decides.
      else if (readFileSync(path, 'utf8') !== mine) lostWhy = `the lock ${path} was replaced by another process`;
    } catch {
      lostWhy = `the lock ${path} was deleted`;
    }
    return lostWhy;
  };
  const beat = setInterval(() => {
    if (check()) return;
    try {
      const t = new Date();
      utimesSync(path, t, t);
    } catch {
      check();
    }
  }, BEAT_MS);
  beat.unref();
  return {
    tookOver,
    lost: check,
    release: () => {
      clearInterval(beat);
      if (check()) return;
      try {
        if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
