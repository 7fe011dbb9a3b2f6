/** The dedupe keys of every event already in the events file, read once at start. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { BoundedSet } from '../core/webhook/records.js';

/** Every stored event's key (bounded: the oldest are forgotten past a million), added to `keys` when given. */
export async function loadKeys(path: string, keys = new BoundedSet()): Promise<BoundedSet> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    // The key is near the start of every record: skip full parses for speed.
    const m = /"key":"((?:[^"\\]|\\.)*)"/.exec(line);
    if (m) keys.add(JSON.parse(`"${m[1]}"`) as string);
  }
  return keys;
}
