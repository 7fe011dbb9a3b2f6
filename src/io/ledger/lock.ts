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
import { closeSync, fstatSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { PausedError } from '../../core/errors.js';
import { pidAlive } from '../pid-alive.js';

/** What a lock file holds: the holder's process, host, time and token. */
export interface LockInfo {
  pid: number;
  host: string;
  at: string;
  token?: string;
}

/** A lock without a heartbeat for this long is stale, whoever wrote it. */
export const STALE_MS = 15_000;
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

function readLock(path: string): { info?: LockInfo; mtimeMs: number; ino: number } | undefined {
  try {
    const st = statSync(path);
    let info: LockInfo | undefined;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      if (typeof parsed.pid === 'number') info = parsed;
    } catch {
      info = undefined; // emptied or damaged: only its age can tell it is stale
    }
    return { info, mtimeMs: st.mtimeMs, ino: st.ino };
  } catch {
    return undefined;
  }
}

/** Whether a lock found on disk may be taken over now. */
export function isStale(found: { info?: LockInfo; mtimeMs: number }, now = Date.now(), me = { pid: process.pid, host: hostname() }): boolean {
  if (now - found.mtimeMs > STALE_MS) return true;
  const i = found.info;
  return Boolean(i && i.host === me.host && i.pid !== me.pid && !pidAlive(i.pid));
}

/** Create path holding text, atomically and only if it does not exist; false if it exists. */
function createComplete(path: string, text: string): boolean {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    unlinkSync(tmp);
  }
}

function lockedError(path: string, info: LockInfo | undefined): PausedError {
  const who = info ? `pid ${info.pid} on ${info.host}, since ${info.at}` : 'its content is unreadable';
  return new PausedError(`the ledger is locked by another wa-ops process (${who})`, {
    code: 'ledger-locked',
    hint: `wait for it to finish (or stop it), then run the same command again; a lock whose owner is gone is taken over by itself after ${STALE_MS / 1000} s without a heartbeat (${path})`,
  });
}

/** Replace a stale lock with ours, under a guard so that exactly one contender does it. */
function takeOver(path: string, seen: { info?: LockInfo; ino: number }, mine: string): boolean {
  const guard = `${path}.takeover`;
  const g = readLock(guard);
  if (g && Date.now() - g.mtimeMs > STALE_MS) {
    try {
      unlinkSync(guard); // a contender died in the middle of a takeover
    } catch {
      // gone already
    }
  }
  if (!createComplete(guard, mine)) return false;
  try {
    const now = readLock(path);
    // Still the very lock we judged stale (same inode, still stale)? Otherwise someone else won.
    if (now && (now.ino !== seen.ino || !isStale(now))) return false;
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, mine);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
    return true;
  } finally {
    try {
      if (readFileSync(guard, 'utf8') === mine) unlinkSync(guard);
    } catch {
      // gone
    }
  }
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
