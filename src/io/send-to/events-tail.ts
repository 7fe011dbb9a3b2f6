/** Follow the events file that a running `webhook serve` appends to, reading only what is new. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { StatusRecord } from '../../core/webhook/records.js';

/** Size of the events file now (0 when it does not exist yet). */
export function eventsSize(path: string): number {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

/** A path that exists but is not a file (a folder) cannot be the events file. */
export function notAFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads whole new lines from an offset; a torn or half-written last line waits for the next read. */
export class EventsTail {
  private rest = '';

  constructor(
    private readonly path: string,
    private offset: number,
  ) {}

  /** Status records appended since the last read (other kinds and broken lines are skipped). */
  read(): StatusRecord[] {
    const size = eventsSize(this.path);
    if (size < this.offset) {
      // The file was replaced or truncated: start over from its beginning.
      this.offset = 0;
      this.rest = '';
    }
    if (size === this.offset) return [];
    const buf = Buffer.alloc(size - this.offset);
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return [];
    }
    try {
      const n = readSync(fd, buf, 0, buf.length, this.offset);
      this.offset += n;
      const text = this.rest + buf.subarray(0, n).toString('utf8');
      const end = text.lastIndexOf('\n') + 1;
      this.rest = text.slice(end);
      return parseStatuses(text.slice(0, end));
    } finally {
      closeSync(fd);
    }
  }
}

function parseStatuses(text: string): StatusRecord[] {
  const out: StatusRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as StatusRecord;
      if (r && r.kind === 'status' && typeof r.id === 'string') out.push(r);
    } catch {
      // not ours to judge: analyze reports broken lines
    }
  }
  return out;
}

/** Inbound messages in the last `maxBytes` of the events file (the recent end of an append-only file), or null when there is no file. */
export function recentInbound(path: string, maxBytes = 16 << 20): { from: string; ts: string }[] | null {
  const size = eventsSize(path);
  if (size === 0) return null;
  const start = Math.max(0, size - maxBytes);
  const buf = Buffer.alloc(size - start);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buf, 0, buf.length, start);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null; // unreadable: no opinion on the window
  }
  const out: { from: string; ts: string }[] = [];
  // The first line may be cut by the window: it fails to parse and is skipped like any broken line.
  for (const line of buf.toString('utf8').split('\n')) {
    if (!line.includes('"message"')) continue;
    try {
      const r = JSON.parse(line) as { kind?: string; from?: unknown; ts?: unknown };
      if (r.kind === 'message' && typeof r.from === 'string' && typeof r.ts === 'string') out.push({ from: r.from, ts: r.ts });
    } catch {
      // skipped
    }
  }
  return out;
}
