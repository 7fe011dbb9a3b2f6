/**
 * Temporary output files (".partial", see output-file.ts) not yet committed or aborted, so that an exit in
 * between (Ctrl-C, SIGTERM: the signal handlers call process.exit) removes them instead of leaving a
 * half-written file next to the target. A worker thread forwards its own to the main thread.
 */
import { unlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const unfinished = new Set<string>();
const watchers = new Set<(temp: string, open: boolean) => void>();
if (isMainThread) process.on('exit', removeUnfinishedOutputs);

/** Note a temporary file another thread is writing (open) or has finished with, so this process's exit removes it. */
export function trackUnfinished(temp: string, open: boolean): void {
  if (open) unfinished.add(temp);
  else unfinished.delete(temp);
  for (const w of watchers) w(temp, open);
}

/** Be told of every temporary file opened and finished (a worker thread forwards them to the main thread). */
export function watchUnfinished(cb: (temp: string, open: boolean) => void): void {
  watchers.add(cb);
}

/** Remove every temporary output not yet committed: the process is ending without finishing them. */
export function removeUnfinishedOutputs(): void {
  for (const temp of unfinished) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed into place or removed
    }
  }
  unfinished.clear();
}
