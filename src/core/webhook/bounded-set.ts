/** Dedupe keys in bounded memory. */

/**
 * A set that forgets its oldest keys past a size, for dedupe in bounded memory. The insertion order is kept in a ring
 * beside the set: taking the oldest from the set itself (`values().next()` after deletes) walks V8's deleted-entry
 * holes on every add, which made a full set quadratic (600 k adds past 200 k: 52 s).
 */
export class BoundedSet {
  private readonly set = new Set<string>();
  private readonly ring: string[] = [];
  private next = 0;
  constructor(private readonly max = 1_000_000) {}

  /** Add a key; false when it was there already. */
  add(key: string): boolean {
    if (this.set.has(key)) return false;
    this.set.add(key);
    if (this.ring.length < this.max) this.ring.push(key);
    else {
      this.set.delete(this.ring[this.next]);
      this.ring[this.next] = key;
      this.next = (this.next + 1) % this.max;
    }
    return true;
  }

  /** Is the key known? */
  has(key: string): boolean {
    return this.set.has(key);
  }

  /** How many keys are kept. */
  get size(): number {
    return this.set.size;
  }
}
