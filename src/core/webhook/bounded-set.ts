/** Dedupe keys in bounded memory. */

/** A set that forgets its oldest keys past a size, for dedupe in bounded memory. */
export class BoundedSet {
  private readonly set = new Set<string>();
  constructor(private readonly max = 1_000_000) {}

  /** Add a key; false when it was there already. */
  add(key: string): boolean {
    if (this.set.has(key)) return false;
    this.set.add(key);
    if (this.set.size > this.max) {
      const oldest = this.set.values().next();
      if (!oldest.done) this.set.delete(oldest.value);
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
