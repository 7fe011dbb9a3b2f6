/**
 * Parse and classify one block of whole CSV records: the unit of work a worker thread does. The
 * worker also renders the output rows, so the thread that keeps order only decides duplicates.
 */
import { createRng } from '../../core/numbers/sampling.js';
import { redact } from '../../core/redact.js';
import { eachRecord, isBlankRecord } from '../csv/records.js';
import { BlockFold } from './block-fold.js';
import type { BlockRequest, BlockResult } from './block-types.js';

export type { BlockRequest, BlockResult } from './block-types.js';

/** Parse the block's records and classify their phone cells. */
export function processBlock(req: BlockRequest): BlockResult {
  const fold = new BlockFold(req);
  let skip = req.skipFirstRecord;
  // Each block samples with its own stream, so the sample does not depend on which thread took the block.
  const rng = req.samplePercent === undefined ? undefined : createRng((req.seed ^ Math.imul(req.index + 1, 0x9e3779b1)) >>> 0);
  const sampled = req.samplePercent ?? 100;
  // Redacted once per block: the output rows are the input cells plus fields wa-ops made.
  const text = req.wantRows ? redact(req.text) : req.text;
  eachRecord(text, req.delimiter, req.startLine, (cells, line) => {
    if (isBlankRecord(cells)) return;
    if (skip) {
      skip = false;
      return;
    }
    fold.count(cells, line);
    if (rng && rng() * 100 >= sampled) return;
    fold.classify(cells, line);
  });
  return fold.result();
}
