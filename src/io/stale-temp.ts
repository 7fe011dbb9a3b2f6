/**
 * Temporary files named after the process that writes them (`<prefix><pid>-<hex><suffix>`), so that the
 * leftovers of a run killed with SIGKILL (no exit handler runs) are recognised and removed by the next
 * run, while the files of a process still alive, this one or another, are never touched.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive } from './pid-alive.js';

/** A fresh temporary file name in `dir` that carries this process's id. */
export function pidTempName(dir: string, prefix: string, suffix: string): string {
  return join(dir, `${prefix}${process.pid}-${randomBytes(8).toString('hex')}${suffix}`);
}

/** The writer's pid of a name made by pidTempName with this prefix and suffix, or undefined for any other name. */
export function tempOwner(name: string, prefix: string, suffix: string): number | undefined {
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return undefined;
  const m = /^([1-9]\d{0,9})-[0-9a-f]{16}$/.exec(name.slice(prefix.length, name.length - suffix.length));
  return m ? Number(m[1]) : undefined;
}

/**
 * Remove the files in `dir` named by pidTempName with this prefix and suffix whose writer is dead:
 * only regular files (no symlink, no folder) this user owns. Best effort: a folder that cannot be
 * listed, or a file that cannot be removed, is left as it is.
 */
export function sweepStaleTemps(dir: string, prefix: string, suffix: string, alive: (pid: number) => boolean = pidAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempOwner(name, prefix, suffix);
    if (pid === undefined || pid === process.pid || alive(pid)) continue;
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (!st.isFile() || (process.getuid !== undefined && st.uid !== process.getuid())) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}
