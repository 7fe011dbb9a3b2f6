/** The campaign ledger: append-only JSON Lines, fsynced (group commits), torn-tail tolerant, locked; read as a stream. */
import { closeSync, constants, existsSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, openSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DurableAppender } from './appender.js';
import { InputError } from '../../core/errors.js';
import type { HeaderEvent, LedgerEvent } from '../../core/campaign/events.js';
import { acquireLock, type LockInfo } from './lock.js';
import { forEachLine } from './lines.js';

export interface LedgerRead {
  events: LedgerEvent[];
  /** Bytes of a torn last line (a write cut short by a crash), ignored. */
  tornBytes: number;
  /** Length of the intact part. */
  intactBytes: number;
}

function corrupt(path: string, lineNo: number): InputError {
  return new InputError(`${path}:${lineNo}: corrupt ledger line (not JSON)`, {
    code: 'corrupt-ledger',
    hint: 'the ledger was edited or damaged; restore it from a backup, or move it aside to start the campaign afresh (already-sent recipients would then be sent again)',
  });
}

function parseLine(path: string, line: string, lineNo: number): LedgerEvent {
  try {
    return JSON.parse(line) as LedgerEvent;
  } catch {
    throw corrupt(path, lineNo);
  }
}

/** Read a small ledger whole, without locking (tests, the demo). A missing file is an empty ledger. */
export function readLedger(path: string): LedgerRead {
  if (!existsSync(path)) return { events: [], tornBytes: 0, intactBytes: 0 };
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(10) + 1;
  const events: LedgerEvent[] = [];
  let lineNo = 0;
  for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
    lineNo++;
    if (line !== '') events.push(parseLine(path, line, lineNo));
  }
  return { events, tornBytes: buf.length - end, intactBytes: end };
}

/** Stream a ledger's events in bounded memory (a 1M-recipient ledger never becomes one string). */
export async function replayLedger(path: string, onEvent: (e: LedgerEvent) => void): Promise<{ events: number; tornBytes: number }> {
  if (existsSync(path) && statSync(path).isDirectory()) throw notAFile(path);
  let events = 0;
  const r = await forEachLine(path, (line, lineNo) => {
    events++;
    onEvent(parseLine(path, line, lineNo));
  });
  return { events, tornBytes: r.tornBytes };
}

/** The first header of a ledger (the campaign identity), reading only its first lines. */
export function readHeader(path: string): HeaderEvent | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isDirectory()) throw notAFile(path);
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    for (const line of text.split('\n').slice(0, -1)) {
      try {
        const e = JSON.parse(line) as LedgerEvent;
        if (e.t === 'header') return e;
      } catch {
        return undefined;
      }
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Length of the part of an open file that ends with a newline (searching back from the end in blocks). */
function intactLength(fd: number): number {
  const size = fstatSync(fd).size;
  const block = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - block.length);
    const n = readSync(fd, block, 0, end - start, start);
    const nl = block.subarray(0, n).lastIndexOf(10);
    if (nl !== -1) return start + nl + 1;
    end = start;
  }
  return 0;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A ledger is a regular file at its own name: a symlink or a device there is refused before anything is touched. */
function refuseForeign(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) {
    throw new InputError(`the ledger ${path} is a symbolic link (to ${readlinkSync(path)}): wa-ops appends only to a regular file`, {
      code: 'ledger-is-symlink',
      hint: 'if that is your ledger, pass its real path with --ledger',
    });
  }
  if (!st.isFile()) throw new InputError(`the ledger ${path} is not a regular file`, { code: 'not-a-ledger', hint: 'pass --ledger with the path of a file' });
}

/** The first bytes of a ledger are an event, `{"t":...` (or a prefix of it, when the very first write was torn). */
function looksLikeLedger(fd: number): boolean {
  const head = Buffer.alloc(64);
  const n = readSync(fd, head, 0, head.length, 0);
  const text = head.subarray(0, n).toString('utf8').trimStart();
  return /^\{\s*"t"\s*:/.test(text) || '{"t":'.startsWith(text);
}

/** A ledger path must name a file in a folder that exists (said plainly, not as an error about the lock's temporary file). */
function checkPlace(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) throw new InputError(`cannot keep the ledger ${path}: the folder ${dir} does not exist`, { code: 'no-such-folder', hint: 'create the folder, or pass another --ledger' });
  if (existsSync(path) && statSync(path).isDirectory()) throw notAFile(path);
}

function notAFile(path: string): InputError {
  return new InputError(`${path} is a folder, not a ledger file`, { code: 'not-a-file', hint: 'pass the path of a file to --ledger' });
}

/** An open, locked ledger for appending. */
export class Ledger {
  private readonly out: DurableAppender;
  private closed = false;

  private constructor(
    readonly path: string,
    private fd: number | undefined,
    private readonly lock: ReturnType<typeof acquireLock>,
    readonly tornBytes: number,
  ) {
    this.out = new DurableAppender(
      () => (this.fd ??= Ledger.create(path)),
      () => {
        const why = lock.lost();
        if (why) throw new Error(why);
      },
    );
  }

  /**
   * Lock and open a ledger for appending; a torn last line is trimmed. An absent ledger is created
   * (mode 0600) only when the first event is stored: a run declined at its prompt leaves no file behind.
   */
  static open(path: string): Ledger {
    checkPlace(path);
    const lock = acquireLock(`${path}.lock`);
    try {
      if (!existsSync(path) && !isSymlink(path)) return new Ledger(path, undefined, lock, 0);
      refuseForeign(path);
      // Never through a symlink (a campaign folder from someone else could plant one at the ledger's name).
      const fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW, 0o600);
      if (!looksLikeLedger(fd)) {
        closeSync(fd);
        throw new InputError(`${path} is not a wa-ops ledger (its first line is not a ledger event); nothing was changed`, {
          code: 'not-a-ledger',
          hint: 'pass --ledger with the path of the campaign\'s ledger, or a new file name',
        });
      }
      const size = fstatSync(fd).size;
      const intact = intactLength(fd);
      // The cut-short write was never acknowledged: trim it before anything is appended after it.
      if (intact < size) ftruncateSync(fd, intact);
      return new Ledger(path, fd, lock, size - intact);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private static create(path: string): number {
    // Exclusive: a file or symlink that appeared at the name since open() is not written through.
    const fd = openSync(path, 'ax+', 0o600);
    fsyncSync(fd);
    return fd;
  }

  /** A stale lock that was taken over when opening. */
  get tookOverLock(): LockInfo | undefined {
    return this.lock.tookOver;
  }

  /** Why the lock is no longer ours, or undefined. */
  lost(): string | undefined {
    return this.lock.lost();
  }

  /** Append an event; resolves once it is on disk (group-committed with whatever else is pending). */
  append(event: LedgerEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('ledger closed'));
    return this.out.append(JSON.stringify(event));
  }

  /** Resolve when everything appended so far is on disk. */
  drain(): Promise<void> {
    return this.out.drain();
  }

  get fsyncs(): number {
    return this.out.fsyncs;
  }

  get appended(): number {
    return this.out.appended;
  }

  /** Flush, close and release the lock. */
  close(): void {
    if (this.closed) return;
    try {
      if (!this.lock.lost()) this.out.flushSync();
    } finally {
      this.closed = true;
      if (this.fd !== undefined) closeSync(this.fd);
      this.lock.release();
    }
  }
}
