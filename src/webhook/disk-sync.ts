/** The events file's disk sync, run where the sync policy says: on this thread (timed) or on the thread pool. */
import { fdatasync, fdatasyncSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterSyncOnThisThread, START_POLICY, syncOnThisThread } from '../core/webhook/sync-policy.js';

/** Makes a descriptor's written data durable; `done` may be called before it returns (a sync on this thread). */
export type DiskSync = (fd: number, done: (err: Error | null) => void) => void;

/** fdatasync on this thread while the disk is fast, on the thread pool while it is slow; `now` is the clock in ms. */
export function adaptiveSync(now: () => number = () => performance.now()): DiskSync {
  let policy = START_POLICY;
  return (fd, done) => {
    if (!syncOnThisThread(policy, now())) return fdatasync(fd, done);
    const started = now();
    let failure: Error | null = null;
    try {
      fdatasyncSync(fd);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
    }
    const finished = now();
    policy = afterSyncOnThisThread(policy, finished - started, finished);
    done(failure);
  };
}
