import { describe, expect, it } from 'vitest';
import { createRng, sampleSize, seedFrom, selectionSampler, wilson95 } from '../../src/core/numbers/sampling.js';
import { E164Set } from '../../src/core/numbers/e164-set.js';

describe('sampling', () => {
  it('picks exactly k of n, the same ones for the same seed', () => {
    const pick = (seed: number) => {
      const take = selectionSampler(1000, 100, createRng(seed));
      return Array.from({ length: 1000 }, (_, i) => i).filter(() => take());
    };
    expect(pick(7)).toHaveLength(100);
    expect(pick(7)).toEqual(pick(7));
    expect(pick(7)).not.toEqual(pick(8));
  });

  it('is uniform: every position is picked about equally often', () => {
    const counts = new Array(10).fill(0);
    const rng = createRng(1);
    for (let run = 0; run < 20000; run++) {
      const take = selectionSampler(10, 3, rng);
      for (let i = 0; i < 10; i++) if (take()) counts[i]++;
    }
    for (const c of counts) expect(c / 20000).toBeCloseTo(0.3, 1);
  });

  it('sizes samples and seeds sensibly', () => {
    expect(sampleSize(0, 10)).toBe(0);
    expect(sampleSize(3, 10)).toBe(1);
    expect(sampleSize(12345, 10)).toBe(1235);
    expect(seedFrom('42')).toBe(42);
    expect(seedFrom('spring')).toBe(seedFrom('spring'));
  });

  it('gives a Wilson interval that contains the estimate and stays in [0, 1]', () => {
    const [lo, hi] = wilson95(20, 100);
    expect(lo).toBeGreaterThan(0.12);
    expect(hi).toBeLessThan(0.3);
    expect(wilson95(0, 50)[0]).toBe(0);
    expect(wilson95(50, 50)[1]).toBe(1);
  });
});

describe('E164Set', () => {
  it('remembers the first line of each number across growth', () => {
    const set = new E164Set(4);
    for (let i = 0; i < 10000; i++) expect(set.addOrGet(`+49170${1000000 + i}`, i + 2)).toBe(0);
    expect(set.size).toBe(10000);
    expect(set.addOrGet('+491701000000', 99999)).toBe(2);
    expect(set.addOrGet('+491701009999', 99999)).toBe(10001);
  });
});
