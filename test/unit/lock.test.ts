import { readFileSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, isStale, STALE_MS } from '../../src/io/ledger/lock.js';
import { tempDir } from '../helpers.js';

const at = new Date().toISOString();
const lockPath = () => join(tempDir(), 'c.ledger.jsonl.lock');
const old = (path: string) => {
  const t = new Date(Date.now() - STALE_MS - 5000);
  utimesSync(path, t, t);
};

describe('ledger lock', () => {
  it.each([
    { name: 'a live process on this host', info: { pid: process.ppid, host: hostname(), at }, taken: false },
    { name: 'our own pid (a container restarted as pid 1)', info: { pid: process.pid, host: hostname(), at }, taken: false },
    { name: 'another host, fresh heartbeat', info: { pid: 1, host: 'elsewhere.example', at }, taken: false },
    { name: 'an empty lock with a fresh heartbeat', info: undefined, taken: false },
    { name: 'a dead process on this host', info: { pid: 2 ** 22 + 4321, host: hostname(), at }, taken: true },
  ])('$name: taken over = $taken', ({ info, taken }) => {
    const path = lockPath();
    writeFileSync(path, info ? JSON.stringify(info) : '');
    if (taken) {
      const l = acquireLock(path);
      expect(l.tookOver?.pid).toBe(info!.pid);
      l.release();
    } else expect(() => acquireLock(path)).toThrow(/locked by another wa-ops process/);
  });

  it.each([
    { name: 'another host', info: { pid: 1, host: 'elsewhere.example', at } },
    { name: 'our own pid', info: { pid: process.pid, host: hostname(), at } },
    { name: 'an empty lock', info: undefined },
  ])('$name without a heartbeat for the stale time is taken over', ({ info }) => {
    const path = lockPath();
    writeFileSync(path, info ? JSON.stringify(info) : '');
    old(path);
    expect(isStale({ info, mtimeMs: Date.now() - STALE_MS - 5000 })).toBe(true);
    const l = acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    l.release();
  });

  it.each([
    { name: 'deleted', act: (p: string) => unlinkSync(p), why: /deleted/ },
    { name: 'emptied', act: (p: string) => truncateSync(p, 0), why: /emptied/ },
    { name: 'replaced', act: (p: string) => (unlinkSync(p), writeFileSync(p, JSON.stringify({ pid: 1, host: 'x', at }))), why: /replaced|emptied/ },
  ])('notices at once when its lock is $name, and does not delete a lock that is not its own', ({ act, why }) => {
    const path = lockPath();
    const l = acquireLock(path);
    expect(l.lost()).toBeUndefined();
    act(path);
    expect(l.lost()).toMatch(why);
    l.release();
  });

  it('exactly one of many contenders takes over a stale lock', () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 99, host: hostname(), at }));
    const results = Array.from({ length: 5 }, () => {
      try {
        return acquireLock(path);
      } catch {
        return undefined;
      }
    });
    expect(results.filter(Boolean)).toHaveLength(1);
    results.forEach((r) => r?.release());
  });
});

describe('ledger lock replaced in place', () => {
  it('a lock rewritten with the same length (an inode reused after a delete) is noticed by its content', () => {
    const path = lockPath();
    const l = acquireLock(path);
    const mine = readFileSync(path, 'utf8');
    const other = mine.replace(/"token":"[0-9a-f]+"/, (m) => m.replace(/[0-9a-f](?="$)/, (c) => (c === '0' ? '1' : '0')));
    expect(other.length).toBe(mine.length);
    writeFileSync(path, other);
    expect(l.lost()).toMatch(/replaced/);
    l.release();
    expect(readFileSync(path, 'utf8')).toBe(other);
  });
});
