/** The lock file on disk: what it holds, when it is stale, and how it is created or taken over atomically. */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { errnoCode } from '../../core/caught.js';
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

/** A lock file as found: its content (when readable), its heartbeat time and its inode. */
export function readLock(path: string): { info?: LockInfo; mtimeMs: number; ino: number } | undefined {
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
export function createComplete(path: string, text: string): boolean {
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
    if (errnoCode(err) !== 'EEXIST') throw err;
    return false;
  } finally {
    unlinkSync(tmp);
  }
}

/** Replace a stale lock with ours, under a guard so that exactly one contender does it. */
export function takeOver(path: string, seen: { info?: LockInfo; ino: number }, mine: string): boolean {
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
