// Leftover temporary files of killed runs: removed only when their writer's pid is dead, only regular files.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pidTempName, sweepStaleTemps, tempOwner } from '../../src/io/stale-temp.js';
import { tempDir } from '../helpers.js';

describe('pid-named temporary files', () => {
  it('names carry this pid and are recognised by their prefix and suffix only', () => {
    const name = pidTempName('/x', '.out.csv.', '.partial').slice(3);
    expect(tempOwner(name, '.out.csv.', '.partial')).toBe(process.pid);
    expect(tempOwner(name, '.other.csv.', '.partial')).toBeUndefined();
    // The names of older versions (no pid) and names a user chose are never taken for ours.
    expect(tempOwner('.out.csv.0123456789abcdef.partial', '.out.csv.', '.partial')).toBeUndefined();
    expect(tempOwner('.out.csv.12-notes.partial', '.out.csv.', '.partial')).toBeUndefined();
  });

  it('removes the files of dead pids; keeps live ones, this process\'s, folders, symlinks and other names', () => {
    const dir = tempDir();
    const f = (pid: number | string) => `wa-ops-sample-${pid}-0123456789abcdef.bin`;
    for (const n of [f(111), f(222), f(process.pid), 'wa-ops-sample-notes.bin', 'list.csv']) writeFileSync(join(dir, n), 'x');
    mkdirSync(join(dir, f(333)));
    const target = join(dir, 'list.csv');
    symlinkSync(target, join(dir, f(444)));
    const removed = sweepStaleTemps(dir, 'wa-ops-sample-', '.bin', (pid) => pid === 222);
    expect(removed).toEqual([join(dir, f(111))]);
    for (const n of [f(222), f(process.pid), f(333), f(444), 'wa-ops-sample-notes.bin', 'list.csv']) expect(existsSync(join(dir, n))).toBe(true);
    expect(sweepStaleTemps(join(dir, 'missing'), 'a', 'b')).toEqual([]);
  });
});
