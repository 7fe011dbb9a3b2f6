/** The events file on disk: its torn tail repaired, its folder synced, whether its path still names it. */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';

/** Whether `path` names the file (device, inode); false when it names another, none, or cannot be looked at. */
export function namesFile(path: string, dev: number, ino: number): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st !== undefined && st.dev === dev && st.ino === ino;
  } catch {
    return false;
  }
}

/** Make the file end on a whole line. A complete JSON fragment is kept; anything else was never acknowledged and is cut. */
export function repairTail(fd: number): 'kept' | 'dropped' | null {
  const size = fstatSync(fd).size;
  if (size === 0) return null;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return null;
  // Find the start of the last line, reading backwards in blocks.
  let start = 0;
  const block = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const from = Math.max(0, end - block.length);
    const n = readSync(fd, block, 0, end - from, from);
    const i = block.subarray(0, n).lastIndexOf(0x0a);
    if (i >= 0) {
      start = from + i + 1;
      break;
    }
    end = from;
  }
  const tail = Buffer.alloc(size - start);
  readSync(fd, tail, 0, tail.length, start);
  try {
    JSON.parse(tail.toString('utf8'));
    writeSync(fd, '\n', size);
    return 'kept';
  } catch {
    ftruncateSync(fd, start);
    return 'dropped';
  }
}

/** Sync a folder (a new file's name), where the filesystem can. */
export function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // A filesystem that cannot sync a folder: the file's own syncs are all there is.
  }
}
