/** A lock file beside the ledger: one sending process at a time; a dead owner's lock is taken over. */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { PausedError } from '../../core/errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock or throw; returns a release function and whether a stale lock was taken over. */
export function acquireLock(path: string): { release: () => void; tookOver?: LockInfo } {
  const mine: LockInfo = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
  let tookOver: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return {
        tookOver,
        release: () => {
          try {
            const held = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
            if (held.pid === mine.pid && held.host === mine.host) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let held: LockInfo | undefined;
    try {
      held = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    } catch {
      held = undefined; // half-written by a process that died: stale
    }
    if (held && (held.host !== mine.host || alive(held.pid))) {
      throw new PausedError(`the ledger is locked by another wa-ops process (pid ${held.pid} on ${held.host}, since ${held.at})`, {
        code: 'ledger-locked',
        hint: `wait for it to finish (or stop it), then run the same command again; if that process is gone for good, delete ${path}`,
      });
    }
    tookOver = held ?? { pid: 0, host: mine.host, at: 'unknown' };
    try {
      unlinkSync(path);
    } catch {
      // someone else took it over first; the next round decides
    }
  }
  throw new PausedError(`could not take the ledger lock ${path}`, { code: 'ledger-locked' });
}
