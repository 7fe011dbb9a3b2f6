/** Reading a ledger without the lock: whole (small ones), as a stream (any size), or just its header. */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import type { HeaderEvent, LedgerEvent } from '../../core/campaign/events.js';
import { refuseUnreadable } from './ledger-file.js';
import { forEachLine } from './lines.js';

/** A ledger read whole: its events and how much of its tail was torn. */
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
  refuseUnreadable(path);
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
  refuseUnreadable(path);
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
  refuseUnreadable(path);
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
