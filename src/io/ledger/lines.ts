/** Stream the complete lines of a JSON Lines file in bounded memory (no giant string), reporting a torn last line. */
import { open } from 'node:fs/promises';
import { errnoCode } from '../../core/caught.js';

/** How much of a file was whole lines, and the size of a torn last line. */
export interface LinesRead {
  /** Bytes after the last newline: a write cut short, not part of the file's content. */
  tornBytes: number;
  /** Length of the part that ends with a newline. */
  intactBytes: number;
}

const CHUNK = 1 << 20;

/** Call onLine for every newline-terminated line (empty lines skipped), in order; a missing file has none. */
export async function forEachLine(path: string, onLine: (line: string, lineNo: number) => void): Promise<LinesRead> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { tornBytes: 0, intactBytes: 0 };
    throw err;
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let rest: Buffer | undefined;
    let pos = 0;
    let intact = 0;
    let lineNo = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      let chunk = buf.subarray(0, bytesRead);
      if (rest) chunk = Buffer.concat([rest, chunk]);
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        lineNo++;
        if (nl > start) onLine(chunk.toString('utf8', start, nl), lineNo);
        start = nl + 1;
      }
      intact = pos - (chunk.length - start);
      // Copy the unfinished line: buf is reused for the next read.
      rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
    }
    return { tornBytes: pos - intact, intactBytes: intact };
  } finally {
    await fh.close();
  }
}
