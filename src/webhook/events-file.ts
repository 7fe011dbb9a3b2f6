/** The events file as `webhook serve` opens it: checked, locked (one writer), a torn tail repaired, then handed to its intake. */
import { closeSync, fstatSync, openSync, statSync } from 'node:fs';
import { namesFile, repairTail, syncFolder } from './events-file-disk.js';

export { repairTail } from './events-file-disk.js';
import { dirname } from 'node:path';
import { errnoCode } from '../core/caught.js';
import { InputError } from '../core/errors.js';
import { holdsEvents } from './events-file-check.js';
import { FileIntake } from './file-intake.js';
import { lockEventsFile, type EventsLock } from './events-lock.js';
import { EventsFileMoved } from './intake-types.js';
import type { BoundedSet } from '../core/webhook/records.js';

/** The events file, open for appending under its lock. */
export interface OpenEventsFile {
  /** What appends to it (the only writer): dedupe, durable group commit. */
  intake: FileIntake;
  lock: EventsLock;
  /** What was done to a torn last line: kept (newline added), dropped (an unacknowledged fragment), or nothing. */
  repaired: 'kept' | 'dropped' | null;
  /** This server created the file (it did not exist): removed again if the server never starts and nothing was written. */
  created: boolean;
  /** The file opened (device and inode): the path naming another file, or none, means it was moved or removed. */
  id: { dev: number; ino: number };
  /** Whether the open file still has a name (removed, what is written to it is lost when serve stops). */
  linked(): boolean;
  /** Told when a batch finds the path naming another file or none (the holder then looks at once). */
  onMoved: () => void;
  /** Write here although the path no longer names this file: a new one cannot be opened and this one still has a name. */
  stayPut: boolean;
  /** A hurried stop: refuse what is not written yet, finish the batches already written. */
  finishInFlight(): Promise<void>;
  close(): Promise<void>;
}

/** Refuse a path that cannot be the events file; true when the file exists already (false: this server creates it). */
function checkPath(path: string): boolean {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw new InputError(`cannot use ${path} as the events file: ${errnoCode(err)}`, { code: 'bad-events-file' });
    try {
      if (!statSync(dirname(path)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new InputError(`cannot create ${path}: the folder ${dirname(path)} does not exist`, { code: 'bad-events-file', hint: 'create the folder or choose another --events file' });
    }
    return false;
  }
  if (!st.isFile()) throw new InputError(`${path} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}; the events file must be a file`, { code: 'bad-events-file', hint: 'pass a file name with --events, e.g. --events webhook-events.jsonl' });
  // Before anything is repaired or appended: a CSV or another file named as --events must stay as it is.
  if (!holdsEvents(path)) throw new InputError(`${path}:1: not an events file (expected JSON lines written by wa-ops webhook serve); nothing was changed in it`, { code: 'not-an-events-file', hint: 'pass a new file or the events file webhook serve wrote, e.g. --events webhook-events.jsonl' });
  return true;
}

/** Open (creating, mode 0600) and lock the events file; throws a usage error when another server holds it. */
export async function openEventsFile(path: string, allRecords: boolean, keys?: BoundedSet): Promise<OpenEventsFile> {
  const existed = checkPath(path);
  closeSync(openSync(path, 'a', 0o600));
  // The file's syncs make its lines durable, not its name: a new file's folder is synced once, or a power loss could
  // take the whole file with every event acknowledged in it.
  if (!existed) syncFolder(dirname(path));
  const lock = await lockEventsFile(path);
  try {
    const rw = openSync(path, 'r+');
    let repaired: OpenEventsFile['repaired'];
    try {
      repaired = repairTail(rw);
    } finally {
      closeSync(rw);
    }
    const fd = openSync(path, 'a', 0o600);
    const { dev, ino } = fstatSync(fd);
    const linked = () => fstatSync(fd).nlink > 0;
    // Once per batch (a stat, µs): a rotation or rm between the holder's looks must not take acknowledged events with it.
    const guard = {
      beforeWrite: () => {
        if (file.stayPut || namesFile(path, dev, ino)) return null;
        file.onMoved();
        return new EventsFileMoved(`${path} was moved or removed`);
      },
      afterSync: () => (linked() ? null : new EventsFileMoved(`${path} was removed`)),
    };
    let intake: FileIntake;
    try {
      intake = await FileIntake.start({ path, fd, allRecords, keys, guard });
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    const file: OpenEventsFile = {
      intake,
      lock,
      repaired,
      created: !existed,
      id: { dev, ino },
      linked,
      onMoved: () => {},
      stayPut: false,
      finishInFlight: () => intake.finishInFlight(),
      async close() {
        await intake.close();
        closeSync(fd);
        await lock.release();
      },
    };
    return file;
  } catch (err) {
    await lock.release();
    throw err;
  }
}
