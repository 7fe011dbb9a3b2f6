/** One `webhook serve` per events file: a lock the kernel releases when the holder dies (Linux abstract socket; a PID file elsewhere). */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { errnoCode } from '../core/caught.js';
import { UsageError } from '../core/errors.js';
import { pidAlive } from '../io/pid-alive.js';

/** A held events-file lock. */
export interface EventsLock {
  /** What a refused second server is told about the holder. */
  describe(info: { url: string }): void;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  host?: string;
  url?: string;
}

function refused(path: string, h: Holder | undefined): UsageError {
  const who = h ? `pid ${h.pid}${h.url ? `, ${h.url}` : ''}` : 'another process';
  return new UsageError(`${path} is already written by a running webhook serve (${who}); one server per events file`, {
    code: 'events-locked',
    hint: 'stop that server, or give this one its own file with --events',
  });
}

/** Take the lock of an existing events file, or throw a UsageError naming the holder. */
export async function lockEventsFile(path: string): Promise<EventsLock> {
  return process.platform === 'linux' ? socketLock(path) : pidFileLock(path);
}

async function socketLock(path: string): Promise<EventsLock> {
  const st = statSync(path);
  // Keyed by device and inode: the same file under another name or path is the same lock.
  const name = `\0wa-ops-events-${st.dev}-${st.ino}`;
  let info: Holder = { pid: process.pid };
  const server: Server = createServer((sock) => sock.end(JSON.stringify(info)));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ path: name, exclusive: true }, resolve);
    });
  } catch (err) {
    if (errnoCode(err) !== 'EADDRINUSE') throw err;
    throw refused(path, await askHolder(name));
  }
  server.unref();
  return {
    describe: (i) => (info = { pid: process.pid, url: i.url }),
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function askHolder(name: string): Promise<Holder | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const sock = createConnection({ path: name });
    const done = (h: Holder | undefined) => {
      sock.destroy();
      resolve(h);
    };
    sock.setTimeout(1000, () => done(undefined));
    sock.on('data', (d) => (text += d));
    sock.on('end', () => {
      try {
        done(JSON.parse(text) as Holder);
      } catch {
        done(undefined);
      }
    });
    sock.on('error', () => done(undefined));
  });
}

async function pidFileLock(path: string): Promise<EventsLock> {
  const lockPath = `${path}.lock`;
  let info: Holder = { pid: process.pid, host: hostname() };
  const write = () => {
    const fd = openSync(lockPath, 'w', 0o600);
    writeSync(fd, JSON.stringify(info));
    closeSync(fd);
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lockPath, 'wx', 0o600));
      write();
      return {
        describe: (i) => {
          info = { ...info, url: i.url };
          write();
        },
        release: async () => {
          try {
            unlinkSync(lockPath);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
    let held: Holder | undefined;
    try {
      held = JSON.parse(readFileSync(lockPath, 'utf8')) as Holder;
    } catch {
      held = undefined;
    }
    if (!held || (held.host === hostname() && held.pid !== process.pid && !pidAlive(held.pid))) unlinkSync(lockPath);
    else throw refused(path, held);
  }
  throw refused(path, undefined);
}
