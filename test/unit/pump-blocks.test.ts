// validate-numbers' progress: the percent follows the rows classified, not the reader running ahead of the threads.
import { describe, expect, it } from 'vitest';
import type { BlockRequest, BlockResult } from '../../src/io/numbers/block-types.js';
import { pumpBlocks, type Pump } from '../../src/io/numbers/pump-blocks.js';

const ROWS_PER_BLOCK = 1000;
const BYTES_PER_BLOCK = 25_000;

describe('pumpBlocks', () => {
  it('reports the bytes up to the last block consumed: rows done and bytes done agree, never "0 rows"', async () => {
    const blocks = 40;
    let read = BYTES_PER_BLOCK; // the first block is read before the pump starts
    async function* rest() {
      for (let i = 1; i < blocks; i++) {
        read += BYTES_PER_BLOCK;
        yield { text: `block ${i}`, startLine: i * ROWS_PER_BLOCK + 2 };
      }
    }
    let rows = 0;
    const ticks: { rows: number; share: number }[] = [];
    const order: number[] = [];
    const p: Pump = {
      base: {} as Pump['base'],
      inflight: [],
      maxInflight: 8,
      // Workers answer later than the reader reads: results resolve on a later turn.
      dispatch: (req: BlockRequest) => new Promise<BlockResult>((resolve) => setTimeout(() => resolve({ index: req.index, rows: ROWS_PER_BLOCK } as BlockResult), 1)),
      consume: (r) => {
        order.push(r.index);
        rows += r.rows;
      },
      position: () => read,
      tick: (bytesDone) => ticks.push({ rows, share: bytesDone / (blocks * BYTES_PER_BLOCK) }),
    };
    await pumpBlocks([{ text: 'block 0', startLine: 1 }], rest(), p);
    expect(order).toEqual([...Array(blocks).keys()]);
    expect(ticks.length).toBeGreaterThan(blocks / 2);
    for (const t of ticks) expect(t.share).toBeCloseTo(t.rows / (blocks * ROWS_PER_BLOCK), 5);
    // Before: the reader's position with 8 blocks in flight ("0 rows … 14 %").
    expect(ticks[0]).toEqual({ rows: ROWS_PER_BLOCK, share: 1 / blocks });
    // While the last blocks drain nothing is said: the report follows.
    expect(ticks.at(-1)!.share).toBeLessThan(1);
  });
});
