/** The latest account, number and template events from the events file, for status and doctor. */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describeManagement, latestManagement, type ManagementEvent, type ManagementFilter } from '../core/webhook/management.js';
import type { ManagementRecord } from '../core/webhook/records.js';

/** Every management event in the file, in file order (a missing file has none; broken lines are skipped). */
export async function readManagementEvents(eventsPath: string): Promise<ManagementEvent[]> {
  const out: ManagementEvent[] = [];
  if (!existsSync(eventsPath)) return out;
  const lines = createInterface({ input: createReadStream(eventsPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    // Statuses are the bulk of the file: skip them without parsing.
    if (!line.startsWith('{"kind":"management"')) continue;
    try {
      out.push(describeManagement(JSON.parse(line) as ManagementRecord));
    } catch {
      // a torn last line
    }
  }
  return out;
}

/** The latest event per field and subject that concerns a template, senders or the WABA, newest first. */
export async function latestManagementFor(eventsPath: string, filter: ManagementFilter): Promise<ManagementEvent[]> {
  return latestManagement(await readManagementEvents(eventsPath), filter);
}
