/** store export: a stored campaign written back as a JSON Lines ledger (its events, then its webhook statuses), never over an existing file. */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { openOutput } from '../../output-file.js';
import { errnoCode } from '../../../core/caught.js';
import { InputError } from '../../../core/errors.js';
import type { LedgerEvent } from '../../../core/campaign/events.js';
import type { PgConnection } from './connect.js';
import { forEachStatusEvent } from './status-events.js';
import { readEvents } from './tables/ledger-events.js';

/** What an export wrote: ledger events and webhook statuses. */
export interface ExportResult {
  events: number;
  statuses: number;
}

/**
 * Write the campaign's ledger to outPath (mode 0600): complete or not at all, and never replacing a file.
 * "-" is standard output (as for every file wa-ops writes); an existing device or FIFO is written in place.
 */
export async function exportCampaign(conn: PgConnection, campaignId: string, outPath: string): Promise<ExportResult> {
  if (outPath === '-' || isSpecial(outPath)) {
    const out = openOutput(outPath);
    try {
      const res = await writeLedger(conn, campaignId, (text) => out.write(text));
      out.commit();
      return res;
    } catch (err) {
      out.abort();
      throw err;
    }
  }
  if (existsSync(outPath)) throw outExists(outPath);
  const tmp = `${outPath}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o600);
  } catch (err) {
    throw new InputError(`cannot write next to ${outPath}: ${errnoCode(err)}`, { code: 'bad-out', hint: 'choose a folder that exists and is writable' });
  }
  let done = false;
  try {
    const res = await writeLedger(conn, campaignId, (text) => writeSync(fd, text));
    fsyncSync(fd);
    closeSync(fd);
    try {
      linkSync(tmp, outPath); // fails if the file exists: a user's file is never replaced
    } catch (err) {
      if (errnoCode(err) === 'EEXIST') throw outExists(outPath);
      throw err;
    }
    done = true;
    return res;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    unlinkSync(tmp);
  }
}

/** The ledger events, then the statuses as ledger "status" events (status --ledger then shows delivered and read without the store), in chunks. */
async function writeLedger(conn: PgConnection, campaignId: string, write: (text: string) => void): Promise<ExportResult> {
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) write(chunk.join('\n') + '\n');
    chunk = [];
  };
  const put = (e: LedgerEvent) => {
    chunk.push(JSON.stringify(e));
    if (chunk.length >= 2000) flush();
  };
  let events = 0;
  for await (const { event } of readEvents(conn, campaignId)) {
    put(event);
    events++;
  }
  // Each status carries its webhook record: store import turns it back into that record, whole.
  const statuses = await forEachStatusEvent(conn, campaignId, (e, record) => put({ ...e, webhook: record }));
  flush();
  return { events, statuses };
}

/** An existing path that is neither a regular file nor a folder (/dev/null, a FIFO): written in place by openOutput, which refuses disks. */
function isSpecial(path: string): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  return st !== undefined && !st.isFile() && !st.isDirectory();
}

function outExists(outPath: string): InputError {
  if (statSync(outPath, { throwIfNoEntry: false })?.isDirectory()) return new InputError(`--out ${outPath} is a folder, not a file`, { code: 'out-exists', hint: 'give --out a file name, such as ledger.jsonl' });
  return new InputError(`${outPath} exists; wa-ops does not overwrite it`, { code: 'out-exists', hint: 'choose another --out file, or move the existing one aside' });
}
