/** Seeded randomness, sequential sampling and confidence intervals for pilot samples and estimates. */

/** A small, fast, seedable PRNG (mulberry32) returning floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parse a --seed value: integers are used as they are, any other text is hashed. */
export function seedFrom(value: string): number {
  if (/^\d+$/.test(value)) return Number(BigInt(value) % 4294967296n);
  let h = 2166136261;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Sample size for a percentage of a population: rounded, and at least 1 when there is anyone. */
export function sampleSize(population: number, percent: number): number {
  if (population <= 0 || percent <= 0) return 0;
  return Math.min(population, Math.max(1, Math.round((population * percent) / 100)));
}

/**
 * Knuth's selection sampling (Algorithm S): walk a population of known size in order and pick
 * exactly `k` items uniformly at random, in input order, with O(1) memory.
 */
export function selectionSampler(population: number, k: number, rng: () => number): () => boolean {
  let seen = 0;
  let picked = 0;
  return () => {
    const take = (population - seen) * rng() < k - picked;
    seen++;
    if (take) picked++;
    return take;
  };
}

/** Wilson score interval (95 %) for a proportion: honest near 0 and 1, where the normal one is not. */
export function wilson95(successes: number, trials: number): [number, number] {
  if (trials === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / (1 + z2n);
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === trials ? 1 : Math.min(1, centre + half)];
}
