/** Valid unique rows kept aside on disk until their count is known, so a uniform sample can be drawn from them. */
import { closeSync, constants, createReadStream, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRng, sampleSize, selectionSampler } from '../../core/numbers/sampling.js';
import type { CsvOut } from '../csv/writer.js';
import { pidTempName, sweepStaleTemps } from '../stale-temp.js';
import { trackUnfinished } from '../unfinished-outputs.js';

const PREFIX = 'wa-ops-sample-';
const SUFFIX = '.bin';

/**
 * A temporary file (random name with the pid, created exclusively, no symlink followed, 0600) of
 * length-prefixed rows. The leftovers of runs killed with SIGKILL (dead pids) are removed first.
 */
export class SampleStaging {
  private readonly path: string;
  private fd: number | undefined;
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor() {
    sweepStaleTemps(tmpdir(), PREFIX, SUFFIX);
    this.path = pidTempName(tmpdir(), PREFIX, SUFFIX);
    this.fd = openSync(this.path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    // Rows of the list (names, numbers) sit in the system's temp folder: removed on exit too (Ctrl-C, SIGTERM).
    trackUnfinished(this.path, true);
  }

  /** Keep one rendered row (rows may hold line breaks inside quotes, hence a 4-byte length first). */
  add(row: Uint8Array): void {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(row.byteLength);
    this.chunks.push(head, row);
    this.bytes += 4 + row.byteLength;
    if (this.bytes > 1 << 20) this.flush();
  }

  /** Write a uniform random sample of the kept rows (percent of population, seeded); returns its size. */
  async draw(population: number, percent: number, seed: number, out: CsvOut): Promise<number> {
    this.flush();
    this.close();
    const k = sampleSize(population, percent);
    const take = selectionSampler(population, k, createRng(seed ^ 0x5eed));
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of createReadStream(this.path)) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      let at = 0;
      while (at + 4 <= pending.length) {
        const len = pending.readUInt32LE(at);
        if (at + 4 + len > pending.length) break;
        if (take()) out.writeBytes(pending.subarray(at + 4, at + 4 + len));
        at += 4 + len;
      }
      pending = pending.subarray(at);
    }
    return k;
  }

  /** Close and remove the file. */
  dispose(): void {
    this.close();
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
    trackUnfinished(this.path, false);
  }

  private flush(): void {
    if (this.fd !== undefined && this.chunks.length > 0) writeSync(this.fd, Buffer.concat(this.chunks));
    this.chunks = [];
    this.bytes = 0;
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
