/** The ordering thread's share of the work: blocks in input order -> duplicates, counts and output bytes. */
import { E164Set } from '../../core/numbers/e164-set.js';
import type { Tally } from '../../core/numbers/tally.js';
import type { CsvOut } from '../csv/writer.js';
import type { BlockResult } from './block.js';
import type { SampleStaging } from './sample-staging.js';

const DUPLICATE = new Uint8Array(Buffer.from('duplicate'));

/** Where the ordered sink writes: the annotated copy, the valid rows, the sample staging. */
export interface SinkOutputs {
  annotated?: CsvOut;
  validOut?: CsvOut;
  staging?: SampleStaging;
}

/** Consumes block results in input order; only here is "duplicate" decided (first seen wins). */
export class OrderedSink {
  private readonly seen = new E164Set();

  constructor(
    private readonly tally: Tally,
    private readonly o: SinkOutputs,
  ) {}

  /** Take one block's result (blocks must arrive in input order). */
  consume(r: BlockResult): void {
    const { tally, seen } = this;
    const { annotated, validOut, staging } = this.o;
    tally.addCounts(r);
    // Unique valid rows are counted per (region, type) of the block, and summed once at the end of it.
    const unique = new Uint32Array(r.names.length);
    const keepValid = validOut !== undefined || staging !== undefined;
    const bytes = r.out;
    let pos = 0;
    // A run of unique valid rows that follow each other goes to --valid-out as one slice.
    let runStart = -1;
    let runEnd = -1;
    const endRun = () => {
      if (runStart >= 0) validOut?.writeBytes(bytes.subarray(runStart, runEnd));
      runStart = -1;
    };
    for (let i = 0; i < r.line.length; i++) {
      const firstLine = seen.addOrGetKey(r.key[i], r.line[i]);
      if (firstLine === 0) {
        unique[r.kind[i]]++;
        if (!keepValid || bytes.byteLength === 0) continue;
        staging?.add(bytes.subarray(r.rowStart[i], r.rowEnd[i]));
        if (runStart >= 0 && runEnd === r.rowStart[i]) runEnd = r.rowEnd[i];
        else {
          endRun();
          [runStart, runEnd] = [r.rowStart[i], r.rowEnd[i]];
        }
        continue;
      }
      tally.addDuplicate(`+${r.key[i]}`, r.line[i], firstLine);
      if (annotated && bytes.byteLength > 0) {
        annotated.writeBytes(bytes.subarray(pos, r.statusAt[i]));
        annotated.writeBytes(DUPLICATE);
        pos = r.statusAt[i] + 5;
      }
    }
    endRun();
    for (let k = 0; k < unique.length; k++) {
      if (unique[k] === 0) continue;
      const space = r.names[k].indexOf(' ');
      tally.addUnique(r.names[k].slice(0, space), r.names[k].slice(space + 1), unique[k]);
    }
    annotated?.writeBytes(bytes.subarray(pos));
  }
}
