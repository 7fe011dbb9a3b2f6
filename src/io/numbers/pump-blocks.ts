/** Hand blocks of a list to the classifying threads and take their results back in input order, with bounded look-ahead. */
import type { TextBlock } from '../csv/reader.js';
import type { BlockRequest, BlockResult } from './block-types.js';

/** How blocks are handed out and their results taken back, in input order. */
export interface Pump {
  base: Omit<BlockRequest, 'index' | 'text' | 'startLine' | 'skipFirstRecord'>;
  /** Results not yet consumed, oldest first (the caller settles them on failure). */
  inflight: Promise<BlockResult>[];
  maxInflight: number;
  /** Start work on one block: on a worker thread, or inline. */
  dispatch(req: BlockRequest): Promise<BlockResult>;
  consume(r: BlockResult): void;
  /** Bytes of the input read so far. */
  position(): number;
  /** Called as blocks are read once results come back, with the input's bytes up to the last block consumed (about: the reader reads in chunks). */
  tick(bytesDone: number): void;
}

/** Submit every block, consuming results in order; progress follows the blocks consumed, not the reader running ahead. */
export async function pumpBlocks(head: TextBlock[], rest: AsyncIterable<TextBlock>, p: Pump): Promise<void> {
  let index = 0;
  // The input's position when each in-flight block was handed out, oldest first (beside p.inflight).
  const ends: number[] = [];
  const submit = (block: TextBlock) => {
    const req: BlockRequest = { ...p.base, index, text: block.text, startLine: block.startLine, skipFirstRecord: index === 0 };
    index++;
    p.inflight.push(p.dispatch(req));
    ends.push(p.position());
  };
  let done = -1;
  const consumeOldest = async () => {
    p.consume(await p.inflight.shift()!);
    done = ends.shift()!;
  };
  for (const block of head) submit(block);
  for await (const block of rest) {
    submit(block);
    while (p.inflight.length >= p.maxInflight) await consumeOldest();
    // Nothing to say before the first result ("0 rows"), nor while the last blocks drain (the report follows).
    if (done >= 0) p.tick(done);
  }
  while (p.inflight.length > 0) await consumeOldest();
}
